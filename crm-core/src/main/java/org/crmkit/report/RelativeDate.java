package org.crmkit.report;

import java.time.LocalDate;
import java.time.Month;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period named relative to today, written as a filter value: {@code today}, {@code yesterday}, {@code tomorrow},
 * {@code this_week}, {@code last_week}, {@code next_week} (and the same for {@code month}, {@code quarter},
 * {@code year}), {@code last_N_days} (the N days up to and including today) and {@code next_N_days} (today and the
 * N-1 days after it); N is 1 to {@link ReportLimits#MAX_RELATIVE_DAYS}. Resolved with the Crm's clock and zone when the report
 * runs; quarters and years follow the fiscal year start.
 *
 * @param from the first day of the period
 * @param to the last day of the period
 */
public record RelativeDate(LocalDate from, LocalDate to) {
  private static final Pattern N_DAYS = Pattern.compile("(last|next)_(\\d{1,6})_days");
  private static final Pattern PERIOD = Pattern.compile("(this|last|next)_(week|month|quarter|year)");

  public RelativeDate {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /**
   * @param text a relative date token, any case
   * @param today today in the Crm's zone
   * @param fiscalYearStart the first month of the fiscal year
   * @return the period, or empty when {@code text} is not a relative date token
   * @throws IllegalArgumentException when N of {@code last_N_days} is beyond {@link ReportLimits#MAX_RELATIVE_DAYS}
   */
  public static Optional<RelativeDate> resolve(String text, LocalDate today, Month fiscalYearStart) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    switch (t) {
      case "today":
        return Optional.of(new RelativeDate(today, today));
      case "yesterday":
        return Optional.of(new RelativeDate(today.minusDays(1), today.minusDays(1)));
      case "tomorrow":
        return Optional.of(new RelativeDate(today.plusDays(1), today.plusDays(1)));
      default:
        break;
    }
    Matcher days = N_DAYS.matcher(t);
    if (days.matches()) {
      int n = Integer.parseInt(days.group(2));
      if (n < 1 || n > ReportLimits.MAX_RELATIVE_DAYS) {
        throw new IllegalArgumentException("N must be 1 to " + ReportLimits.MAX_RELATIVE_DAYS + ", was " + n);
      }
      return Optional.of(days.group(1).equals("last")
          ? new RelativeDate(today.minusDays(n - 1L), today)
          : new RelativeDate(today, today.plusDays(n - 1L)));
    }
    Matcher period = PERIOD.matcher(t);
    if (period.matches()) {
      DateBucket bucket = DateBucket.valueOf(period.group(2).toUpperCase(Locale.ROOT));
      LocalDate start = bucket.start(today, fiscalYearStart);
      switch (period.group(1)) {
        case "last":
          start = bucket.start(start.minusDays(1), fiscalYearStart);
          break;
        case "next":
          start = bucket.end(start).plusDays(1);
          break;
        default:
          break;
      }
      return Optional.of(new RelativeDate(start, bucket.end(start)));
    }
    return Optional.empty();
  }
}
