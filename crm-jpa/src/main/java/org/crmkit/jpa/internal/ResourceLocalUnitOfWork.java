package org.crmkit.jpa.internal;

import org.crmkit.shared.TenantId;
import jakarta.persistence.ConnectionFunction;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.crmkit.shared.OutcomeUnknownException;
import org.crmkit.shared.StorageException;
import org.crmkit.shared.UnitOfWork;

/**
 * A unit of work over resource-local transactions: the outermost {@link #execute} opens an entity manager and
 * an {@link EntityTransaction}, binds them to the thread, commits when the work returns and rolls back when it
 * throws. Nested calls join (of the same tenant only: a nested call for another tenant is refused). The tenant
 * given to the outermost call scopes every repository call inside it ({@link #tenant()}). After-commit actions run
 * once the commit succeeded, outside the transaction. Rows of leaf tables are persisted at the end, just before the
 * flush ({@link #persistLast}), so that the inserts of each table stay consecutive and go in one JDBC batch. A
 * unit that writes at most one row per table (a single lead conversion: one account, contact, opportunity, history
 * row, conversion record and lead update) sends them as single statements instead of batches of one row, which cost
 * the provider more work for the same round trips; the second row of any table turns the factory's batching back on
 * for the rest of the unit ({@link #writes}). A unit that only reads ({@link #read}) has no transaction and no
 * flush, and opens its entity manager only if a repository asks for one.
 */
public final class ResourceLocalUnitOfWork implements UnitOfWork, EntityManagers {
  private final EntityManagerFactory emf;
  /** The factory's data source when crmkit built the factory over it (else null): read-only units' JDBC steps. */
  private final DataSource dataSource;
  private final ThreadLocal<Frame> current = new ThreadLocal<>();
  private volatile boolean closed;
  /**
   * The factory's JDBC batch size ({@link #BATCH_SIZE_PROPERTY}) when it batches (more than one row), else 0: then
   * {@link #writes} leaves every unit's batching as the factory configured it.
   */
  private final int batchSize;

  /** Hibernate's JDBC batch size, read from the factory's properties and set per entity manager. */
  static final String BATCH_SIZE_PROPERTY = "hibernate.jdbc.batch_size";

  /**
   * Hibernate's flush mode hint, set to {@code MANUAL} after the unit's last flush so that the commit does not flush
   * (dirty-check every managed entity) once more; another provider ignores an unknown property.
   */
  static final String FLUSH_MODE_PROPERTY = "org.hibernate.flushMode";

  /** Whether a unit of work sends its writes in JDBC batches ({@link #writes}). */
  private enum Batching {
    /** No write announced yet: the factory's setting. */
    UNDECIDED,
    /** At most one row per table so far: single statements. */
    OFF,
    /** A table got a second row: the factory's batch size, for the rest of the unit. */
    ON
  }

  private static final class Frame {
    /** The unit's entity manager; in a read-only unit opened on first use, so a unit that needs none opens none. */
    EntityManager em;
    /** A read-only unit's own connection for JDBC steps, while it has no entity manager (else null). */
    Connection connection;
    final TenantId tenant;
    /** A unit of {@link #read}: no transaction, never flushed, and no unit that writes may start inside it. */
    final boolean readOnly;
    final List<Runnable> afterCommit = new ArrayList<>();
    /** Rows persisted at the end ({@link #persistLast}), in the order given. */
    final List<Object> deferred = new ArrayList<>();
    /** See {@link #writes}. */
    Batching batching = Batching.UNDECIDED;
    /** The entity types written so far while {@link #batching} is not {@link Batching#ON}. */
    final List<Class<?>> written = new ArrayList<>(8);

    Frame(EntityManager em, TenantId tenant, boolean readOnly) {
      this.em = em;
      this.tenant = tenant;
      this.readOnly = readOnly;
    }
  }

  public ResourceLocalUnitOfWork(EntityManagerFactory emf) {
    this(emf, null);
  }

  /**
   * @param emf never null
   * @param dataSource the data source {@code emf} gets its connections from, or null when unknown (a host's factory):
   *     with it, a read-only unit of work runs JDBC steps on a connection of its own, without an entity manager
   */
  public ResourceLocalUnitOfWork(EntityManagerFactory emf, DataSource dataSource) {
    this.emf = Objects.requireNonNull(emf, "emf");
    this.dataSource = dataSource;
    this.batchSize = configuredBatchSize(emf);
  }

  /** @return the factory's JDBC batch size when it is set and above one, else 0 */
  private static int configuredBatchSize(EntityManagerFactory emf) {
    Object value = emf.getProperties().get(BATCH_SIZE_PROPERTY);
    if (value == null) {
      return 0;
    }
    try {
      int size = Integer.parseInt(value.toString().trim());
      return size > 1 ? size : 0;
    } catch (NumberFormatException e) {
      return 0; // the provider refuses or ignores it; crmkit does not second-guess it
    }
  }

