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
 * @param expectedVersion the forecast's version the change is based on (0 when there is none yet); null to apply
 *     the change whatever the stored version (see {@link #expectedVersion(long)})
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

  /** @return a command without an expected version (see {@link #expectedVersion(long)}) */
  public static EditForecastLine of(OpportunityId opportunityId, YearMonth month, Money amount) {
    return new EditForecastLine(opportunityId, null, month, amount, null);
  }

  /**
   * @param text a note on the line, max {@value ForecastLine#MAX_NOTE} characters; null for none
   * @return this command with the given note
   */
  public EditForecastLine note(String text) {
    return new EditForecastLine(opportunityId, expectedVersion, month, amount, text);
  }

  /**
   * Makes the change conditional on the forecast's version: a different stored version is a
   * {@link org.crmkit.shared.ConflictException} and nothing is written. Without it the change applies to whatever
   * the forecast holds (it replaces lines, so a repeated command gives the same result).
   *
   * @param version the version the change is based on (0 when there is no forecast yet)
   * @return this command with the expected version
   */
  public EditForecastLine expectedVersion(long version) {
    return new EditForecastLine(opportunityId, version, month, amount, note);
  }
}
