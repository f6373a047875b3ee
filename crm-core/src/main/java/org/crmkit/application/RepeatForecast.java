package org.crmkit.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.YearMonth;
import org.crmkit.forecast.ForecastLines;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;

/**
 * Command: replace an opportunity's billing forecast with the same amount in each of consecutive months.
 *
 * @param opportunityId never null
 * @param expectedVersion the forecast's version the change is based on (0 when there is none yet); null to apply
 *     the change whatever the stored version (see {@link #expectedVersion(long)})
 * @param amount the monthly amount; never null, not negative
 * @param start the first month; never null
 * @param months how many months, 1 to {@value ForecastLines#MAX_MONTHS}
 */
public record RepeatForecast(
    @NotNull OpportunityId opportunityId,
    Long expectedVersion,
    @NotNull Money amount,
    @NotNull YearMonth start,
    @Min(1) @Max(ForecastLines.MAX_MONTHS) int months) {

  /** @return a command without an expected version (see {@link #expectedVersion(long)}) */
  public static RepeatForecast of(OpportunityId opportunityId, Money amount, YearMonth start, int months) {
    return new RepeatForecast(opportunityId, null, amount, start, months);
  }

  /**
   * Makes the change conditional on the forecast's version: a different stored version is a
   * {@link org.crmkit.shared.ConflictException} and nothing is written. Without it the change applies to whatever
   * the forecast holds (it replaces lines, so a repeated command gives the same result).
   *
   * @param version the version the change is based on (0 when there is no forecast yet)
   * @return this command with the expected version
   */
  public RepeatForecast expectedVersion(long version) {
    return new RepeatForecast(opportunityId, version, amount, start, months);
  }
}
