package org.crmkit.report;

/** The bounds every report definition must keep; checked before a report runs, the same on every storage. */
public final class ReportLimits {
  /** Groupings per report. */
  public static final int MAX_GROUPS = 3;
  /** Filters per report. */
  public static final int MAX_FILTERS = 50;
  /** Values of one IN filter. */
  public static final int MAX_IN_VALUES = 1_000;
  /** Columns of a detail report, and aggregates of a grouped one. */
  public static final int MAX_COLUMNS = 50;
  /** Rows of one result page. */
  public static final int MAX_LIMIT = 10_000;
  /** The largest offset of a detail page. */
  public static final long MAX_OFFSET = 10_000_000L;
  /** Groups a grouped report may produce before it is refused as too large (narrow it with filters). */
  public static final int MAX_GROUP_ROWS = 100_000;
  /** Characters of one filter value. */
  public static final int MAX_VALUE_LENGTH = 4_000;
  /** Characters of a field name. */
  public static final int MAX_FIELD_NAME = 120;
  /** Days of a "last N days" or "next N days" relative date. */
  public static final int MAX_RELATIVE_DAYS = 36_600;

  private ReportLimits() {}
}
