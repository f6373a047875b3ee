package org.crmkit.inmemory.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UnitOfWork;

/**
 * The in-memory database: versioned tables, append-only logs and a unit of work with optimistic concurrency.
 *
 * <p>Each unit of work collects its writes in a private workspace on its thread (nothing is visible to others
 * before commit). Commit takes one lock, checks that every written row still has the version the work was based
 * on, and applies all writes or none. Nested units of work join the outer one. Reads see committed rows plus the
 * unit's own writes (read-committed with optimistic write validation, as a database with version columns).
 */
public final class InMemoryDatabase implements UnitOfWork {
  private final ThreadLocal<Transaction> current = new ThreadLocal<>();
  private final Object commitLock = new Object();
  private final List<Table<?, ?>> tables = new ArrayList<>();
  private final List<AppendOnlyLog<?>> logs = new ArrayList<>();

  /** Registers a table; call before use. */
  public synchronized <K, S> Table<K, S> table(
      RecordType type,
      Function<S, K> key,
      Function<S, Long> version,
      Table.VersionSetter<S> withVersion,
      Comparator<S> order) {
    Table<K, S> t = new Table<>(this, type, key, version, withVersion, order);
    tables.add(t);
    return t;
  }

  /** Registers an append-only log; call before use. */
  public synchronized <E> AppendOnlyLog<E> log(Function<E, Object> uniqueKey, Function<E, Object> groupKey) {
    AppendOnlyLog<E> l = new AppendOnlyLog<>(this, uniqueKey, groupKey);
    logs.add(l);
    return l;
  }

  @Override
  public <T> T execute(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    Transaction tx = new Transaction();
    current.set(tx);
    T result;
    try {
      result = work.get();
      commit(tx);
    } finally {
      current.remove();
    }
    RuntimeException failure = null;
    for (Runnable action : tx.afterCommit()) {
      try {
        action.run();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return result;
  }

  @Override
  public void afterCommit(Runnable action) {
    Transaction tx = current.get();
    if (tx == null) {
      action.run();
    } else {
      tx.afterCommit().add(action);
    }
  }

  /** @return true while the calling thread is inside a unit of work */
  public boolean inUnitOfWork() {
    return current.get() != null;
  }

  Transaction current() {
    Transaction tx = current.get();
    if (tx == null) {
      throw new IllegalStateException(
          "in-memory repositories must be used inside unitOfWork().execute(...); the Crm use cases do this for you");
    }
    return tx;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void commit(Transaction tx) {
    synchronized (commitLock) {
      for (Table t : tables) {
        t.validate(tx.writes(t));
      }
      for (AppendOnlyLog l : logs) {
        l.validate(tx.appends(l));
      }
      for (Table t : tables) {
        t.apply(tx.writes(t));
      }
      for (AppendOnlyLog l : logs) {
        l.apply(tx.appends(l));
      }
    }
  }
}
