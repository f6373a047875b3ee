package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.Money;
import org.crmkit.testkit.FaultyStorage.Operation;
import org.junit.jupiter.api.Test;

/** Contract: concurrent writers of one record get one success and one conflict, never a silent overwrite. */
public interface ConcurrencyContract extends ContractSupport {

  @Test
  default void twoConcurrentUpdatesOfOneOpportunityGiveOneSuccessAndOneConflict() throws Exception {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets")
        .amount(Money.of("100.00", "EUR")));
    // Both writers load version 1, then wait for each other before saving, so neither sees the other's write.
    CyclicBarrier bothLoaded = new CyclicBarrier(2);
    storage().beforeEach(op -> {
      if (op == Operation.SAVE_OPPORTUNITY) {
        await(bothLoaded);
      }
    });

    List<Outcome> outcomes = runConcurrently(
        () -> crm().opportunities().update(ALICE, UpdateOpportunity.of(o.id(), o.version()).amount(Money.of("200.00", "EUR"))),
        () -> crm().opportunities().changeStage(BOB, ChangeStage.of(o.id(), o.version(), "proposal")));
    storage().reset();

    assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
    assertThat(outcomes).filteredOn(x -> x.failure() instanceof ConflictException).hasSize(1);
    Opportunity stored = crm().opportunities().get(ALICE, o.id());
    assertThat(stored.version()).isEqualTo(2);
    List<StageHistoryEntry> history = crm().opportunities().history(ALICE, o.id());
    assertThat(history).as("the loser's history entry was rolled back with its change").hasSize(2);
    assertThat(history.get(1).stage()).isEqualTo(stored.stage());
    assertThat(history.get(1).amount()).isEqualTo(stored.amount().orElseThrow());
  }

  @Test
  default void twoConcurrentUpdatesOfOneLeadGiveOneSuccessAndOneConflict() throws Exception {
    org.crmkit.lead.Lead lead = crm().leads().create(ALICE,
        org.crmkit.application.CreateLead.of("Ada", "Lovelace", "AE", null));
    CyclicBarrier bothLoaded = new CyclicBarrier(2);
    storage().beforeEach(op -> {
      if (op == Operation.SAVE_LEAD) {
        await(bothLoaded);
      }
    });

    List<Outcome> outcomes = runConcurrently(
        () -> crm().leads().changeStatus(ALICE,
            org.crmkit.application.ChangeLeadStatus.of(lead.id(), lead.version(), "contacted")),
        () -> crm().leads().changeStatus(BOB,
            org.crmkit.application.ChangeLeadStatus.of(lead.id(), lead.version(), "nurturing")));
    storage().reset();

    assertThat(outcomes).filteredOn(Outcome::succeeded).hasSize(1);
    assertThat(outcomes).filteredOn(x -> x.failure() instanceof ConflictException).hasSize(1);
    org.crmkit.lead.Lead stored = crm().leads().get(ALICE, lead.id());
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.status()).isEqualTo(((org.crmkit.lead.Lead) outcomes.stream()
        .filter(Outcome::succeeded).findFirst().orElseThrow().value()).status());
  }

  @Test
  default void aWriterWithAStaleExpectedVersionGetsAConflict() throws Exception {
    Opportunity o = crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets"));
    UpdateOpportunity basedOnV1 = UpdateOpportunity.of(o.id(), o.version());
    crm().opportunities().update(ALICE, basedOnV1.name("First writer"));

    List<Outcome> outcomes = runConcurrently(
        () -> crm().opportunities().update(BOB, basedOnV1.name("Second writer")));

    assertThat(outcomes.get(0).failure()).isInstanceOf(ConflictException.class);
    assertThat(crm().opportunities().get(ALICE, o.id()).name()).isEqualTo("First writer");
  }

  /** Result of one concurrent task. */
  record Outcome(Object value, Throwable failure) {
    boolean succeeded() {
      return failure == null;
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("concurrent writers did not meet at the barrier", e);
    }
  }

  @SafeVarargs
  private static List<Outcome> runConcurrently(Callable<Object>... tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (Callable<Object> t : tasks) {
        futures.add(pool.submit(t));
      }
      List<Outcome> outcomes = new ArrayList<>();
      for (Future<Object> f : futures) {
        try {
          outcomes.add(new Outcome(f.get(30, TimeUnit.SECONDS), null));
        } catch (java.util.concurrent.ExecutionException e) {
          outcomes.add(new Outcome(null, e.getCause()));
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
