package org.crmkit.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * The period a date is grouped into. Weeks are ISO weeks (Monday to Sunday, labelled {@code 2026-W14}); quarters
 * and years follow the fiscal year, which starts in a configurable month ({@link ReportSettings}). With a January
 * start the labels are {@code 2026-Q1} and {@code 2026}; with another start month a fiscal year is named by the
 * calendar year it starts in: {@code FY2026-Q1} is the first quarter of the fiscal year starting in 2026.
 */
public enum DateBucket {
  DAY,
  WEEK,
  MONTH,
  QUARTER,
  YEAR;

  /**
   * @param day never null
   * @param fiscalYearStart the first month of the fiscal year; never null
   * @return the first day of the bucket {@code day} falls into
   */
  public LocalDate start(LocalDate day, Month fiscalYearStart) {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(fiscalYearStart, "fiscalYearStart");
    switch (this) {
      case DAY:
        return day;
      case WEEK:
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH:
        return day.withDayOfMonth(1);
      case QUARTER: {
        int offset = Math.floorMod(day.getMonthValue() - fiscalYearStart.getValue(), 3);
        return day.withDayOfMonth(1).minusMonths(offset);
      }
      case YEAR: {
        int offset = Math.floorMod(day.getMonthValue() - fiscalYearStart.getValue(), 12);
        return day.withDayOfMonth(1).minusMonths(offset);
      }
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * @param start the first day of a bucket, as {@link #start} gives it
   * @param fiscalYearStart the first month of the fiscal year; never null
   * @return the bucket's label: {@code 2026-03-31}, {@code 2026-W14}, {@code 2026-03}, {@code 2026-Q1} /
   *     {@code FY2026-Q1}, {@code 2026} / {@code FY2026}
   */
  public String label(LocalDate start, Month fiscalYearStart) {
    boolean calendar = fiscalYearStart == Month.JANUARY;
    switch (this) {
      case DAY:
        return start.toString();
      case WEEK:
        return String.format("%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH:
        return String.format("%04d-%02d", start.getYear(), start.getMonthValue());
      case QUARTER: {
        LocalDate yearStart = YEAR.start(start, fiscalYearStart);
        int quarter = (int) (java.time.temporal.ChronoUnit.MONTHS.between(yearStart, start) / 3) + 1;
        return (calendar ? "" : "FY") + String.format("%04d-Q%d", yearStart.getYear(), quarter);
      }
      case YEAR:
        return (calendar ? "" : "FY") + String.format("%04d", start.getYear());
      default:
        throw new AssertionError(this);
    }
  }

  /** @return the last day of the bucket starting on {@code start} */
  public LocalDate end(LocalDate start) {
    switch (this) {
      case DAY:
        return start;
      case WEEK:
        return start.plusDays(6);
      case MONTH:
        return start.plusMonths(1).minusDays(1);
      case QUARTER:
        return start.plusMonths(3).minusDays(1);
      case YEAR:
        return start.plusMonths(12).minusDays(1);
      default:
        throw new AssertionError(this);
    }
  }
}
