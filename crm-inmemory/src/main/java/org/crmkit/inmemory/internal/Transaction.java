package org.crmkit.inmemory.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.crmkit.shared.TenantId;

/**
 * The private workspace of one unit of work of one tenant on one thread: per table its writes, the rows it read (so
 * it keeps seeing and writing on top of the version it first read, as a JPA persistence context does) and the
 * match-key claims of its writes; per log its appends.
 */
final class Transaction {
  /** The database's commit sequence when this unit of work began: links committed later are concurrent. */
  final long startSeq;
  /** The tenant whose schema this unit of work reads and writes. */
  final TenantId tenant;
  /** The tenant's partition, once a repository asked for it (null: this unit of work touched no table). */
  InMemoryDatabase.Partition<?> partition;
  // The tables and logs this unit of work touched, with their workspaces, in small arrays searched by identity: a
  // unit of work touches a few of a schema's tables (a create: two; a lead conversion: five) and one or two logs, so
  // a scan of a few references is cheaper than a hash map's look-up and its entries, made for every unit of work.
  private final Touched<Table<?, ?>, Table.Work<?, ?>> tables = new Touched<>(4);
  private final Touched<AppendOnlyLog<?>, AppendOnlyLog.Appends<?>> logs = new Touched<>(2);
  private final List<Runnable> afterCommit = new ArrayList<>();
  /** The private drafts of the commit participants this unit of work wrote to. */
  final Map<CommitParticipant, Object> participantDrafts = new IdentityHashMap<>(1);

  /**
   * What the commit's reads before the lock ({@link Table#precheck}) read from the committed maps, kept so that the
   * compiler does not drop those reads, which are made for their effect on the cache only.
   */
  int touched;

  Transaction(TenantId tenant, long startSeq) {
    this.tenant = tenant;
    this.startSeq = startSeq;
  }

  @SuppressWarnings("unchecked")
  <K, S> Table.Work<K, S> work(Table<K, S> table) {
    return (Table.Work<K, S>) tables.getOrAdd(table, Table.Work::new);
  }

  /** @return the table's workspace, or null when this unit of work has not touched the table */
  @SuppressWarnings("unchecked")
  <K, S> Table.Work<K, S> workIfAny(Table<K, S> table) {
    return (Table.Work<K, S>) tables.get(table);
  }

  @SuppressWarnings("unchecked")
  <E> AppendOnlyLog.Appends<E> appends(AppendOnlyLog<E> log) {
    return (AppendOnlyLog.Appends<E>) logs.getOrAdd(log, AppendOnlyLog.Appends::new);
  }

  @SuppressWarnings("unchecked")
  private <E> AppendOnlyLog.Appends<E> appendsIfAny(AppendOnlyLog<E> log) {
    return (AppendOnlyLog.Appends<E>) logs.get(log);
  }

  /** @return true when the unit of work appended to {@code log} */
  boolean hasAppends(AppendOnlyLog<?> log) {
    AppendOnlyLog.Appends<?> a = appendsIfAny(log);
    return a != null && !a.rows.isEmpty();
  }

  List<Runnable> afterCommit() {
    return afterCommit;
  }

  /** A few keys, compared by identity, with a value each, in the order they were added. */
  private static final class Touched<K, V> {
    private Object[] keys;
    private Object[] values;
    private int count;

    Touched(int capacity) {
      keys = new Object[capacity];
      values = new Object[capacity];
    }

    /** @return the key's value, or null when the key was never added */
    @SuppressWarnings("unchecked")
    V get(K key) {
      for (int i = 0; i < count; i++) {
        if (keys[i] == key) {
          return (V) values[i];
        }
      }
      return null;
    }

    /** @return the key's value, made by {@code create} and added when the key was never added */
    V getOrAdd(K key, Supplier<? extends V> create) {
      V value = get(key);
      if (value == null) {
        if (count == keys.length) {
          keys = Arrays.copyOf(keys, count * 2);
          values = Arrays.copyOf(values, count * 2);
        }
        value = create.get();
        keys[count] = key;
        values[count++] = value;
      }
      return value;
    }
  }
}
