package org.crmkit.forecast;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.UserId;

/**
 * One immutable row of a billing forecast's history: the lines before and after a change, why, who and when.
 * Written in the same unit of work as the change; never updated or deleted (it outlives the forecast).
 *
 * @param id the entry's own id; never null
 * @param opportunityId the opportunity; never null
 * @param version the forecast's version after the change (for a deletion: the deleted version plus one); orders
 *     an opportunity's entries and is unique per opportunity
 * @param cause why it changed; never null
 * @param before the lines before, in month order; never null (empty for the first entry)
 * @param after the lines after, in month order; never null (empty once cleared or deleted)
 * @param flaggedDifference the flagged difference after the change, or null when not flagged
 * @param changedAt when (the injected clock); never null
 * @param changedBy who; never null
 */
public record ForecastHistoryEntry(
    UUID id,
    OpportunityId opportunityId,
    long version,
    ForecastChangeCause cause,
    List<ForecastLine> before,
    List<ForecastLine> after,
    Money flaggedDifference,
    Instant changedAt,
    UserId changedBy) {

  public ForecastHistoryEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(opportunityId, "opportunityId");
    Objects.requireNonNull(cause, "cause");
    before = List.copyOf(Objects.requireNonNull(before, "before"));
    after = List.copyOf(Objects.requireNonNull(after, "after"));
    Objects.requireNonNull(changedAt, "changedAt");
    Objects.requireNonNull(changedBy, "changedBy");
    if (version < 1) {
      throw new IllegalArgumentException("a forecast history entry needs the version after the change (1 or more)");
    }
  }
}
