package org.crmkit.report;

import java.util.Locale;
import java.util.Objects;

/**
 * One aggregate column of a grouped report.
 *
 * @param function never null
 * @param field the field it reads; null for {@link AggregateFunction#COUNT}, {@link AggregateFunction#WEIGHTED_AMOUNT}
 *     and {@link AggregateFunction#AVG_PROBABILITY}, required for the others
 */
public record ReportAggregate(AggregateFunction function, String field) {
  public ReportAggregate {
    Objects.requireNonNull(function, "function");
  }

  /** The number of rows. */
  public static ReportAggregate count() {
    return new ReportAggregate(AggregateFunction.COUNT, null);
  }

  /** The sum of {@code field}. */
  public static ReportAggregate sum(String field) {
    return new ReportAggregate(AggregateFunction.SUM, field);
  }

  /** The average of {@code field}. */
  public static ReportAggregate avg(String field) {
    return new ReportAggregate(AggregateFunction.AVG, field);
  }

  /** The smallest value of {@code field}. */
  public static ReportAggregate min(String field) {
    return new ReportAggregate(AggregateFunction.MIN, field);
  }

  /** The largest value of {@code field}. */
  public static ReportAggregate max(String field) {
    return new ReportAggregate(AggregateFunction.MAX, field);
  }

  /** The weighted amount, rounded per row. */
  public static ReportAggregate weightedAmount() {
    return new ReportAggregate(AggregateFunction.WEIGHTED_AMOUNT, null);
  }

  /** The average probability. */
  public static ReportAggregate avgProbability() {
    return new ReportAggregate(AggregateFunction.AVG_PROBABILITY, null);
  }

  /** The number of different values of {@code field}. */
  public static ReportAggregate countDistinct(String field) {
    return new ReportAggregate(AggregateFunction.COUNT_DISTINCT, field);
  }

  /** @return the result column name, e.g. {@code count}, {@code sum(amount)}, {@code weighted_amount} */
  public String columnName() {
    String f = function.name().toLowerCase(Locale.ROOT);
    return field == null ? f : f + "(" + field + ")";
  }
}
