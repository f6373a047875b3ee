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
 * <p>Implementations must be thread-safe; both methods are called on the thread that runs the transaction.
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