  @Override
  public <T> T execute(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    Frame frame = current.get();
    return frame != null ? work.get() : execute(TenantId.DEFAULT, work);
  }

  @Override
  public TenantId tenant() {
    return frame().tenant;
  }

  @Override
  public <T> T execute(TenantId tenant, Supplier<T> work) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(work, "work");
    Frame outer = current.get();
    if (outer != null) {
      Tenants.requireSame(outer.tenant, tenant);
      if (outer.readOnly) {
        throw new IllegalStateException("a unit of work that may write (UnitOfWork.execute) was started inside a"
            + " read-only one (UnitOfWork.read), which has no transaction to write in; start the outer one with"
            + " execute, or do the write outside the read");
      }
      return work.get();
    }
    // A fresh entity manager (and so a fresh persistence context and, from the pool, a connection) per outermost
    // unit: nothing a failed unit loaded or half-wrote is seen by the next one, e.g. the next item of a bulk call.
    Frame frame = new Frame(open(), tenant, false);
    current.set(frame);
    T result;
    try {
      EntityTransaction tx;
      try {
        tx = frame.em.getTransaction();
        tx.begin();
        try {
          result = work.get();
          persistDeferred(frame);
          // Every statement runs now, inside the transaction: a failure up to here means nothing was written.
          frame.em.flush();
          if (frame.batching != Batching.UNDECIDED) {
            // Nothing runs between this flush and the commit, whose own flush would only dirty-check every managed
            // entity again; the session's properties are already its own (the batch size), so this costs no copy.
            frame.em.setProperty(FLUSH_MODE_PROPERTY, "MANUAL");
          }
        } catch (RuntimeException | Error e) {
          rollbackQuietly(tx, e);
          throw e;
        }
      } catch (PersistenceException e) {
        throw Errors.translate(e);
      }
      commit(tx);
    } finally {
      current.remove();
      closeQuietly(frame.em);
    }
    runAfterCommit(frame.afterCommit);
    return result;
  }

  /**
   * A unit that only reads: no transaction (each statement runs in the connection's auto-commit, which at the
   * READ COMMITTED isolation that H2 and PostgreSQL default to sees what a transaction around the reads would see),
   * no flush at the end, and the entity manager opened only when a repository asks for it; a repository that reads
   * over JDBC ({@code EntityManager.callWithConnection}) needs nothing more. Entities loaded in it are never
   * flushed, so they cost no dirty check. Inside another unit of work of the same tenant it joins that one.
   */
  @Override
  public <T> T read(TenantId tenant, Supplier<T> work) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(work, "work");
    Frame outer = current.get();
    if (outer != null) {
      Tenants.requireSame(outer.tenant, tenant);
      return work.get();
    }
    if (closed || !emf.isOpen()) {
      throw closedStorage(null);
    }
    Frame frame = new Frame(null, tenant, true);
    current.set(frame);
    T result;
    try {
      result = work.get();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    } finally {
      current.remove();
      release(frame);
      if (frame.em != null) {
        closeQuietly(frame.em);
      }
    }
    runAfterCommit(frame.afterCommit);
    return result;
  }

  /**
   * In a read-only unit that has not opened an entity manager (and when the data source is known), runs the step on
   * a connection of the unit's own, borrowed on first use and returned at the end; otherwise on the entity
   * manager's, in a unit that writes after flushing its pending writes (JDBC would not see them otherwise).
   */
  @Override
  public <T> T withConnection(ConnectionFunction<Connection, T> step) {
    Objects.requireNonNull(step, "step");
    Frame frame = frame();
    if (!frame.readOnly) {
      // the unit's pending writes first: JDBC bypasses the provider's flush before a query
      persistDeferred(frame);
      frame.em.flush();
      return frame.em.callWithConnection(step);
    }
    if (frame.em != null || dataSource == null) {
      return current().callWithConnection(step);
    }
    try {
      if (frame.connection == null) {
        frame.connection = dataSource.getConnection();
      }
      return step.apply(frame.connection);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new PersistenceException(e.getMessage(), e);
    }
  }

  /**
   * Hands a read-only unit's own connection back to the pool (rolling back first if the pool gave it without
   * auto-commit, so no transaction stays open), e.g. before the unit opens an entity manager, which takes its own:
   * a unit of work never holds two connections.
   */
  private static void release(Frame frame) {
    Connection c = frame.connection;
    if (c == null) {
      return;
    }
    frame.connection = null;
    try {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
    } catch (SQLException e) {
      // the reads are done; the pool checks the connection before lending it again
    } finally {
      try {
        c.close();
      } catch (SQLException e) {
        // as above
      }
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  private EntityManager open() {
    if (closed || !emf.isOpen()) {
      throw closedStorage(null);
    }
    try {
      return emf.createEntityManager();
    } catch (IllegalStateException e) {
      // the factory was closed between the check and here
      throw closedStorage(e);
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  private static StorageException closedStorage(RuntimeException cause) {
    return new StorageException("this JpaStorage is closed (JpaStorage.close() was called, or its"
        + " EntityManagerFactory was closed); nothing was read or written. Build a new storage, or close it only"
        + " when the application shuts down", cause);
  }

  /**
   * Commits what was flushed. The statements have all run, so a failure here is the commit itself failing: the
   * connection broke after the commit may have reached the database, and nobody can say whether it did.
   */
  private static void commit(EntityTransaction tx) {
    if (tx.getRollbackOnly()) {
      // A statement failed and the provider swallowed the error (it marks the transaction instead): roll back,
      // which may fail in turn when the connection is gone, and report it as the storage error it is.
      StorageException failure = new StorageException("a database operation of this unit of work failed and the"
          + " persistence provider marked the transaction for rollback; nothing of this unit of work was written."
          + " Check the connection and retry", null);
      rollbackQuietly(tx, failure);
      throw failure;
    }
    try {
      tx.commit();
    } catch (RuntimeException e) {
      rollbackQuietly(tx, e);
      throw new OutcomeUnknownException("the commit failed: " + Errors.firstLine(e.getMessage()) + ". The"
          + " database may or may not have written this unit of work (the connection failed while committing)."
          + " Reload the records concerned to see whether the change is there before retrying it", e);
    }
  }

  @Override
  public void afterCommit(Runnable action) {
    Objects.requireNonNull(action, "action");
    Frame frame = current.get();
    if (frame == null) {
      action.run();
    } else {
      frame.afterCommit.add(action);
    }
  }

  /** Sends the pending writes (Hibernate's batches) now; a failure is translated as at commit. */
  @Override
  public void flush() {
    Frame frame = current.get();
    if (frame == null || frame.readOnly) {
      return; // a read-only unit writes nothing
    }
    try {
      persistDeferred(frame); // the history held back for the end is one of the writes this sends
      frame.em.flush();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public void persistLast(Object entity) {
    Objects.requireNonNull(entity, "entity");
    Frame frame = frame();
    if (frame.readOnly) {
      throw new IllegalStateException("a row was written inside a read-only unit of work (UnitOfWork.read);"
          + " write in a unit of work started with execute");
    }
    writes(entity.getClass(), 1);
    frame.deferred.add(entity);
  }

  /**
   * Single statements while the unit writes at most one row per table, the factory's JDBC batches from the second
   * row of a table on: the provider reads the session's batch size whenever it starts a statement, so the setting
   * made here holds for every flush that follows, intermediate ones included. A unit that announces no write keeps
   * the factory's setting.
   */
  @Override
  public void writes(Class<?> type, int rows) {
    Objects.requireNonNull(type, "type");
    Frame frame = current.get();
    if (rows < 1 || batchSize == 0 || frame == null || frame.readOnly || frame.batching == Batching.ON) {
      return;
    }
    if (rows > 1 || frame.written.contains(type)) {
      if (frame.batching == Batching.OFF) {
        frame.em.setProperty(BATCH_SIZE_PROPERTY, batchSize);
      }
      frame.batching = Batching.ON;
      frame.written.clear();
      return;
    }
    frame.written.add(type);
    if (frame.batching == Batching.UNDECIDED) {
      frame.em.setProperty(BATCH_SIZE_PROPERTY, 1);
      frame.batching = Batching.OFF;
    }
  }

  @Override
  public void persistDeferred() {
    persistDeferred(frame());
  }

  private static void persistDeferred(Frame frame) {
    if (frame.deferred.isEmpty()) {
      return;
    }
    List<Object> rows = List.copyOf(frame.deferred);
    frame.deferred.clear();
    rows.forEach(frame.em::persist);
  }

  @Override
  public EntityManagerFactory factory() {
    return emf;
  }

  @Override
  public EntityManager current() {
    Frame frame = frame();
    if (frame.em == null) {
      release(frame); // its own connection first: the entity manager takes one from the same pool
      frame.em = open(); // a read-only unit's, on first use
    }
    return frame.em;
  }

  private Frame frame() {
    Frame frame = current.get();
    if (frame == null) {
      throw new IllegalStateException(
          "JPA repositories must be used inside unitOfWork().execute(...); the Crm use cases do this for you");
    }
    return frame;
  }

  /** Runs every action; the first failure is thrown after all ran, later ones are added as suppressed. */
  static void runAfterCommit(List<Runnable> actions) {
    RuntimeException failure = null;
    for (Runnable action : actions) {
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
  }

  private static void rollbackQuietly(EntityTransaction tx, Throwable cause) {
    try {
      if (tx.isActive()) {
        tx.rollback();
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static void closeQuietly(EntityManager em) {
    try {
      em.close();
    } catch (RuntimeException ignored) {
      // the transaction is already over; a failing close must not hide its outcome
    }
  }
}
