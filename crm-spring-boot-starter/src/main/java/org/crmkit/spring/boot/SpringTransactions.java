package org.crmkit.spring.boot;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Objects;
import java.util.function.Supplier;
import org.crmkit.jpa.HostTransactions;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.OutcomeUnknownException;
import org.crmkit.shared.StorageException;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * crmkit inside Spring's transactions: each use case joins the caller's transaction ({@code @Transactional},
 * {@code TransactionTemplate}) when there is one and runs in a new one when there is none; crmkit uses the
 * transaction's EntityManager, so its records commit or roll back with the application's; events go out after the
 * commit. A use case that throws inside the caller's transaction marks it rollback-only, as any exception out of
 * a {@code @Transactional} method does, because crmkit may have written part of the refused change.
 *
 * <p>The starter wires it; without Boot: {@code JpaStorage.joining(SpringTransactions.of(emf, transactionManager))}.
 */
public final class SpringTransactions implements HostTransactions {
  private final EntityManager entityManager;
  private final TransactionTemplate template;

  private SpringTransactions(EntityManagerFactory emf, PlatformTransactionManager transactionManager) {
    this.entityManager = SharedEntityManagerCreator.createSharedEntityManager(emf);
    this.template = new TransactionTemplate(transactionManager);
  }

  /**
   * @param emf the application's EntityManagerFactory, managing crmkit's entities; never null
   * @param transactionManager the transaction manager of that factory (Spring Boot's {@code JpaTransactionManager});
   *     never null
   * @return crmkit's view of Spring's transactions
   */
  public static SpringTransactions of(EntityManagerFactory emf, PlatformTransactionManager transactionManager) {
    return new SpringTransactions(Objects.requireNonNull(emf, "emf"),
        Objects.requireNonNull(transactionManager, "transactionManager"));
  }

  @Override
  public EntityManager entityManager() {
    return entityManager;
  }

  @Override
  public void afterCommit(Runnable action) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      action.run(); // no transaction: nothing to wait for
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        action.run();
      }
    });
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    boolean[] workEnded = new boolean[1];
    try {
      return template.execute(status -> {
        T result = work.get();
        workEnded[0] = true;
        return result;
      });
    } catch (CrmException e) {
      throw e;
    } catch (RuntimeException e) {
      if (workEnded[0]) {
        throw new OutcomeUnknownException("the commit failed: " + e.getMessage() + ". The database may or may not"
            + " have written this change (the connection failed while committing). Reload the records concerned"
            + " to see whether the change is there before retrying it", e);
      }
      if (e instanceof TransactionException) {
        throw new StorageException("the transaction for crmkit could not start: " + e.getMessage()
            + "; nothing was written. Check the database connection and retry", e);
      }
      throw e;
    }
  }
}
