package org.crmkit.inmemory.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
  private Table<?, ?>[] tables = new Table<?, ?>[4];
  private Table.Work<?, ?>[] works = new Table.Work<?, ?>[4];
  private int tableCount;
  private AppendOnlyLog<?>[] logs = new AppendOnlyLog<?>[2];
  private AppendOnlyLog.Appends<?>[] appends = new AppendOnlyLog.Appends<?>[2];
  private int logCount;
  private final List<Runnable> afterCommit = new ArrayList<>();
  /** The private drafts of the commit participants this unit of work wrote to. */
  final Map<CommitParticipant, Object> participantDrafts = new IdentityHashMap<>(1);

  Transaction(TenantId tenant, long startSeq) {
    this.tenant = tenant;
    this.startSeq = startSeq;
  }

  @SuppressWarnings("unchecked")
  <K, S> Table.Work<K, S> work(Table<K, S> table) {
    Table.Work<K, S> w = workIfAny(table);
    if (w == null) {
      if (tableCount == tables.length) {
        tables = Arrays.copyOf(tables, tableCount * 2);
        works = Arrays.copyOf(works, tableCount * 2);
      }
      w = new Table.Work<>();
      tables[tableCount] = table;
      works[tableCount++] = w;
    }
    return w;
  }

  /** @return the table's workspace, or null when this unit of work has not touched the table */
  @SuppressWarnings("unchecked")
  <K, S> Table.Work<K, S> workIfAny(Table<K, S> table) {
    for (int i = 0; i < tableCount; i++) {
      if (tables[i] == table) {
        return (Table.Work<K, S>) works[i];
      }
    }
    return null;
  }

  @SuppressWarnings("unchecked")
  <E> AppendOnlyLog.Appends<E> appends(AppendOnlyLog<E> log) {
    AppendOnlyLog.Appends<E> a = appendsIfAny(log);
    if (a == null) {
      if (logCount == logs.length) {
        logs = Arrays.copyOf(logs, logCount * 2);
        appends = Arrays.copyOf(appends, logCount * 2);
      }
      a = new AppendOnlyLog.Appends<>();
      logs[logCount] = log;
      appends[logCount++] = a;
    }
    return a;
  }

  @SuppressWarnings("unchecked")
  private <E> AppendOnlyLog.Appends<E> appendsIfAny(AppendOnlyLog<E> log) {
    for (int i = 0; i < logCount; i++) {
      if (logs[i] == log) {
        return (AppendOnlyLog.Appends<E>) appends[i];
      }
    }
    return null;
  }

  /** @return true when the unit of work appended to {@code log} */
  boolean hasAppends(AppendOnlyLog<?> log) {
    AppendOnlyLog.Appends<?> a = appendsIfAny(log);
    return a != null && !a.rows.isEmpty();
  }

  List<Runnable> afterCommit() {
    return afterCommit;
  }
}
