package org.crmkit.jpa.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.crmkit.shared.UnitOfWork;

/**
 * A unit of work over resource-local transactions: the outermost {@link #execute} opens an entity manager and
 * an {@link EntityTransaction}, binds them to the thread, commits when the work returns and rolls back when it
 * throws. Nested calls join. After-commit actions run once the commit succeeded, outside the transaction.
 */
public final class ResourceLocalUnitOfWork implements UnitOfWork, EntityManagers {
  private final EntityManagerFactory emf;
  private final ThreadLocal<Frame> current = new ThreadLocal<>();

  private static final class Frame {
    final EntityManager em;
    final List<Runnable> afterCommit = new ArrayList<>();

    Frame(EntityManager em) {
      this.em = em;
    }
  }

  public ResourceLocalUnitOfWork(EntityManagerFactory emf) {
    this.emf = Objects.requireNonNull(emf, "emf");
  }

  @Override
  public <T> T execute(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    if (current.get() != null) {
      return work.get();
    }
    Frame frame;
    try {
      frame = new Frame(emf.createEntityManager());
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
    current.set(frame);
    T result;
    try {
      EntityTransaction tx = frame.em.getTransaction();
      tx.begin();
      try {
        result = work.get();
        tx.commit();
      } catch (RuntimeException | Error e) {
        rollbackQuietly(tx, e);
        throw e;
      }
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    } finally {
      current.remove();
      closeQuietly(frame.em);
    }
    runAfterCommit(frame.afterCommit);
    return result;
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

  @Override
  public EntityManager current() {
    Frame frame = current.get();
    if (frame == null) {
      throw new IllegalStateException(
          "JPA repositories must be used inside unitOfWork().execute(...); the Crm use cases do this for you");
    }
    return frame.em;
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
