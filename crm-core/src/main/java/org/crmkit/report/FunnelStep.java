package org.crmkit.report;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One stage of the sales funnel, derived from stage history.
 *
 * @param stage the stage key; never null
 * @param reached opportunities that entered the stage in the period
 * @param rateToNext of those, the share (percent, two decimals) that went on to a later stage of the funnel in the
 *     period (stages may be skipped); null for the last stage or when none reached this one
 * @param averageDaysInStage the average time (days, one decimal) a visit to the stage lasted, over visits that began
 *     in the period and have ended; null when there is none
 */
public record FunnelStep(String stage, long reached, BigDecimal rateToNext, BigDecimal averageDaysInStage) {
  public FunnelStep {
    Objects.requireNonNull(stage, "stage");
  }
}
