package org.crmkit.inmemory.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.crmkit.shared.ConflictException;

/**
 * An insert-only table (stage history). Rows are immutable; a unique key guards against double appends, and
 * rows are indexed by a group key (the opportunity) for reads.
 *
 * @param <E> row type
 */
public final class AppendOnlyLog<E> {
  private final Map<Object, List<E>> committedByGroup = new ConcurrentHashMap<>();
  private final Set<Object> committedKeys = ConcurrentHashMap.newKeySet();
  private final Function<E, Object> uniqueKey;
  private final Function<E, Object> groupKey;
  private final InMemoryDatabase db;

  AppendOnlyLog(InMemoryDatabase db, Function<E, Object> uniqueKey, Function<E, Object> groupKey) {
    this.db = db;
    this.uniqueKey = uniqueKey;
    this.groupKey = groupKey;
  }

  public void append(E row) {
    Object key = uniqueKey.apply(row);
    List<E> pending = db.current().appends(this);
    if (committedKeys.contains(key) || pending.stream().anyMatch(e -> uniqueKey.apply(e).equals(key))) {
      throw new ConflictException("a history entry for " + key + " already exists; history rows are written once");
    }
    pending.add(row);
  }

  /** @return the committed rows of a group plus this transaction's appends to it, in append order */
  public List<E> group(Object group) {
    List<E> rows = new ArrayList<>(committedByGroup.getOrDefault(group, List.of()));
    for (E e : db.current().appends(this)) {
      if (groupKey.apply(e).equals(group)) {
        rows.add(e);
      }
    }
    return rows;
  }

  /** @return every committed row plus this transaction's appends */
  public List<E> all() {
    List<E> rows = new ArrayList<>();
    committedByGroup.values().forEach(rows::addAll);
    rows.addAll(db.current().appends(this));
    return rows;
  }

  void validate(List<E> appends) {
    for (E e : appends) {
      if (committedKeys.contains(uniqueKey.apply(e))) {
        throw new ConflictException(
            "a history entry for " + uniqueKey.apply(e) + " was written concurrently; nothing was written, try again");
      }
    }
  }

  void apply(List<E> appends) {
    for (E e : appends) {
      committedKeys.add(uniqueKey.apply(e));
      committedByGroup.computeIfAbsent(groupKey.apply(e), g -> new CopyOnWriteArrayList<>()).add(e);
    }
  }

  public int committedCount() {
    return committedKeys.size();
  }
}
