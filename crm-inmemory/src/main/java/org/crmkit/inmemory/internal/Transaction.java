package org.crmkit.inmemory.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The private workspace of one unit of work on one thread. */
final class Transaction {
  private final Map<Object, Map<Object, Table.Write<Object>>> writesByTable = new IdentityHashMap<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final Map<Object, List<Object>> appendsByLog = new IdentityHashMap<>();
  @SuppressWarnings({"unchecked", "rawtypes"})
  <K, S> Map<K, Table.Write<S>> writes(Table<K, S> table) {
    return (Map) writesByTable.computeIfAbsent(table, t -> Table.newWrites());
  }

  @SuppressWarnings("unchecked")
  <E> List<E> appends(AppendOnlyLog<E> log) {
    return (List<E>) appendsByLog.computeIfAbsent(log, l -> new ArrayList<>());
  }

  List<Runnable> afterCommit() {
    return afterCommit;
  }
}
