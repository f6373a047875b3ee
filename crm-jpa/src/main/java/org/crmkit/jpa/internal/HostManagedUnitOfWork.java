package org.crmkit.jpa.internal;

import org.crmkit.shared.TenantId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.StorageException;
import org.crmkit.shared.UnitOfWork;

/**
 * A unit of work inside a transaction the host owns (JTA, Spring): it neither begins nor commits. The
 * outermost {@link #execute} checks that the host's entity manager takes part in a transaction and flushes at
 * the end, so a stale version surfaces as crmkit's conflict exception while the host can still roll back. The
 * host commits or rolls back crmkit's writes together with its own. The tenant given to the outermost call scopes
 * every repository call inside it; a nested call for another tenant is refused. Consecutive calls for different
 * tenants within one host transaction are allowed: each sees only its own tenant's rows.
 */
public final class HostManagedUnitOfWork implements UnitOfWork, EntityManagers {
  private final Supplier<EntityManager> entityManager;
  private final Consumer<Runnable> afterCommit;
  private final TransactionRunner transactions;
  /** The tenant of the calling thread's unit of work; absent outside one (nested calls join it). */
  private final ThreadLocal<Frame> current = new ThreadLocal<>();
  private volatile boolean closed;

  /** Runs the outermost unit of work inside a host transaction (the caller's, or a new one). */
  @FunctionalInterface
  public interface TransactionRunner {
    /** @return what {@code work} returned */
    <T> T inTransaction(Supplier<T> work);
  }

  public HostManagedUnitOfWork(Supplier<EntityManager> entityManager, Consumer<Runnable> afterCommit) {
    this(entityManager, afterCommit, Supplier::get);
  }

  public HostManagedUnitOfWork(Supplier<EntityManager> entityManager, Consumer<Runnable> afterCommit,
      TransactionRunner transactions) {
    this.entityManager = Objects.requireNonNull(entityManager, "entityManager");
    this.afterCommit = Objects.requireNonNull(afterCommit, "afterCommit");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  private static final class Frame {
    final TenantId tenant;

    Frame(TenantId tenant) {
      this.tenant = tenant;
    }
  }

  @Override
  public <T> T execute(Supplier<T> work) {
    Objects.requireNonNull(work, "work");
    return current.get() != null ? work.get() : execute(TenantId.DEFAULT, work);
  }

  @Override
  public TenantId tenant() {
    Frame frame = current.get();
    if (frame == null) {
      throw new IllegalStateException(
          "JPA repositories must be used inside unitOfWork().execute(...); the Crm use cases do this for you");
    }
    return frame.tenant;
  }

  @Override
  public <T> T execute(TenantId tenant, Supplier<T> work) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(work, "work");
    Frame outer = current.get();
    if (outer != null) {
      Tenants.requireSame(outer.tenant, tenant);
      return work.get();
    }
    if (closed) {
      throw new StorageException("this JpaStorage is closed (JpaStorage.close() was called); nothing was read or"
          + " written. Build a new storage, or close it only when the application shuts down", null);
    }
    current.set(new Frame(tenant));
    try {
      return transactions.inTransaction(() -> {
        EntityManager em = current();
        try {
          requireTransaction(em);
          T result = work.get();
          em.flush();
          return result;
        } catch (PersistenceException e) {
          throw Errors.translate(e);
        }
      });
    } finally {
      current.remove();
    }
  }

  private static void requireTransaction(EntityManager em) {
    if (!em.isJoinedToTransaction() && !resourceLocal(em)) {
      try {
        em.joinTransaction(); // an application-managed JTA entity manager joins the active JTA transaction
      } catch (IllegalStateException | PersistenceException e) {
        // reported below with what to do
      }
    }
    if (!em.isJoinedToTransaction()) {
      throw new ConfigurationException(
          "crmkit runs in host-managed transaction mode but the host's EntityManager is not in a transaction;"
              + " start one before calling crmkit (for example a @Transactional method, or a JTA transaction)");
    }
  }

  /**
   * @return whether {@code em} has resource-local transactions: joining one is meaningless (the provider only warns),
   *     it is either active or not
   */
  private static boolean resourceLocal(EntityManager em) {
    try {
      em.getTransaction();
      return true;
    } catch (IllegalStateException | PersistenceException e) {
      return false; // JTA, or a container's shared entity manager
    }
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public void afterCommit(Runnable action) {
    afterCommit.accept(Objects.requireNonNull(action, "action"));
  }

  @Override
  public void flush() {
    if (current.get() == null) {
      return;
    }
    try {
      current().flush();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public EntityManager current() {
    EntityManager em = entityManager.get();
    if (em == null) {
      throw new ConfigurationException(
          "the host gave crmkit no EntityManager; in host-managed mode call crmkit inside the host's transaction"
              + " (for example a @Transactional method) and return its EntityManager from HostTransactions");
    }
    return em;
  }
}
