package org.crmkit.inmemory;

import org.crmkit.shared.Visibility;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.SetBudgetMonths;
import org.crmkit.budget.BudgetLine;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.StorageException;
import org.crmkit.testkit.FaultyStorage;
import org.crmkit.testkit.FaultyStorage.Operation;
import org.junit.jupiter.api.Test;

/**
 * What the in-memory storage promises beyond the contract suite: how it tells a lost race from a broken unit of
 * work at commit, and when an account claims its match key. (That a reader never sees half of a commit:
 * {@code internal.CommitVisibilityTest}.)
 */
class InMemoryIntegrityTest {
  private static final Actor ALICE = Actor.user("alice");
  private final InMemoryStorage storage = InMemoryStorage.create();
  private final Crm crm = Crm.builder().storage(storage).build();

  @Test
  void anOpportunityCreatedForAnAccountDeletedMeanwhileFailsWithAConflict() throws Exception {
    Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme"));
    FaultyStorage faulty = FaultyStorage.wrapping(storage);
    Crm paused = Crm.builder().storage(faulty).build();
    CountDownLatch checked = new CountDownLatch(1);
    CountDownLatch deleted = new CountDownLatch(1);
    AtomicBoolean once = new AtomicBoolean();
    faulty.beforeEach(op -> {
      if (op == Operation.SAVE_OPPORTUNITY && once.compareAndSet(false, true)) {
        checked.countDown();
        await(deleted);
      }
    });
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Opportunity> creation = pool.submit(
          () -> paused.opportunities().create(ALICE, CreateOpportunity.named("Rockets").accountId(acme.id())));
      await(checked);
      crm.accounts().delete(ALICE, acme.id(), null);
      deleted.countDown();

      assertThatThrownBy(() -> get(creation))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("Account " + acme.id())
          .hasMessageContaining("deleted by someone else");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anAccountDeletedWhileAnOpportunityWasLinkedToItMeanwhileFailsWithAConflict() throws Exception {
    Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme"));
    FaultyStorage faulty = FaultyStorage.wrapping(storage);
    Crm paused = Crm.builder().storage(faulty).build();
    CountDownLatch checked = new CountDownLatch(1);
    CountDownLatch linked = new CountDownLatch(1);
    faulty.beforeEach(op -> {
      if (op == Operation.DELETE_ACCOUNT) {
        checked.countDown();
        await(linked);
      }
    });
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> deletion = pool.submit(() -> paused.accounts().delete(ALICE, acme.id(), null));
      await(checked);
      crm.opportunities().create(ALICE, CreateOpportunity.named("Rockets").accountId(acme.id()));
      linked.countDown();

      assertThatThrownBy(() -> get(deletion))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("linked to account " + acme.id() + " by someone else");
    } finally {
      pool.shutdownNow();
    }
    assertThat(crm.accounts().find(ALICE, acme.id())).isPresent();
  }

