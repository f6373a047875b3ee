package org.crmkit.inmemory.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;

/**
 * One versioned table of immutable snapshots. Committed rows live in a concurrent map; a transaction's writes
 * live in its own workspace until commit, when {@link InMemoryDatabase} checks that every row still has the
 * version the transaction based its write on.
 *
 * @param <K> key type
 * @param <S> snapshot type (an immutable record)
 */
public final class Table<K, S> {
  private final RecordType type;
  private final Function<S, K> key;
  private final Function<S, Long> version;
  private final VersionSetter<S> withVersion;
  private final Comparator<S> order;
  private final Map<K, S> committed = new ConcurrentHashMap<>();
  private final InMemoryDatabase db;

  /** Sets the version of a snapshot. */
  @FunctionalInterface
  public interface VersionSetter<S> {
    S withVersion(S snapshot, long version);
  }

  Table(
      InMemoryDatabase db,
      RecordType type,
      Function<S, K> key,
      Function<S, Long> version,
      VersionSetter<S> withVersion,
      Comparator<S> order) {
    this.db = db;
    this.type = type;
    this.key = key;
    this.version = version;
    this.withVersion = withVersion;
    this.order = order;
  }

  /** A pending write: the new row (null for a delete) and the committed version it was based on (0 = absent). */
  record Write<S>(S row, long baseVersion) {}

  /** @return the row as this transaction sees it */
  public Optional<S> get(K id) {
    Transaction tx = db.current();
    Map<K, Write<S>> writes = tx.writes(this);
    Write<S> w = writes.get(id);
    if (w != null) {
      return Optional.ofNullable(w.row());
    }
    return Optional.ofNullable(committed.get(id));
  }

  /**
   * Inserts (version 0) or updates (version = stored version) a row; returns it with the next version.
   */
  public S save(S row) {
    Transaction tx = db.current();
    K id = key.apply(row);
    long v = version.apply(row);
    Map<K, Write<S>> writes = tx.writes(this);
    Optional<S> current = get(id);
    if (v == 0) {
      if (current.isPresent()) {
        throw new ConflictException(type.label() + " " + id + " already exists; load it and update it instead");
      }
    } else {
      if (current.isEmpty()) {
        throw new ConflictException(
            type.label() + " " + id + " was deleted by someone else (you had version " + v + ")");
      }
      long stored = version.apply(current.get());
      if (stored != v) {
        throw ConflictException.staleVersion(type, id, v, stored);
      }
    }
    S next = withVersion.withVersion(row, v + 1);
    Write<S> previous = writes.get(id);
    long base = previous != null ? previous.baseVersion() : baseOf(id);
    writes.put(id, new Write<>(next, base));
    return next;
  }

  /** Deletes a row whose stored version is {@code expectedVersion}. */
  public void delete(K id, long expectedVersion) {
    Transaction tx = db.current();
    Map<K, Write<S>> writes = tx.writes(this);
    S current = get(id).orElseThrow(() -> new RecordNotFoundException(type, id));
    long stored = version.apply(current);
    if (stored != expectedVersion) {
      throw ConflictException.staleVersion(type, id, expectedVersion, stored);
    }
    Write<S> previous = writes.get(id);
    long base = previous != null ? previous.baseVersion() : baseOf(id);
    writes.put(id, new Write<>(null, base));
  }

  /** @return every row this transaction sees that matches, in table order */
  public List<S> select(Predicate<? super S> filter) {
    Map<K, Write<S>> writes = db.current().writes(this);
    List<S> rows = new ArrayList<>();
    // Committed rows this unit of work has not touched, then its own versions of the rows it wrote.
    for (Map.Entry<K, S> e : committed.entrySet()) {
      if (!writes.containsKey(e.getKey()) && filter.test(e.getValue())) {
        rows.add(e.getValue());
      }
    }
    for (Write<S> w : writes.values()) {
      if (w.row() != null && filter.test(w.row())) {
        rows.add(w.row());
      }
    }
    rows.sort(order);
    return rows;
  }

  /** @return one page of the matching rows, mapped */
  public <T> Page<T> page(Predicate<? super S> filter, PageRequest request, Function<S, T> mapper) {
    List<S> rows = select(filter);
    int from = (int) Math.min(rows.size(), request.offset());
    int to = Math.min(rows.size(), from + request.size());
    return new Page<>(rows.subList(from, to).stream().map(mapper).toList(), request, rows.size());
  }

  private long baseOf(K id) {
    S c = committed.get(id);
    return c == null ? 0 : version.apply(c);
  }

  /** Checks that every write's base version still holds; called under the commit lock. */
  void validate(Map<K, Write<S>> writes) {
    for (Map.Entry<K, Write<S>> e : writes.entrySet()) {
      long now = baseOf(e.getKey());
      if (now != e.getValue().baseVersion()) {
        throw new ConflictException(
            type.label() + " " + e.getKey() + " was changed by someone else while this unit of work ran (based on version "
                + e.getValue().baseVersion() + ", now " + now + "); nothing was written, reload and try again");
      }
    }
  }

  /** Applies validated writes; called under the commit lock. */
  void apply(Map<K, Write<S>> writes) {
    writes.forEach((k, w) -> {
      if (w.row() == null) {
        committed.remove(k);
      } else {
        committed.put(k, w.row());
      }
    });
  }

  /** @return how many rows are committed (for tests and diagnostics) */
  public int committedCount() {
    return committed.size();
  }

  static <K, S> Map<K, Write<S>> newWrites() {
    return new HashMap<>();
  }
}
