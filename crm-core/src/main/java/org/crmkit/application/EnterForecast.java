package org.crmkit.application;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.shared.OpportunityId;

/**
 * Command: replace an opportunity's billing forecast with lines entered by hand (an empty list clears it).
 *
 * @param opportunityId never null
 * @param expectedVersion the forecast's version the change is based on (0 when there is none yet), or null
 * @param lines the lines, one per month, in any order; never null
 */
public record EnterForecast(@NotNull OpportunityId opportunityId, Long expectedVersion, @NotNull List<ForecastLine> lines) {

  public static EnterForecast of(OpportunityId opportunityId, List<ForecastLine> lines) {
    return new EnterForecast(opportunityId, null, lines);
  }

  public EnterForecast withExpectedVersion(Long value) {
    return new EnterForecast(opportunityId, value, lines);
  }
}
