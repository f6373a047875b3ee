package org.crmkit.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.UserId;

/**
 * One immutable row of an opportunity's stage history: the tracked values after a change, the stage, amount and
 * close date before it, who made it and when. Written in the same unit of work as the change; never updated or
 * deleted.
 *
 * @param id the entry's own id
 * @param opportunityId the opportunity
 * @param version the opportunity's version after the change; orders an opportunity's entries
 * @param kind {@link ChangeKind#CREATED} for the first entry, {@link ChangeKind#UPDATED} after
 * @param origin the path of the change (direct, lead conversion, workflow, import)
 * @param stage stage after the change
 * @param amount amount after, or null
 * @param probability probability after
 * @param probabilityManual true when the probability after the change was set by hand rather than taken from the
 *     stage's default (the opportunity's {@code probabilityManual})
 * @param closeDate close date after, or null
 * @param previousStage stage before, null on creation
 * @param previousAmount amount before, or null
 * @param previousCloseDate close date before, or null
 * @param changedAt when (the injected clock)
 * @param changedBy who
 */
public record StageHistoryEntry(
    UUID id,
    OpportunityId opportunityId,
    long version,
    ChangeKind kind,
    ChangeOrigin origin,
    String stage,
    Money amount,
    Probability probability,
    boolean probabilityManual,
    LocalDate closeDate,
    String previousStage,
    Money previousAmount,
    LocalDate previousCloseDate,
    Instant changedAt,
    UserId changedBy) {

  public StageHistoryEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(opportunityId, "opportunityId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(probability, "probability");
    Objects.requireNonNull(changedAt, "changedAt");
    Objects.requireNonNull(changedBy, "changedBy");
    if (kind == ChangeKind.DELETED) {
      throw new IllegalArgumentException("stage history records creation and changes, not deletion");
    }
    if (kind == ChangeKind.CREATED && previousStage != null) {
      throw new IllegalArgumentException("a creation entry has no previous stage");
    }
  }

  public Optional<String> previous() {
    return Optional.ofNullable(previousStage);
  }

  /** @return true when this entry moved the opportunity into a new stage (creation counts) */
  public boolean enteredStage() {
    return previousStage == null || !previousStage.equals(stage);
  }
}
