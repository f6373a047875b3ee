package org.crmkit.jpa.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;
import org.crmkit.shared.Visibility;

/**
 * A JPQL WHERE clause built from optional filters, with named parameters, and the paging every list port uses:
 * one query for the page, plus one count query only when the page alone cannot tell the total. Every clause starts
 * with its tenant ({@link #tenant}); a {@link Visibility} becomes a condition on the owner ({@link #visible}).
 */
final class Where {
  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> parameters = new LinkedHashMap<>();
  /** True when a condition can match no row (an empty visibility): no statement is sent at all. */
  private boolean matchesNothing;

  /** @return a clause whose first condition is {@code alias.tenantId = :tenant} */
  static Where tenant(String alias, TenantId tenant) {
    return new Where().and(alias + ".tenantId = :tenant", "tenant", tenant.value());
  }

  /**
   * Adds the visibility as a condition on {@code ownerPath}: nothing for {@link Visibility.All}, {@code ownerPath in
   * (:visibleOwners0, ...)} for owners ({@link InList}), and for no owner at all a clause that {@link #matchesNothing() matches nothing}.
   */
  Where visible(String ownerPath, Visibility visible) {
    Objects.requireNonNull(visible, "visible");
    if (visible instanceof Visibility.Owners owners) {
      if (owners.isEmpty()) {
        matchesNothing = true;
      } else {
        in(ownerPath, InList.of("visibleOwners", owners(owners)));
      }
    }
    return this;
  }

  /** @return the owners' ids as stored in the owner columns, in a stable order */
  static List<String> owners(Visibility.Owners owners) {
    return owners.owners().stream().map(UserId::value).sorted().toList();
  }

  /** @return true when no row can match, so no query needs to run */
  boolean matchesNothing() {
    return matchesNothing;
  }

  /** Adds {@code condition} with one parameter {@code :name}, unless the value is null. */
  Where and(String condition, String name, Object value) {
    if (value != null) {
      conditions.add(condition);
      parameters.put(name, value);
    }
    return this;
  }

  /** Adds a condition with two parameters when the first value is not null. */
  Where and(String condition, String name, Object value, String otherName, Object otherValue) {
    if (value != null) {
      conditions.add(condition);
      parameters.put(name, value);
      parameters.put(otherName, otherValue);
    }
    return this;
  }

  /** Adds {@code path in (...)} with one parameter per value ({@link InList}: the provider can cache the SQL). */
  Where in(String path, InList values) {
    conditions.add(values.in(path));
    for (int i = 0; i < values.values().size(); i++) {
      parameters.put(values.name() + i, values.values().get(i));
    }
    return this;
  }

  /** Adds a condition without parameters. */
  Where and(String condition) {
    conditions.add(condition);
    return this;
  }

  @Override
  public String toString() {
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  <T> TypedQuery<T> bind(TypedQuery<T> query) {
    parameters.forEach(query::setParameter);
    return query;
  }

  /**
   * Runs {@code select} (whose WHERE clause is this one) for one page, ordered as given, and counts the matches.
   *
   * @param select JPQL up to and including this WHERE clause and the ORDER BY
   * @param count JPQL counting the same rows
   */
  <R, T> Page<T> page(
      EntityManager em, String select, Class<R> rowType, String count, PageRequest request, Function<R, T> mapper) {
    if (matchesNothing) {
      return new Page<>(List.of(), request, 0);
    }
    List<R> rows;
    if (request.offset() > Integer.MAX_VALUE) {
      rows = List.of();
    } else {
      rows = bind(em.createQuery(select, rowType))
          .setFirstResult((int) request.offset())
          .setMaxResults(request.size())
          .getResultList();
    }
    long total;
    if (rows.size() < request.size() && (!rows.isEmpty() || request.offset() == 0)) {
      // A short, non-empty page (or an empty first page) is the last one: the total follows without counting.
      total = request.offset() + rows.size();
    } else {
      total = bind(em.createQuery(count, Long.class)).getSingleResult();
    }
    List<T> items = new ArrayList<>(rows.size());
    for (R row : rows) {
      items.add(mapper.apply(row));
    }
    return new Page<>(items, request, total);
  }

  /** Escapes LIKE wildcards; use with {@code escape '\'}. */
  static String likeContains(String text) {
    StringBuilder out = new StringBuilder("%");
    for (char c : text.toCharArray()) {
      if (c == '%' || c == '_' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('%').toString();
  }
}
