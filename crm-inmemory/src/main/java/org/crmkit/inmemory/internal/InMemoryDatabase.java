package org.crmkit.inmemory.internal;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UnitOfWork;

/**
 * The in-memory database: per tenant a {@link Schema} of versioned tables, append-only logs and foreign keys, and a
 * unit of work with optimistic concurrency.
 *
 * <p>Tenants: every unit of work belongs to one tenant ({@link #execute(TenantId, Supplier)}; {@link TenantId#DEFAULT}
 * when none is named). The first unit of work of a tenant that touches storage creates the tenant's schema with the
 * layout given to the constructor; {@link #tenant()} returns the current unit of work's partition, and repositories
 * read and write only through it. So another tenant's rows are not filtered out, they are simply not there: a look-up
 * by id, an index, a match-key claim or a foreign key of one tenant never meets a row of another.
 *
 * <p>Each unit of work collects its writes in a private workspace on its thread (nothing is visible to others
 * before commit) and keeps seeing the version of a row it first read. Commit takes the write lock, checks that
 * every written row still has the version the work read, that every link points to a row that exists (as a
 * foreign key would) and that no match key is claimed twice, then applies all writes or none. A reader never sees
 * half of a commit: each read sees the state between two commits (read committed, with optimistic write validation,
 * as a database with version columns). Reads of many rows (pages, index look-ups of a value several rows have)
 * take the read lock; a read of one row by key, or of the one key an index holds for a value ({@link #readOne}),
 * takes no lock, and waits only when a commit that applies its writes at that moment has changed the map it reads,
 * so that threads reading rows do not contend for the lock. Nested units of work of the same tenant join the outer
 * one; one lock serves all tenants (commits are short: what a write changes in the indexes is worked out before,
 * when the write is made, and the slots of the maps the commit will write are read into the cache before the lock is
 * taken).
 *
 * @param <P> the partition of one tenant: the tables the layout registered, as the repositories use them
 */
public final class InMemoryDatabase<P> implements UnitOfWork {
  private final ThreadLocal<Transaction> current = new ThreadLocal<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Function<Schema, P> layout;
  private final ConcurrentHashMap<TenantId, Partition<P>> partitions = new ConcurrentHashMap<>();
  /** The partition a unit of work asked for last (a host with one tenant asks for no other): no map look-up. */
  private volatile Partition<P> recentPartition;
  /**
   * The number of commits so far, of all tenants; written under the write lock once a commit is applied, so that a
   * unit of work that reads it as its start sees every commit up to it whole.
   */
  private volatile long commitSeq;
  /**
   * Units of work running now (begun, not yet finished), by the parity of the {@link #generation} they began in.
   * Incremented before a unit of work reads {@link #commitSeq} as its start, read by a commit under the write lock,
   * after the commit before published {@code commitSeq}: so a commit that finds itself alone knows that every other
   * unit of work starts after the commits before it, and a commit that finds no unit of work of the previous
   * generation knows that every one running began in the current one (see {@link ForeignKey#apply}).
   */
  private final AtomicIntegerArray running = new AtomicIntegerArray(2);
  /**
   * The generation units of work begin in now. A commit advances it, under the write lock, once {@link
   * #GENERATION_COMMITS} commits were made in it and no unit of work of the generation before runs any more: so at
   * most two generations run at a time, and every unit of work of a generation began after the commit that
   * started it.
   */
  private volatile int generation;
  /** Commits made in the current generation; written under the write lock. */
  private int commitsInGeneration;
  /**
   * How many commits a generation lasts at least: what a foreign key remembers of the commits made while units of
   * work run concurrently is dropped a generation at a time ({@link ForeignKey#apply}).
   */
  static final int GENERATION_COMMITS = 1_024;
  /**
   * Odd while a commit applies its writes, advanced twice per commit (a sequence lock): {@link #readOne} reads one
   * committed row without taking the read lock when no commit changed the map it reads meanwhile.
   */
  private final CommitStamp applying = new CommitStamp();

