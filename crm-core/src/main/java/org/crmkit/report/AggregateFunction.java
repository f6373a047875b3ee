package org.crmkit.report;

/** What a {@link ReportAggregate} computes over the rows of a group. */
public enum AggregateFunction {
  /** The number of rows (no field). */
  COUNT,
  /** The sum of a numeric field; money per currency. */
  SUM,
  /** The average of a numeric field's values (rows without a value are left out), rounded half up. */
  AVG,
  /** The smallest value of an ordered field. */
  MIN,
  /** The largest value of an ordered field. */
  MAX,
  /**
   * The weighted amount (no field): each row's amount times its probability, rounded half up to the currency's
   * decimals per row, then summed per currency. Opportunities, stage history and forecast lines only.
   */
  WEIGHTED_AMOUNT,
  /** The average probability in percent (no field), rounded half up to two decimals. */
  AVG_PROBABILITY,
  /** The number of different values of a field (missing values not counted). */
  COUNT_DISTINCT
}
