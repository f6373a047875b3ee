package org.crmkit.forecast;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;

/**
 * The complete state of a {@link BillingForecast} as an immutable value: what adapters store.
 *
 * @param opportunityId the opportunity the forecast belongs to (and its key); never null
 * @param version stored version; 0 for a forecast never saved
 * @param lines the lines in month order; never null (copied)
 * @param flaggedDifference the opportunity's amount minus the forecast's total, recorded when the amount changed
 *     under {@link AmountChangePolicy#KEEP_AND_FLAG}; null when not flagged
 * @param updatedAt when the forecast last changed; never null
 */
public record BillingForecastSnapshot(
    OpportunityId opportunityId, long version, List<ForecastLine> lines, Money flaggedDifference, Instant updatedAt) {

  public BillingForecastSnapshot {
    Objects.requireNonNull(opportunityId, "opportunityId");
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** @return this state with another version (adapters set the stored version) */
  public BillingForecastSnapshot withVersion(long newVersion) {
    return new BillingForecastSnapshot(opportunityId, newVersion, lines, flaggedDifference, updatedAt);
  }
}
