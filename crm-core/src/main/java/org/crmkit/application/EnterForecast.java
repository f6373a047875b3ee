package org.crmkit.application;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.shared.OpportunityId;

/**
 * Command: replace an opportunity's billing forecast with lines entered by hand (an empty list clears it).
 *
 * @param opportunityId never null
 * @param expectedVersion the forecast's version the change is based on (0 when there is none yet); null to apply
 *     the change whatever the stored version (see {@link #expectedVersion(long)})
 * @param lines the lines, one per month, in any order; never null
 */
public record EnterForecast(@NotNull OpportunityId opportunityId, Long expectedVersion, @NotNull List<ForecastLine> lines) {

  /** Copies the list, so that the command stays immutable. */
  public EnterForecast {
    lines = lines == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lines));
  }

  /** @return a command without an expected version (see {@link #expectedVersion(long)}) */
  public static EnterForecast of(OpportunityId opportunityId, List<ForecastLine> lines) {
    return new EnterForecast(opportunityId, null, lines);
  }

  /**
   * Makes the change conditional on the forecast's version: a different stored version is a
   * {@link org.crmkit.shared.ConflictException} and nothing is written. Without it the change applies to whatever
   * the forecast holds (it replaces lines, so a repeated command gives the same result).
   *
   * @param version the version the change is based on (0 when there is no forecast yet)
   * @return this command with the expected version
   */
  public EnterForecast expectedVersion(long version) {
    return new EnterForecast(opportunityId, version, lines);
  }
}
