package org.crmkit.bi;

import java.util.Objects;

/**
 * How long daily snapshot days are kept: every day for {@code dailyDays} days, then only one day a week (the
 * Sunday) or a month (the last day), or every day for ever. Reports respect it: a day that is no longer kept is
 * answered by the kept day before it, and the answer says which day that was.
 *
 * @param dailyDays how many days back every day is kept; {@link Integer#MAX_VALUE} for ever; at least 1
 * @param after what is kept beyond {@code dailyDays}; never null
 */
public record Retention(int dailyDays, Thinning after) {

  /** What is kept of the days older than the daily window. */
  public enum Thinning {
    /** Every day (the window is for ever). */
    NONE,
    /** The last day of each week (Sunday). */
    WEEKLY,
    /** The last day of each month. */
    MONTHLY
  }

  public Retention {
    Objects.requireNonNull(after, "after");
    if (dailyDays < 1) {
      throw new IllegalArgumentException("keep at least one day of daily snapshots, not " + dailyDays);
    }
  }

  /** @return every day, for ever (the default) */
  public static Retention everyDay() {
    return new Retention(Integer.MAX_VALUE, Thinning.NONE);
  }

  /**
   * @param days how many days back every day is kept, e.g. 120
   * @return every day for that many days, then weekly
   */
  public static Retention dailyThenWeekly(int days) {
    return new Retention(days, Thinning.WEEKLY);
  }

  /**
   * @param days how many days back every day is kept
   * @return every day for that many days, then monthly
   */
  public static Retention dailyThenMonthly(int days) {
    return new Retention(days, Thinning.MONTHLY);
  }
}
