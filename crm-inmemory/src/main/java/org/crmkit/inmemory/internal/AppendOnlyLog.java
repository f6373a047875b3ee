package org.crmkit.inmemory.internal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.crmkit.shared.ConflictException;

/**
 * An insert-only table (stage history, forecast history) of one tenant ({@link Schema}). Rows are immutable and
 * grouped by a key (the opportunity); within a group each row has a unique sequence number (the version it records),
 * which guards against double appends as the database's unique key does. Committed rows are read and written under
 * the database's lock.
 *
 * @param <E> row type
 */
public final class AppendOnlyLog<E> {
  /**
   * Committed rows by group in column {@link #column}, each group an immutable list replaced on append (a group
   * holds a few rows: one opportunity's history). The map is the log's own, or the committed rows' map of the table
   * whose key groups the log (the groups beside the rows). Changed only under the write lock; the duplicate check of
   * an append reads one group without a lock, through {@link InMemoryDatabase#readOne}.
   */
  private final CommittedMap<Object> committedByGroup;
  private final int column;
  private final Function<E, Object> groupKey;
  private final ToLongFunction<E> sequence;
  private final InMemoryDatabase<?> db;
  private final Schema schema;
  private int committedCount;

  /**
   * @param groups where committed groups are kept: a map of the log's own, or the committed rows' map of the table
   *     whose key is the group key, in a column added for the log
   */
  @SuppressWarnings("unchecked")
  AppendOnlyLog(InMemoryDatabase<?> db, Schema schema, Function<E, Object> groupKey, ToLongFunction<E> sequence,
      CommittedMap<?> groups) {
    this.committedByGroup = (CommittedMap<Object>) groups;
    this.column = groups.addColumn();
    this.db = db;
    this.schema = schema;
    this.groupKey = groupKey;
    this.sequence = sequence;
  }

  /** What one unit of work appends to this log. */
  static final class Appends<E> {
    final List<E> rows = new ArrayList<>();
    /**
     * The positions in {@link #rows} of appends to a group that cannot have committed rows ({@link #appendNew}): the
     * commit looks their group up only to add them.
     */
    final BitSet newGroup = new BitSet();
  }

  /** Appends a row in this unit of work; a row with the same group and sequence fails as a conflict. */
  public void append(E row) {
    Object group = groupKey.apply(row);
    long seq = sequence.applyAsLong(row);
    Appends<E> pending = db.current(schema).appends(this);
    boolean taken = db.readOne(committedByGroup, () -> contains(committedByGroup.<List<E>>get(group, column), seq));
    if (taken || pendingContains(pending, group, seq)) {
      throw new ConflictException("an entry for " + group + " version " + seq
          + " already exists; history rows are written once");
    }
    pending.rows.add(row);
  }

  /**
   * Appends a row to a group that no committed row can belong to: the group is the globally unique new key of a row
   * this unit of work inserts ({@link Table#insertedNew}), so neither this append nor the commit looks the group up
   * among the committed rows (a cache miss in a large log). Rows this unit of work appended are still checked.
   *
   * @throws ConflictException when this unit of work already appended a row with the same group and sequence
   */
  public void appendNew(E row) {
    Object group = groupKey.apply(row);
    long seq = sequence.applyAsLong(row);
    Appends<E> pending = db.current(schema).appends(this);
    if (pendingContains(pending, group, seq)) {
      throw new ConflictException("an entry for " + group + " version " + seq
          + " already exists; history rows are written once");
    }
    pending.newGroup.set(pending.rows.size());
    pending.rows.add(row);
  }

  private boolean pendingContains(Appends<E> pending, Object group, long seq) {
    for (E e : pending.rows) {
      if (groupKey.apply(e).equals(group) && sequence.applyAsLong(e) == seq) {
        return true;
      }
    }
    return false;
  }

  /** @return the committed rows of a group plus this transaction's appends to it, in append order */
  public List<E> group(Object group) {
    List<E> rows = db.read(() -> {
      List<E> committed = committedByGroup.<List<E>>get(group, column);
      return committed == null ? new ArrayList<E>() : new ArrayList<>(committed);
    });
    for (E e : db.current(schema).appends(this).rows) {
      if (groupKey.apply(e).equals(group)) {
        rows.add(e);
      }
    }
    return rows;
  }

  /** @return every committed row plus this transaction's appends (reports read the whole log in one pass) */
  public List<E> all() {
    List<E> rows = db.read(() -> {
      List<E> copy = new ArrayList<>(committedCount);
      committedByGroup.<List<E>>forEachValue(column, copy::addAll);
      return copy;
    });
    rows.addAll(db.current(schema).appends(this).rows);
    return rows;
  }

  private boolean contains(List<E> rows, long seq) {
    if (rows != null) {
      for (E e : rows) {
        if (sequence.applyAsLong(e) == seq) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Checks the appends before the commit takes the write lock (groups are immutable lists, read as
   * {@link InMemoryDatabase#readOne} reads them): a taken version fails here already, and the groups are in the cache
   * when {@link #validate} checks them again under the lock.
   */
  void precheck(Appends<E> appends) {
    E taken = db.readOne(committedByGroup, () -> firstTaken(appends));
    if (taken != null) {
      throw concurrent(taken);
    }
  }

  void validate(Appends<E> appends) {
    E taken = firstTaken(appends);
    if (taken != null) {
      throw concurrent(taken);
    }
  }

  /** @return the first append whose group and sequence a committed row holds, or null when none does */
  private E firstTaken(Appends<E> appends) {
    List<E> rows = appends.rows;
    for (int i = 0; i < rows.size(); i++) {
      E e = rows.get(i);
      if (!appends.newGroup.get(i)
          && contains(committedByGroup.<List<E>>get(groupKey.apply(e), column), sequence.applyAsLong(e))) {
        return e;
      }
    }
    return null;
  }

  private ConflictException concurrent(E e) {
    return new ConflictException("an entry for " + groupKey.apply(e) + " version " + sequence.applyAsLong(e)
        + " was written concurrently; nothing was written, try again");
  }

  void apply(Appends<E> appends) {
    for (E e : appends.rows) {
      Object group = groupKey.apply(e);
      List<E> present = committedByGroup.get(group, column);
      committedByGroup.put(group, column, present == null ? List.of(e) : concat(present, e));
      committedCount++;
    }
  }

  private static <E> List<E> concat(List<E> rows, E more) {
    List<E> all = new ArrayList<>(rows.size() + 1);
    all.addAll(rows);
    all.add(more);
    return Collections.unmodifiableList(all);
  }

  /** @return how many rows are committed (for tests and diagnostics) */
  public int committedCount() {
    return db.read(() -> committedCount);
  }
}
