package org.crmkit.jpa.internal;

import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A collection bound as an {@code IN} list of single parameters ({@code :name0, :name1, ...}) rather than as one
 * collection-valued parameter. The provider caches the SQL of a query only when no parameter is a collection
 * (Hibernate translates a query with a list parameter anew on every execution, because its SQL depends on the list's
 * length), so this keeps the translation cached. The list is padded to a power of two by repeating its last value,
 * so that lists of different lengths share a few statements, as {@code hibernate.query.in_clause_parameter_padding}
 * does for list parameters.
 *
 * @param name the parameters' common prefix
 * @param values the values, padded; never empty
 */
record InList(String name, List<Object> values) {
  InList {
    Objects.requireNonNull(name, "name");
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("an IN list needs at least one value (SQL has no empty IN ())");
    }
  }

  /**
   * @param name the parameters' prefix, a JPQL identifier
   * @param values at least one value; a stable order (e.g. sorted) lets equal sets share a statement
   * @return the list, padded to a power of two
   */
  static InList of(String name, Collection<?> values) {
    List<Object> padded = new ArrayList<>(values);
    if (padded.isEmpty()) {
      throw new IllegalArgumentException("an IN list needs at least one value (SQL has no empty IN ())");
    }
    int size = Integer.highestOneBit(padded.size());
    if (size < padded.size()) {
      size <<= 1;
    }
    Object last = padded.get(padded.size() - 1);
    while (padded.size() < size) {
      padded.add(last);
    }
    return new InList(name, padded);
  }

  /**
   * @return {@code path in (:name0, :name1, ...)}, or {@code path = :name0} for one value: Hibernate reads
   *     {@code in (:p)} with a single parameter as a possible list parameter and translates it anew on every execution
   */
  String in(String path) {
    if (values.size() == 1) {
      return path + " = :" + name + "0";
    }
    StringBuilder sql = new StringBuilder(path).append(" in (");
    for (int i = 0; i < values.size(); i++) {
      sql.append(i == 0 ? ":" : ", :").append(name).append(i);
    }
    return sql.append(')').toString();
  }

  /**
   * A condition on constant texts as JPQL string literals ({@code path in ('a', 'b')}, or {@code path = 'a'}), for the
   * SELECT clause: there Hibernate renders a parameter as a literal and translates the query anew on every
   * execution. Quotes are doubled, so any text is safe; meant for configuration values such as stage keys.
   *
   * @param values at least one text
   */
  static String literals(String path, Collection<String> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("an IN list needs at least one value (SQL has no empty IN ())");
    }
    List<String> quoted = values.stream().map(v -> "'" + v.replace("'", "''") + "'").toList();
    return quoted.size() == 1 ? path + " = " + quoted.get(0) : path + " in (" + String.join(", ", quoted) + ")";
  }

  /** Binds every parameter of {@link #in}. */
  <Q extends Query> Q bind(Q query) {
    for (int i = 0; i < values.size(); i++) {
      query.setParameter(name + i, values.get(i));
    }
    return query;
  }
}