  /** One tenant's schema and the partition the layout built on it. */
  record Partition<P>(Schema schema, P data) {}

  /**
   * @param layout registers one tenant's tables, logs and foreign keys on an empty schema and returns them; called
   *     once per tenant, on the tenant's first use
   */
  public InMemoryDatabase(Function<Schema, P> layout) {
    this.layout = Objects.requireNonNull(layout, "layout");
  }

  /**
   * @return the partition of the current unit of work's tenant, created on first use
   * @throws IllegalStateException outside a unit of work
   */
  public P tenant() {
    return partition(current()).data();
  }

  @SuppressWarnings("unchecked")
  private Partition<P> partition(Transaction tx) {
    Partition<?> cached = tx.partition;
    if (cached == null) {
      cached = partitionOf(tx.tenant);
      tx.partition = cached;
    }
    return (Partition<P>) cached;
  }

  private Partition<P> partitionOf(TenantId tenant) {
    Partition<P> recent = recentPartition;
    if (recent != null && recent.schema().tenant().equals(tenant)) {
      return recent;
    }
    Partition<P> existing = partitions.get(tenant);
    if (existing != null) {
      recentPartition = existing;
      return existing;
    }
    // Built outside the map (the layout takes the database lock to register indexes); a partition built by a
    // thread that loses the race is empty and dropped.
    Schema schema = new Schema(this, tenant);
    Partition<P> built = new Partition<>(schema, layout.apply(schema));
    existing = partitions.putIfAbsent(tenant, built);
    return existing != null ? existing : built;
  }

  @Override
  public <T> T execute(TenantId tenant, Supplier<T> work) {
    Objects.requireNonNull(tenant, "tenant");
    Transaction tx = current.get();
    if (tx != null) {
      if (!tx.tenant.equals(tenant)) {
        throw new IllegalStateException("a unit of work of tenant '" + tenant + "' was started inside one of tenant '"
            + tx.tenant + "'; a unit of work sees the records of one tenant only, so finish the outer unit of work"
            + " first (or run the other tenant's work on its own, outside it)");
      }
      return work.get();
    }
    return run(tenant, work);
  }

  @Override
  public <T> T execute(Supplier<T> work) {
    Transaction tx = current.get();
    if (tx != null) {
      return work.get();
    }
    return run(TenantId.DEFAULT, work);
  }

