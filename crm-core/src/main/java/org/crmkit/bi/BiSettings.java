package org.crmkit.bi;

import java.util.Objects;

/**
 * How daily snapshots are kept. Give them to {@code Crm.builder().bi(...)}.
 *
 * @param retention how long every day is kept; never null
 * @param closedWithinDays a won or lost opportunity stays in a day's state for this many days after its close date,
 *     so the day it closed (and the days after) still see it; at least 0
 */
public record BiSettings(Retention retention, int closedWithinDays) {

  public BiSettings {
    Objects.requireNonNull(retention, "retention");
    if (closedWithinDays < 0) {
      throw new IllegalArgumentException("closedWithinDays cannot be negative: " + closedWithinDays);
    }
  }

  /** @return every day kept for ever; closed opportunities kept 90 days after their close date */
  public static BiSettings defaults() {
    return new BiSettings(Retention.everyDay(), 90);
  }

  /** @return these settings with another retention */
  public BiSettings withRetention(Retention value) {
    return new BiSettings(value, closedWithinDays);
  }

  /** @return these settings with another window for closed opportunities */
  public BiSettings withClosedWithinDays(int value) {
    return new BiSettings(retention, value);
  }
}
