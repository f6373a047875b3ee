package org.crmkit.report;

import java.util.Objects;

/**
 * What an adapter computes per group of an {@link AggregateQuery}. Every measure but {@code COUNT_DISTINCT}
 * decomposes (the core adds finer groups up to subtotals), and averages are derived from sums and counts.
 *
 * @param kind never null
 * @param field the field read; null for {@link Kind#COUNT} and {@link Kind#SUM_WEIGHTED}
 */
public record ReportMeasure(Kind kind, ReportField field) {
  public ReportMeasure {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.COUNT || kind == Kind.SUM_WEIGHTED) != (field == null)) {
      throw new IllegalArgumentException(kind + (field == null ? " needs a field" : " takes no field"));
    }
  }

  /** The kinds of measure and the Java type of their values in a result row. */
  public enum Kind {
    /** Rows: Long. */
    COUNT,
    /** Rows with a value in the field: Long. */
    COUNT_VALUES,
    /** Sum of a numeric field (a money field: its amount): BigDecimal, null when no row has a value. */
    SUM,
    /** Smallest value: the field's Java type (a money field: its amount as BigDecimal), or null. */
    MIN,
    /** Largest value, as MIN. */
    MAX,
    /**
     * Sum over rows with an amount of the amount times the probability in percent, each row rounded half up to its
     * currency's decimals first: BigDecimal, null when no row has an amount.
     */
    SUM_WEIGHTED,
    /** Different values of the field, missing ones not counted: Long. */
    COUNT_DISTINCT
  }
}
