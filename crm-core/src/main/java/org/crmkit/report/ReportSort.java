package org.crmkit.report;

import java.util.Objects;

/**
 * One sort key: a result column name (a field of a detail report, or a group or aggregate column name of a grouped
 * report: see {@link ReportGroup#columnName()} and {@link ReportAggregate#columnName()}). Missing values sort last.
 *
 * @param column never null
 * @param descending true for largest first
 */
public record ReportSort(String column, boolean descending) {
  public ReportSort {
    Objects.requireNonNull(column, "column");
  }

  /** Smallest first. */
  public static ReportSort asc(String column) {
    return new ReportSort(column, false);
  }

  /** Largest first. */
  public static ReportSort desc(String column) {
    return new ReportSort(column, true);
  }
}
