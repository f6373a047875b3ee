package org.crmkit.inmemory.internal;

import java.util.ArrayList;
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
  // The maps are sized for what a unit of work touches (a lead conversion: five tables, one log; a schema has nine
  // tables, two logs and one participant) rather than the default of 21 entries, made for every unit of work.
  private final Map<Table<?, ?>, Table.Work<?, ?>> workByTable = new IdentityHashMap<>(8);
  private final Map<AppendOnlyLog<?>, AppendOnlyLog.Appends<?>> appendsByLog = new IdentityHashMap<>(2);
  private final List<Runnable> afterCommit = new ArrayList<>();
  /** The private drafts of the commit participants this unit of work wrote to. */
  final Map<CommitParticipant, Object> participantDrafts = new IdentityHashMap<>(1);

  Transaction(TenantId tenant, long startSeq) {
    this.tenant = tenant;
    this.startSeq = startSeq;
  }

  @SuppressWarnings("unchecked")
  <K, S> Table.Work<K, S> work(Table<K, S> table) {
    return (Table.Work<K, S>) workByTable.computeIfAbsent(table, t -> new Table.Work<>());
  }

  /** @return the table's workspace, or null when this unit of work has not touched the table */
  @SuppressWarnings("unchecked")
  <K, S> Table.Work<K, S> workIfAny(Table<K, S> table) {
    return (Table.Work<K, S>) workByTable.get(table);
  }

  @SuppressWarnings("unchecked")
  <E> AppendOnlyLog.Appends<E> appends(AppendOnlyLog<E> log) {
    return (AppendOnlyLog.Appends<E>) appendsByLog.computeIfAbsent(log, l -> new AppendOnlyLog.Appends<>());
  }

  /** @return true when the unit of work appended to {@code log} */
  boolean hasAppends(AppendOnlyLog<?> log) {
    AppendOnlyLog.Appends<?> a = appendsByLog.get(log);
    return a != null && !a.rows.isEmpty();
  }

  List<Runnable> afterCommit() {
    return afterCommit;
  }
}
