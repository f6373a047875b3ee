package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.WinOpportunity;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.Money;
import org.crmkit.shared.Probability;
import org.junit.jupiter.api.Test;

/** Contract: stage history rows on creation and on every tracked change, and none otherwise. */
public interface StageHistoryContract extends ContractSupport {

  private Opportunity created() {
    return crm().opportunities().create(ALICE, CreateOpportunity.named("Rockets")
        .withAmount(Money.of("1000.00", "EUR")).withCloseDate(LocalDate.of(2026, 6, 30)));
  }

  private List<StageHistoryEntry> history(Opportunity o) {
    return crm().opportunities().history(ALICE, o.id());
  }

  @Test
  default void writesAnEntryOnCreationWithTheInitialValues() {
    Opportunity o = created();

    assertThat(history(o)).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(ChangeKind.CREATED);
      assertThat(e.origin()).isEqualTo(ChangeOrigin.DIRECT);
      assertThat(e.opportunityId()).isEqualTo(o.id());
      assertThat(e.version()).isEqualTo(1);
      assertThat(e.stage()).isEqualTo("qualification");
      assertThat(e.amount()).isEqualTo(Money.of("1000.00", "EUR"));
      assertThat(e.probability()).isEqualTo(Probability.of(10));
      assertThat(e.closeDate()).isEqualTo(LocalDate.of(2026, 6, 30));
      assertThat(e.previousStage()).isNull();
      assertThat(e.previousAmount()).isNull();
      assertThat(e.changedAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
      assertThat(e.changedBy()).isEqualTo(ALICE.userId());
    });
  }

  @Test
  default void writesAnEntryOnAStageChangeWithThePreviousValues() {
    Opportunity o = created();
    clock().advance(Duration.ofDays(2));

    crm().opportunities().changeStage(BOB, new ChangeStage(o.id(), 1L, "proposal"));

    List<StageHistoryEntry> h = history(o);
    assertThat(h).hasSize(2);
    StageHistoryEntry e = h.get(1);
    assertThat(e.kind()).isEqualTo(ChangeKind.UPDATED);
    assertThat(e.previousStage()).isEqualTo("qualification");
    assertThat(e.stage()).isEqualTo("proposal");
    assertThat(e.probability()).isEqualTo(Probability.of(50));
    assertThat(e.amount()).isEqualTo(Money.of("1000.00", "EUR"));
    assertThat(e.previousAmount()).isEqualTo(Money.of("1000.00", "EUR"));
    assertThat(e.changedBy()).isEqualTo(BOB.userId());
    assertThat(e.changedAt()).isEqualTo(Instant.parse("2026-03-04T09:00:00Z"));
    assertThat(e.version()).isEqualTo(2);
  }

  @Test
  default void writesAnEntryForEachChangeOfAmountProbabilityOrCloseDate() {
    Opportunity o = created();

    Opportunity v2 = crm().opportunities().update(ALICE, UpdateOpportunity.from(o).withAmount(Money.of("1500.00", "EUR")));
    Opportunity v3 = crm().opportunities().update(ALICE, UpdateOpportunity.from(v2).withProbability(25));
    crm().opportunities().update(ALICE, UpdateOpportunity.from(v3).withCloseDate(LocalDate.of(2026, 7, 31)));

    List<StageHistoryEntry> h = history(o);
    assertThat(h).hasSize(4);
    assertThat(h.get(1).amount()).isEqualTo(Money.of("1500.00", "EUR"));
    assertThat(h.get(1).previousAmount()).isEqualTo(Money.of("1000.00", "EUR"));
    assertThat(h.get(1).previousStage()).as("previous stage is the stage before, never mixed with new amounts")
        .isEqualTo("qualification");
    assertThat(h.get(2).probability()).isEqualTo(Probability.of(25));
    assertThat(h.get(3).closeDate()).isEqualTo(LocalDate.of(2026, 7, 31));
    assertThat(h.get(3).previousCloseDate()).isEqualTo(LocalDate.of(2026, 6, 30));
    assertThat(h).extracting(StageHistoryEntry::version).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  default void recordsWhetherEachEntrysProbabilityWasSetByHand() {
    Opportunity o = created();
    Opportunity manual = crm().opportunities().update(ALICE, UpdateOpportunity.from(o).withProbability(25));
    crm().opportunities().update(ALICE, UpdateOpportunity.from(manual).withProbability(null));

    assertThat(history(o))
        .extracting(StageHistoryEntry::probability, StageHistoryEntry::probabilityManual)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Probability.of(10), false),
            org.assertj.core.groups.Tuple.tuple(Probability.of(25), true),
            org.assertj.core.groups.Tuple.tuple(Probability.of(10), false));
  }

  @Test
  default void writesNoEntryForAnUpdateThatChangesNoTrackedField() {
    Opportunity o = created();

    Opportunity renamed = crm().opportunities().update(ALICE,
        UpdateOpportunity.from(o).withName("Renamed").withNextStep("call"));
    crm().opportunities().update(ALICE, UpdateOpportunity.from(renamed));
    crm().opportunities().changeStage(ALICE, new ChangeStage(o.id(), null, "qualification"));

    assertThat(history(o)).hasSize(1);
  }

  @Test
  default void writesEntriesForWinLoseAndReopen() {
    Opportunity o = created();
    crm().opportunities().win(ALICE, new WinOpportunity(o.id(), null, null));
    crm().opportunities().reopen(ALICE, new ReopenOpportunity(o.id(), null, "negotiation"));
    crm().opportunities().lose(ALICE, new LoseOpportunity(o.id(), null, "budget cut", null));

    assertThat(history(o)).extracting(StageHistoryEntry::stage, StageHistoryEntry::probability)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("qualification", Probability.of(10)),
            org.assertj.core.groups.Tuple.tuple("closed_won", Probability.CERTAIN),
            org.assertj.core.groups.Tuple.tuple("negotiation", Probability.of(80)),
            org.assertj.core.groups.Tuple.tuple("closed_lost", Probability.ZERO));
  }

  @Test
  default void computesTimeInStageFromHistory() {
    Opportunity o = created();
    clock().advance(Duration.ofDays(3));
    crm().opportunities().changeStage(ALICE, new ChangeStage(o.id(), null, "proposal"));
    clock().advance(Duration.ofDays(5));
    crm().opportunities().changeStage(ALICE, new ChangeStage(o.id(), null, "qualification"));
    clock().advance(Duration.ofDays(1));

    Map<String, Duration> time = crm().opportunities().timeInStage(ALICE, o.id());

    assertThat(time).containsEntry("qualification", Duration.ofDays(4)).containsEntry("proposal", Duration.ofDays(5));
  }

  @Test
  default void keepsEachOpportunitysHistorySeparate() {
    Opportunity a = created();
    Opportunity b = crm().opportunities().create(BOB, CreateOpportunity.named("Other"));
    crm().opportunities().changeStage(BOB, new ChangeStage(b.id(), null, "proposal"));

    assertThat(history(a)).hasSize(1);
    assertThat(history(b)).hasSize(2).allMatch(e -> e.opportunityId().equals(b.id()));
  }
}
