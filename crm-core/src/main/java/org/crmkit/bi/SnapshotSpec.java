package org.crmkit.bi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.crmkit.pipeline.SalesStage;

/**
 * What a storage adapter needs to store one day's snapshot: the day, when, the pipeline's stages (their kind and
 * forecast category, which the adapter copies into each state, e.g. with a SQL {@code CASE}) and how far back a
 * closed opportunity still counts.
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
}
