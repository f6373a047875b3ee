package org.crmkit.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.crmkit.pipeline.Pipeline;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RuleViolationException;
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

  @Test
  void aDraftCreatedWonGetsAHundredPercentAndToday() {
    OpportunityDraft won = new OpportunityDraft("Imported", null, null, null, Probability.of(20), "closed_won", null,
        null, null, null, org.crmkit.shared.Segments.none(), org.crmkit.customfield.CustomFields.empty(), null);
    Opportunity o = newOpportunity(won);
    assertThat(o.probability()).isEqualTo(Probability.CERTAIN);
    assertThat(o.probabilityManual()).isFalse();
    assertThat(o.closeDate()).contains(TODAY);
  }

  @Test
  void manualProbabilityCannotBeSetOnAClosedOpportunity() {
    Opportunity o = newOpportunity(OpportunityDraft.named("Rockets"));
    o.win(PIPELINE, TODAY, NOW);
    assertThatThrownBy(() -> o.overrideProbability(PIPELINE, Probability.of(50), NOW))
        .isInstanceOf(RuleViolationException.class).hasMessageContaining("fixed at 100%");
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