  private <T> T run(TenantId tenant, Supplier<T> work) {
    int began = begin();
    Transaction tx;
    T result;
    try {
      tx = new Transaction(tenant, commitSeq);
      current.set(tx);
      try {
        result = work.get();
        commit(tx);
      } finally {
        // set, not removed: a thread's entry stays, so that every look-up of the current unit of work between units
        // of work (there are several per use case) finds it rather than creating it again
        current.set(null);
      }
    } finally {
      running.decrementAndGet(began & 1);
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

  /**
   * Counts a unit of work as running in the current generation, before it reads its start.
   *
   * @return the generation it is counted in
   */
  private int begin() {
    while (true) {
      int g = generation;
      running.incrementAndGet(g & 1);
      if (generation == g) {
        return g;
      }
      // a commit began the next generation meanwhile (it found none of this parity running): count in that one
      running.decrementAndGet(g & 1);
    }
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

  /** @return the current unit of work's tenant, or null outside a unit of work */
  public TenantId currentTenant() {
    Transaction tx = current.get();
    return tx == null ? null : tx.tenant;
  }

  Transaction current() {
    Transaction tx = current.get();
    if (tx == null) {
      throw new IllegalStateException(
          "in-memory repositories must be used inside unitOfWork().execute(...); the Crm use cases do this for you");
    }
    return tx;
  }

  /**
   * @return the current unit of work, which must belong to the tenant of {@code schema}
   * @throws IllegalStateException when a table of another tenant is used (a repository kept a table across units of
   *     work): it would read or write another tenant's rows
   */
  Transaction current(Schema schema) {
    Transaction tx = current();
    if (tx.tenant != schema.tenant() && !tx.tenant.equals(schema.tenant())) {
      throw new IllegalStateException("a table of tenant '" + schema.tenant() + "' was used in a unit of work of"
          + " tenant '" + tx.tenant + "'; take the tables from InMemoryDatabase.tenant() in every unit of work");
    }
    return tx;
  }

  /** Runs a read of committed state under the read lock: it sees no half of a commit. */
  public <T> T read(Supplier<T> read) {
    ReentrantReadWriteLock.ReadLock readLock = lock.readLock();
    // a commit holds the write lock for microseconds: wait for it spinning, then queue (behind a waiting writer)
    for (int i = 0; i < SPINS && lock.isWriteLocked() && !lock.isWriteLockedByCurrentThread(); i++) {
      Thread.onSpinWait();
    }
    readLock.lock();
    try {
      return read.get();
    } finally {
      readLock.unlock();
    }
  }

  /** @return the stamp of applied commits, which the committed maps of this database share */
  CommitStamp stamp() {
    return applying;
  }

  /**
   * Runs a read of one committed value (a row by key, a group of a log) of immutable values in {@code map}, and of
   * nothing else: without the read lock when no commit changes {@code map} meanwhile (else again, after the commit,
   * and under the read lock when commits keep overlapping it); the read must not fail nor loop when a commit changes
   * what it reads (its result is then dropped and the read made again). Either way the read sees no half of a commit,
   * as {@link #read} guarantees: a read made while a commit applies its writes sees the state before the commit, in
   * a map the commit has not changed (yet), and waits for the commit's end in a map it has. The usual case writes
   * nothing shared, so threads that read rows by key do not contend for the lock's state.
   */
  <T> T readOne(CommittedMap<?> map, Supplier<T> read) {
    // A commit that changes the map meanwhile is waited for spinning and the read made again, as long as a commit
    // would hold the lock (SPINS); only then is the read made under the read lock, whose state word every reading
    // thread writes. With two threads converting, one often reads while the other applies its commit; it waits only
    // when the commit has changed the map it reads (docs/PERFORMANCE.md, "Issue 16, eighth pass").
    for (int i = 0; i < SPINS; i++) {
      long before = applying.value;
      boolean odd = (before & 1) != 0;
      if (odd && applying.applier == Thread.currentThread()) {
        break; // this thread's own commit applies: it reads under the lock it holds
      }
      if (!odd || !map.changedIn(before)) {
        T value = read.get();
        // A commit notes the map before its first change of it, and the stamp is odd before that: a value read from
        // a change (or from a commit applied since) shows as a changed stamp or as the map noted, and the read is
        // made again. The fence keeps the read's plain loads (the map's arrays) before the loads that check, as
        // StampedLock's validate does. A read that began between commits and ended after the next one began is kept
        // when that commit has not changed the map.
        VarHandle.acquireFence();
        long after = applying.value;
        if ((after == before || after == before + 1 && !odd) && ((after & 1) == 0 || !map.changedIn(after))) {
          return value;
        }
      }
      Thread.onSpinWait();
    }
    return read(read);
  }

  /**
   * How often a thread that finds the lock taken tries again, spinning, before it waits in the lock's queue: some
   * tens of microseconds, longer than a commit holds the write lock (a few microseconds). A thread that waits in the
   * queue is parked and must be woken up, which on a virtual machine whose idle core was halted took 2 to 6 ms
   * (docs/PERFORMANCE.md, "Issue 16, fifth pass"), hundreds of times the commit it waited for. Readers spin only
   * while a commit holds the lock and then queue as usual, so they do not pass a waiting writer.
   */
  private static final int SPINS = 1_000;

  /** Runs a change of committed state (outside units of work: set-up) under the write lock. */
  <T> T write(Supplier<T> change) {
    ReentrantReadWriteLock.WriteLock writeLock = lock.writeLock();
    boolean taken = writeLock.tryLock();
    for (int i = 0; i < SPINS && !taken; i++) {
      Thread.onSpinWait();
      taken = writeLock.tryLock();
    }
    if (!taken) {
      writeLock.lock();
    }
    try {
      return change.get();
    } finally {
      writeLock.unlock();
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void commit(Transaction tx) {
    Partition<?> partition = tx.partition != null ? tx.partition : partitions.get(tx.tenant);
    if (partition == null) {
      return;
    }
    Schema schema = partition.schema();
    // Worked out before the lock is taken, so that the critical section visits only what this unit of work wrote:
    // the tables it wrote to, the logs it appended to and the foreign keys of those tables, in the schema's order.
    List<Table<?, ?>> tables = new ArrayList<>(4);
    for (Table<?, ?> t : schema.tables) {
      if (!t.pendingWrites(tx).isEmpty()) {
        tables.add(t);
      }
    }
    List<AppendOnlyLog<?>> logs = new ArrayList<>(2);
    for (AppendOnlyLog<?> l : schema.logs) {
      if (tx.hasAppends(l)) {
        logs.add(l);
      }
    }
    if (tables.isEmpty() && logs.isEmpty() && tx.participantDrafts.isEmpty()) {
      return;
    }
    List<ForeignKey<?, ?, ?, ?>> foreignKeys = new ArrayList<>(4);
    for (ForeignKey<?, ?, ?, ?> fk : schema.foreignKeys) {
      if (fk.concerns(tables)) {
        foreignKeys.add(fk);
      }
    }
    // The version checks that need no lock, made once before it is taken: a stale write fails without waiting for the
    // lock, and the committed rows and log groups the commit reads again under the lock are in the cache by then, as
    // are the slots of the committed maps and indexes it will write (Table.precheck reads them).
    for (Table t : tables) {
      t.precheck(tx);
    }
    for (AppendOnlyLog l : logs) {
      l.precheck(tx.appends(l));
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
      for (CommitParticipant p : schema.participants) {
        p.validate(tx);
      }
      // The commit's sequence number is published once all of it is applied: a unit of work that reads it as its
      // start sees the whole commit (a read of a map the commit changed waits for the stamp; the others hold nothing
      // of it), so a link this commit makes is a race lost only by units of work that began before it.
      long seq = commitSeq + 1;
      // Read after the previous commit published its number: a unit of work not counted here reads a start of at
      // least that number, and the links remembered so far are no race it can lose.
      int gen = generation;
      boolean previousEnded = running.get((gen + 1) & 1) == 0; // no unit of work of generation gen - 1 runs
      boolean alone = previousEnded && running.get(gen & 1) == 1;
      int oldestRunning = previousEnded ? gen : gen - 1;
      long stamp = applying.value;
      applying.applier = Thread.currentThread();
      applying.value = stamp + 1;
      VarHandle.storeStoreFence(); // the writes below come after the odd stamp, for readOne's readers
      try {
        if (alone) {
          for (ForeignKey fk : schema.foreignKeys) {
            fk.forget(); // every other unit of work begins after the commits remembered
          }
        }
        for (ForeignKey fk : foreignKeys) {
          fk.apply(tx, seq, gen, oldestRunning, alone);
        }
        for (Table t : tables) {
          t.apply(tx);
        }
        for (AppendOnlyLog l : logs) {
          l.apply(tx.appends(l));
        }
        for (CommitParticipant p : schema.participants) {
          p.apply(tx);
        }
        commitSeq = seq;
        if (previousEnded && ++commitsInGeneration >= GENERATION_COMMITS) {
          commitsInGeneration = 0;
          generation = gen + 1; // written after the number: the units of work of the next begin after this commit
        }
      } finally {
        applying.value = stamp + 2;
      }
      return null;
    });
  }
}
