package org.crmkit.bi;

import java.time.LocalDate;
import java.util.Objects;
import org.crmkit.pipeline.ForecastCategory;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.pipeline.StageKind;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;

/**
 * The state of one opportunity at the end of one day, as a daily snapshot keeps it: only the fields the day-level
 * reports need. Immutable. Two states are {@link #equals equal} when every field is; an adapter stores a new row
 * for an opportunity only when its state differs from the last one it stored.
 *
 * @param opportunityId the opportunity; never null
 * @param stage the stage key; never null
 * @param stageKind open, won or lost, as the pipeline said when the state was taken; never null
 * @param forecastCategory the stage's forecast category; never null
 * @param amount the amount, or null when not known
 * @param probability never null
 * @param weightedAmount the amount at the probability, rounded half up to the currency's decimals (the product's one
 *     rounding rule, {@link Money#percent}); null exactly when {@code amount} is
 * @param closeDate the expected (open) or actual (closed) close date, or null
 * @param owner never null
 * @param accountId the account, or null
 * @param segments the segment values; never null (may be empty)
 * @param billingForecastTotal the total of the opportunity's billing forecast lines, or null when it has none
 */
public record OpportunityDayState(
    OpportunityId opportunityId,
    String stage,
    StageKind stageKind,
    ForecastCategory forecastCategory,
    Money amount,
    Probability probability,
    Money weightedAmount,
    LocalDate closeDate,
    UserId owner,
    AccountId accountId,
    Segments segments,
    Money billingForecastTotal) {

  public OpportunityDayState {
    Objects.requireNonNull(opportunityId, "opportunityId");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(stageKind, "stageKind");
    Objects.requireNonNull(forecastCategory, "forecastCategory");
    Objects.requireNonNull(probability, "probability");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(segments, "segments");
    if ((amount == null) != (weightedAmount == null)) {
      throw new IllegalArgumentException("the weighted amount is given exactly when the amount is");
    }
  }

  /**
   * The state of an opportunity in {@code stage}: kind and forecast category from the stage, the weighted amount
   * computed by the product's one rounding rule.
   *
   * @param opportunityId never null
   * @param stage the pipeline's stage for the opportunity's stage key; never null
   * @param amount or null
   * @param probability never null
   * @param closeDate or null
   * @param owner never null
   * @param accountId or null
   * @param segments never null
   * @param billingForecastTotal or null
   * @return the state
   */
  public static OpportunityDayState of(OpportunityId opportunityId, SalesStage stage, Money amount,
      Probability probability, LocalDate closeDate, UserId owner, AccountId accountId, Segments segments,
      Money billingForecastTotal) {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(probability, "probability");
    return new OpportunityDayState(opportunityId, stage.key(), stage.kind(), stage.forecastCategory(), amount,
        probability, amount == null ? null : amount.percent(probability), closeDate, owner, accountId, segments,
        billingForecastTotal);
  }

  /** @return true when the opportunity was open on that day, so counts in the pipeline */
  public boolean inPipeline() {
    return stageKind == StageKind.OPEN;
  }
}
