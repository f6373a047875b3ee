package org.crmkit.bi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.pipeline.StageKind;
import org.crmkit.shared.Money;

/**
 * What a storage adapter needs to store one day's snapshot: the day, when, the pipeline's stages (their kind and
 * forecast category, which the adapter copies into each state, e.g. with a SQL {@code CASE}) and how far back a
 * closed opportunity still counts.
 *
 * <p>A day's state holds every opportunity whose stage is one of {@code stages} and which is open, or closed (won or
 * lost) with a close date on or after {@code closedSince} or without a close date. An opportunity whose stage key is
 * not among {@code stages} (a stage since removed from the pipeline) is left out.
 *
 * @param day the day; never null
 * @param takenAt the Crm's clock now; never null
 * @param stages the pipeline's stages; never null (copied)
 * @param closedSince a closed (won or lost) opportunity is in the day's state when its close date is on or after
 *     this day, or when it has no close date; never null
 */
public record SnapshotSpec(LocalDate day, Instant takenAt, List<SalesStage> stages, LocalDate closedSince) {

  public SnapshotSpec {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(takenAt, "takenAt");
    stages = List.copyOf(Objects.requireNonNull(stages, "stages"));
    Objects.requireNonNull(closedSince, "closedSince");
  }

  /** @return the stage with that key, if the spec has it */
  public Optional<SalesStage> stage(String key) {
    for (SalesStage s : stages) {
      if (s.key().equals(key)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /**
   * @param kind the opportunity's stage kind
   * @param closeDate its close date, or null
   * @return true when an opportunity of that kind and close date belongs in the day's state
   */
  public boolean holds(StageKind kind, LocalDate closeDate) {
    return kind == StageKind.OPEN || closeDate == null || !closeDate.isBefore(closedSince);
  }

  /**
   * The state an adapter stores for an opportunity as it is now (what {@link
   * PipelineSnapshotRepository#storeFromCurrent} copies).
   *
   * @param opportunity the opportunity as stored; never null
   * @param billingForecastTotal the sum of its billing forecast lines, or null when it has none
   * @return its state, or empty when it does not belong in the day's state
   */
  public Optional<OpportunityDayState> stateOf(OpportunitySnapshot opportunity, Money billingForecastTotal) {
    Objects.requireNonNull(opportunity, "opportunity");
    return stage(opportunity.stage())
        .filter(s -> holds(s.kind(), opportunity.closeDate()))
        .map(s -> OpportunityDayState.of(opportunity.id(), s, opportunity.amount(), opportunity.probability(),
            opportunity.closeDate(), opportunity.owner(), opportunity.accountId(), opportunity.segments(),
            billingForecastTotal));
  }
}
