package org.crmkit.jpa;

import jakarta.persistence.EntityManager;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How crmkit takes part in a transaction the host application owns (JTA, Spring, Jakarta EE). In this mode
 * crmkit never begins, commits or rolls back: it uses the host's entity manager, so its writes commit or roll
 * back with the host's own, and it hands after-commit actions (event publication) to the host's transaction
 * synchronization.
 *
 * <p>Spring, for example:
 *
 * <pre>{@code
 * HostTransactions spring = HostTransactions.of(
 *     () -> sharedEntityManager,   // the container's shared, transaction-bound EntityManager proxy
 *     action -> TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
 *       public void afterCommit() { action.run(); }
 *     }));
 * CrmStorage storage = JpaStorage.joining(spring);
 * }</pre>
 *
 * <p>By default every call into crmkit must already run inside the host's transaction. A host that can also start
 * one (Spring's {@code TransactionTemplate}, JTA's {@code UserTransaction}) overrides
 * {@link #inTransaction(Supplier)}: then crmkit joins the caller's transaction when there is one and runs in a new
 * one when there is none. The Spring Boot starter does this.
 *
 * <p>Implementations must be thread-safe; the methods are called on the thread that runs the transaction.
 */
public interface HostTransactions {

  /**
   * @return the entity manager bound to the calling thread's current transaction; never null. Its persistence
   *     unit must manage crmkit's entities ({@link JpaStorage#managedClassNames()}).
   */
  EntityManager entityManager();

  /**
   * Registers {@code action} to run after the host's current transaction commits, and never if it rolls back.
   *
   * @param action never null
   */
  void afterCommit(Runnable action);

  /**
   * Runs one crmkit unit of work (a use case) inside a host transaction: the caller's when there is one, else a
   * new one that commits when {@code work} returns and rolls back when it throws. crmkit calls it once per
   * outermost unit of work and flushes inside {@code work}, so a stale version or a constraint surfaces as
   * crmkit's own exception before the commit. The default runs {@code work} as it is, in the transaction the
   * caller must have started.
   *
   * <p>When {@code work} throws inside the caller's transaction, an implementation should mark that transaction
   * rollback-only: crmkit may have written part of the refused change (Spring's {@code TransactionTemplate} does
   * so for a participating transaction).
   *
   * @param work never null
   * @return what {@code work} returned
   */
  default <T> T inTransaction(Supplier<T> work) {
    return work.get();
  }

  /**
   * @param entityManager gives the transaction-bound entity manager; never null
   * @param afterCommit registers an action with the host's transaction; never null
   * @return host transactions made of the two functions
   */
  static HostTransactions of(Supplier<EntityManager> entityManager, Consumer<Runnable> afterCommit) {
    Objects.requireNonNull(entityManager, "entityManager");
    Objects.requireNonNull(afterCommit, "afterCommit");
    return new HostTransactions() {
      @Override
      public EntityManager entityManager() {
        return entityManager.get();
      }

      @Override
      public void afterCommit(Runnable action) {
        afterCommit.accept(action);
      }
    };
  }
}
