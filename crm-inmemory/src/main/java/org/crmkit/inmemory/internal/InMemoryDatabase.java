package org.crmkit.inmemory.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UnitOfWork;

/**
 * The in-memory database: versioned tables, append-only logs, foreign keys and a unit of work with optimistic
 * concurrency.
 *
 * <p>Each unit of work collects its writes in a private workspace on its thread (nothing is visible to others
 * before commit) and keeps seeing the version of a row it first read. Commit takes the write lock, checks that
 * every written row still has the version the work read, that every link points to a row that exists (as a
 * foreign key would) and that no match key is claimed twice, then applies all writes or none. Every read takes the
 * read lock, so a reader never sees half of a commit: each read sees the state between two commits (read committed,
 * with optimistic write validation, as a database with version columns). Nested units of work join the outer one.
 */
public final class InMemoryDatabase implements UnitOfWork {
  private final ThreadLocal<Transaction> current = new ThreadLocal<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<Table<?, ?>> tables = new ArrayList<>();
  private final List<AppendOnlyLog<?>> logs = new ArrayList<>();
  private final List<ForeignKey<?, ?, ?, ?>> foreignKeys = new ArrayList<>();
  /** The number of commits so far; written under the write lock. */
  private volatile long commitSeq;

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

  /** Registers an append-only log of rows grouped by {@code groupKey}, unique by {@code sequence} in a group. */
  public synchronized <E> AppendOnlyLog<E> log(Function<E, Object> groupKey, ToLongFunction<E> sequence) {
    AppendOnlyLog<E> l = new AppendOnlyLog<>(this, groupKey, sequence);
    logs.add(l);
    return l;
  }

  /**
   * Registers a foreign key: {@code link} of a child row names a parent row that must exist when the child is
   * committed, and a parent cannot be deleted while a committed child names it.
   *
   * @param childIndex the index on {@code link} (the reverse look-up); null when the child's key is the parent's
   */
  public synchronized <CK, CS, PK, PS> void foreignKey(
      Table<CK, CS> child, Function<CS, PK> link, Table.Index<CK, CS> childIndex, Table<PK, PS> parent) {
    foreignKeys.add(new ForeignKey<>(child, link, childIndex, parent));
  }

  @Override
  public <T> T execute(TenantId tenant, Supplier<T> work) {
    // TODO(tenants): partition by tenant
    return execute(work);
  }

  @Override
  public <T> T execute(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    Transaction tx = new Transaction(commitSeq);
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

  /** Runs a read of committed state under the read lock: it sees no half of a commit. */
  public <T> T read(Supplier<T> read) {
    ReentrantReadWriteLock.ReadLock readLock = lock.readLock();
    readLock.lock();
    try {
      return read.get();
    } finally {
      readLock.unlock();
    }
  }

  /** Runs a change of committed state (outside units of work: set-up) under the write lock. */
  <T> T write(Supplier<T> change) {
    ReentrantReadWriteLock.WriteLock writeLock = lock.writeLock();
    writeLock.lock();
    try {
      return change.get();
    } finally {
      writeLock.unlock();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void commit(Transaction tx) {
    if (!tx.hasWrites()) {
      return;
    }
    write(() -> {
      for (Table t : tables) {
        t.validate(tx);
      }
      for (AppendOnlyLog l : logs) {
        l.validate(tx.appends(l));
      }
      for (ForeignKey fk : foreignKeys) {
        fk.validate(tx);
      }
      long seq = commitSeq + 1;
      for (ForeignKey fk : foreignKeys) {
        fk.apply(tx, seq);
      }
      for (Table t : tables) {
        t.apply(tx);
      }
      for (AppendOnlyLog l : logs) {
        l.apply(tx.appends(l));
      }
      commitSeq = seq;
      return null;
    });
  }
}
