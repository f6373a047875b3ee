package org.crmkit.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.crmkit.customfield.CustomFields;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.junit.jupiter.api.Test;

class OpportunityTest {
  private static final Pipeline PIPELINE = Pipeline.defaults();
  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

  private static Opportunity newOpportunity(OpportunityDraft draft) {
    return Opportunity.create(OpportunityId.parse("00000000-0000-0000-0000-000000000001"), UserId.of("alice"), draft,
        PIPELINE, NOW, TODAY);
  }

  @Test
  void needsOnlyAName() {
    Opportunity o = newOpportunity(OpportunityDraft.named("Rockets"));
    assertThat(o.stage()).isEqualTo("qualification");
    assertThat(o.probability()).isEqualTo(Probability.of(10));
    assertThat(o.version()).isZero();
    assertThatThrownBy(() -> newOpportunity(OpportunityDraft.named("  ")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("name: is required");
  }

  private static OpportunityDraft draft(String stage, Probability probability, LocalDate closeDate) {
    return new OpportunityDraft("Imported", null, null, null, probability, stage, closeDate, null, null, null,
        Segments.none(), CustomFields.empty(), null);
  }

  @Test
  void aDraftCreatedWonGetsAHundredPercentAndToday() {
    Opportunity o = newOpportunity(draft("closed_won", null, null));
    assertThat(o.probability()).isEqualTo(Probability.CERTAIN);
    assertThat(o.probabilityManual()).isFalse();
    assertThat(o.closeDate()).contains(TODAY);
    assertThat(newOpportunity(draft("closed_lost", Probability.ZERO, null)).probability()).isEqualTo(Probability.ZERO);
  }

  @Test
  void aDraftCreatedClosedWithAnotherProbabilityIsRefusedOnProbability() {
    assertThatThrownBy(() -> newOpportunity(draft("closed_won", Probability.of(20), null)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("probability")
        .hasMessageContaining("WON, so its probability is 100%, not 20%");
    assertThatThrownBy(() -> newOpportunity(draft("closed_lost", Probability.of(100), null)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("LOST, so its probability is 0%");
  }

  @Test
  void manualProbabilityCannotBeSetOnAClosedOpportunityButItsOwnValueIsAccepted() {
    Opportunity o = newOpportunity(OpportunityDraft.named("Rockets"));
    o.win(PIPELINE, TODAY, NOW);
    assertThatThrownBy(() -> o.overrideProbability(PIPELINE, Probability.of(50), NOW))
        .isInstanceOf(ValidationException.class).hasMessageContaining("its probability is 100%, not 50%");
    assertThatThrownBy(() -> o.changeProbability(PIPELINE, Probability.of(50), NOW))
        .isInstanceOf(ValidationException.class).hasMessageContaining("probability");
    OpportunitySnapshot before = o.snapshot();
    o.changeProbability(PIPELINE, Probability.CERTAIN, NOW.plusSeconds(1));
    assertThat(o.snapshot()).isEqualTo(before);
  }

  @Test
  void aClosedOpportunityKeepsItsCloseDate() {
    Opportunity o = newOpportunity(OpportunityDraft.named("Rockets"));
    o.changeCloseDate(PIPELINE, null, NOW);
    o.win(PIPELINE, TODAY, NOW);
    assertThatThrownBy(() -> o.changeCloseDate(PIPELINE, null, NOW))
        .isInstanceOf(RuleViolationException.class).hasMessageContaining("keeps its close date");
    o.changeCloseDate(PIPELINE, TODAY.minusDays(1), NOW);
    assertThat(o.closeDate()).contains(TODAY.minusDays(1));
  }

  @Test
  void restoreWithThePipelineChecksThatWonMeansHundredAndLostMeansZero() {
    Opportunity o = newOpportunity(OpportunityDraft.named("Rockets"));
    o.win(PIPELINE, TODAY, NOW);
    OpportunitySnapshot won = o.snapshot();
    assertThat(Opportunity.restore(won, PIPELINE).probability()).isEqualTo(Probability.CERTAIN);
    Opportunity.restore(won, PIPELINE).checkClosedState(PIPELINE);

    OpportunitySnapshot wonAtFifty = new OpportunitySnapshot(won.id(), 1, won.owner(), won.name(), null, null, null,
        Probability.of(50), false, won.stage(), won.closeDate(), null, null, null, null, won.segments(),
        won.customFields(), null, won.createdAt(), won.updatedAt());
    assertThat(Opportunity.restore(wonAtFifty).probability()).as("without the pipeline the kind is unknown")
        .isEqualTo(Probability.of(50));
    Opportunity loadedWonAtFifty = Opportunity.restore(wonAtFifty, PIPELINE);
    assertThatThrownBy(() -> loadedWonAtFifty.checkClosedState(PIPELINE))
        .as("the closed-state rules are checked on the state about to be saved, not on load")
        .isInstanceOf(ValidationException.class).hasMessageContaining("probability")
        .hasMessageContaining("is WON with probability 50%");

    OpportunitySnapshot lostWithoutDate = new OpportunitySnapshot(won.id(), 1, won.owner(), won.name(), null, null,
        null, Probability.ZERO, false, "closed_lost", null, null, null, null, null, won.segments(),
        won.customFields(), null, won.createdAt(), won.updatedAt());
    Opportunity lost = Opportunity.restore(lostWithoutDate, PIPELINE);
    assertThatThrownBy(() -> lost.checkClosedState(PIPELINE))
        .isInstanceOf(ValidationException.class).hasMessageContaining("closeDate")
        .hasMessageContaining("without a close date");
    lost.changeCloseDate(PIPELINE, TODAY, NOW);
    lost.checkClosedState(PIPELINE);

    OpportunitySnapshot unknownStage = new OpportunitySnapshot(won.id(), 1, won.owner(), won.name(), null, null,
        null, Probability.ZERO, false, "no_such_stage", null, null, null, null, null, won.segments(),
        won.customFields(), null, won.createdAt(), won.updatedAt());
    assertThatThrownBy(() -> Opportunity.restore(unknownStage, PIPELINE)).isInstanceOf(ValidationException.class);
  }

  @Test
  void settingTheManualProbabilityItAlreadyHasChangesNothing() {
    Opportunity o = newOpportunity(OpportunityDraft.named("Rockets"));
    o.changeProbability(PIPELINE, Probability.of(35), NOW);
    assertThat(o.probabilityManual()).isTrue();
    OpportunitySnapshot before = o.snapshot();
    o.changeProbability(PIPELINE, Probability.of(35), NOW.plusSeconds(60));
    assertThat(o.snapshot()).isEqualTo(before);
    o.changeProbability(PIPELINE, Probability.of(10), NOW.plusSeconds(60));
    assertThat(o.probability()).as("the stage default given while manual is still set by hand")
        .isEqualTo(Probability.of(10));
    assertThat(o.probabilityManual()).isTrue();
  }

  @Test
  void restoreRechecksInvariants() {
    OpportunitySnapshot s = newOpportunity(OpportunityDraft.named("Rockets")).snapshot();
    OpportunitySnapshot negative = new OpportunitySnapshot(s.id(), 1, s.owner(), s.name(), null, null,
        Money.of("-5.00", "EUR"), s.probability(), false, s.stage(), null, null, null, null, null, s.segments(),
        s.customFields(), null, s.createdAt(), s.updatedAt());
    assertThatThrownBy(() -> Opportunity.restore(negative)).hasMessageContaining("must not be negative");
    assertThat(Opportunity.restore(s.withVersion(3)).version()).isEqualTo(3);
  }

  @Test
  void weightedAmountIsRoundedToTheCurrency() {
    Opportunity o = newOpportunity(OpportunityDraft.named("Rockets"));
    o.changeAmount(Money.of("333.33", "EUR"), NOW);
    assertThat(o.weightedAmount()).contains(Money.of("33.33", "EUR"));
  }

  @Test
  void snapshotsAreDetachedFromTheAggregate() {
    Opportunity o = newOpportunity(OpportunityDraft.named("Rockets"));
    OpportunitySnapshot before = o.snapshot();
    o.advanceTo(PIPELINE, "proposal", NOW);
    assertThat(before.stage()).isEqualTo("qualification");
    assertThat(o.snapshot().tracked()).isNotEqualTo(before.tracked());
  }
}