  @Test
  void aUnitOfWorkThatDeletesARowItsOwnChildrenStillNameFailsAsABrokenForeignKey() {
    Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme"));
    crm.budgets().setMonths(ALICE, SetBudgetMonths.of(acme.id(),
        List.of(BudgetLine.of(YearMonth.of(2026, 4), Money.of("10.00", "EUR")))));
    long version = crm.accounts().get(ALICE, acme.id()).version();

    assertThatThrownBy(() -> storage.unitOfWork().run(() -> storage.accounts().delete(acme.id(), version)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("account budget " + acme.id() + " still refers to it");

    assertThat(crm.accounts().find(ALICE, acme.id())).isPresent();
  }

  @Test
  void aBrokenForeignKeyNamesTheChildLinkedFirstAmongThoseStillLinked() {
    Account acme = crm.accounts().create(ALICE, CreateAccount.named("Acme"));
    List<Opportunity> deals = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      deals.add(crm.opportunities().create(ALICE, CreateOpportunity.named("Deal " + i).accountId(acme.id())));
    }
    crm.opportunities().delete(ALICE, deals.get(0).id(), null);
    crm.opportunities().delete(ALICE, deals.get(1).id(), null);
    long version = crm.accounts().get(ALICE, acme.id()).version();

    assertThatThrownBy(() -> storage.unitOfWork().run(() -> storage.accounts().delete(acme.id(), version)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("opportunity " + deals.get(2).id() + " still refers to it");
  }

  @Test
  void aCreationAfterADuplicateCheckConflictsWithOneCommittedSinceTheCheck() throws Exception {
    CountDownLatch checked = new CountDownLatch(1);
    CountDownLatch otherCommitted = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Account> late = pool.submit(() -> storage.unitOfWork().execute(() -> {
        assertThat(storage.accounts().findMatching(AccountMatchKey.of("Acme Oy", null, null), Visibility.all(), 10)).isEmpty();
        checked.countDown();
        await(otherCommitted);
        return crm.accounts().create(ALICE, CreateAccount.named("Acme Oy"));
      }));
      await(checked);
      checkThenCreate("ACME oy");
      otherCommitted.countDown();

      assertThatThrownBy(() -> get(late))
          .isInstanceOf(ConflictException.class)
          .hasMessageContaining("same match key ('acme')");
    } finally {
      pool.shutdownNow();
    }
    assertThat(storage.unitOfWork().execute(
        () -> storage.accounts().findMatching(AccountMatchKey.of("Acme", null, null), Visibility.all(), 10))).hasSize(1);
  }

  @Test
  void sameNamedAccountsCreatedWithoutADuplicateCheckNeverConflict() throws Exception {
    assertThat(raceTwoCreations("Acme")).containsExactly("created", "created");
  }

  @Test
  void aDuplicateCheckThatFoundTheNameTakenClaimsNothing() {
    checkThenCreate("Acme Oy");

    checkThenCreate("ACME oy");
    checkThenCreate("Acme");

    assertThat(storage.unitOfWork().execute(
        () -> storage.accounts().findMatching(AccountMatchKey.of("Acme", null, null), Visibility.all(), 10))).hasSize(3);
  }

  @Test
  void aRenamedAccountReleasesItsMatchKeyClaim() {
    Account acme = checkThenCreate("Acme Oy");
    storage.unitOfWork().run(() -> {
      Account stored = storage.accounts().findById(acme.id()).orElseThrow();
      stored.edit(new org.crmkit.account.AccountDetails("Zeta", null, null, null, null, null, null, null),
          stored.segments(), stored.customFields(), java.time.Instant.parse("2026-03-02T10:00:00Z"));
      storage.accounts().save(stored);
    });

    // "acme" is free again: a checked creation claims it instead of conflicting with the renamed account.
    assertThat(checkThenCreate("Acme").name()).isEqualTo("Acme");
  }

  /** The duplicate check of a conversion, then the creation, in one unit of work. */
  private Account checkThenCreate(String name) {
    return storage.unitOfWork().execute(() -> {
      storage.accounts().findMatching(AccountMatchKey.of(name, null, null), Visibility.all(), 10);
      return crm.accounts().create(ALICE, CreateAccount.named(name));
    });
  }

  /** Two creations of an account named {@code name}, both past their reads before either writes. */
  private List<String> raceTwoCreations(String name) throws Exception {
    FaultyStorage faulty = FaultyStorage.wrapping(storage);
    Crm racing = Crm.builder().storage(faulty).build();
    java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
    faulty.beforeEach(op -> {
      if (op == Operation.SAVE_ACCOUNT) {
        try {
          barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Account>> runs = List.of(
          pool.submit(() -> racing.accounts().create(ALICE, CreateAccount.named(name))),
          pool.submit(() -> racing.accounts().create(ALICE, CreateAccount.named(name))));
      List<String> outcomes = new java.util.ArrayList<>();
      for (Future<Account> run : runs) {
        try {
          get(run);
          outcomes.add("created");
        } catch (ConflictException e) {
          outcomes.add("conflict");
        } catch (Throwable e) {
          outcomes.add(e.toString());
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other thread did not get there within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static <T> T get(Future<T> future) throws Throwable {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause();
    }
  }
}
