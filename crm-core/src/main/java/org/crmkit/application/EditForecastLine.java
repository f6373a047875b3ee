package org.crmkit.application;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.YearMonth;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;

/**
 * Command: set one month's line of an opportunity's billing forecast (added when the month has none, replaced
 * otherwise); the other lines stay.
 *
 * @param opportunityId never null
 * @param expectedVersion the forecast's version the change is based on (0 when there is none yet), or null
 * @param month never null
 * @param amount never null, not negative, in the opportunity amount's currency
 * @param note optional, max {@value ForecastLine#MAX_NOTE} characters; null for none
 */
public record EditForecastLine(
    @NotNull OpportunityId opportunityId,
    Long expectedVersion,
    @NotNull YearMonth month,
    @NotNull Money amount,
    @Size(max = ForecastLine.MAX_NOTE) String note) {

  public static EditForecastLine of(OpportunityId opportunityId, YearMonth month, Money amount) {
    return new EditForecastLine(opportunityId, null, month, amount, null);
  }

  public EditForecastLine withNote(String value) {
    return new EditForecastLine(opportunityId, expectedVersion, month, amount, value);
  }

  public EditForecastLine withExpectedVersion(Long value) {
    return new EditForecastLine(opportunityId, value, month, amount, note);
  }
}
