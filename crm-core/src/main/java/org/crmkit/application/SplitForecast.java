package org.crmkit.application;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.YearMonth;
import org.crmkit.forecast.ForecastLines;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;

/**
 * Command: replace an opportunity's billing forecast with an amount split evenly over consecutive months (see
 * {@link ForecastLines#splitEvenly}: the rounding remainder goes to the last line).
 *
 * @param opportunityId never null
 * @param expectedVersion the forecast's version the change is based on (0 when there is none yet); null to apply
 *     the change whatever the stored version (see {@link #expectedVersion(long)})
 * @param total the amount to split; null for the opportunity's amount
 * @param start the first month; never null
 * @param months how many months, 1 to {@value ForecastLines#MAX_MONTHS}
 */
public record SplitForecast(
    @NotNull OpportunityId opportunityId,
    Long expectedVersion,
    Money total,
    @NotNull YearMonth start,
    @Min(1) @Max(ForecastLines.MAX_MONTHS) int months) {

  /** Splits the opportunity's own amount. */
  public static SplitForecast ofAmount(OpportunityId opportunityId, YearMonth start, int months) {
    return new SplitForecast(opportunityId, null, null, start, months);
  }

  /** Splits the given total. */
  public static SplitForecast of(OpportunityId opportunityId, Money total, YearMonth start, int months) {
    return new SplitForecast(opportunityId, null, total, start, months);
  }

  /**
   * Makes the change conditional on the forecast's version: a different stored version is a
   * {@link org.crmkit.shared.ConflictException} and nothing is written. Without it the change applies to whatever
   * the forecast holds (it replaces lines, so a repeated command gives the same result).
   *
   * @param version the version the change is based on (0 when there is no forecast yet)
   * @return this command with the expected version
   */
  public SplitForecast expectedVersion(long version) {
    return new SplitForecast(opportunityId, version, total, start, months);
  }
}
