package org.crmkit.report;

/**
 * How a resolved {@link ReportCondition} compares, as storage adapters translate it. Text comparisons
 * ({@code CONTAINS}, {@code STARTS_WITH}) ignore case ({@link org.crmkit.shared.Text} folding is not applied: plain
 * lower case); the others compare values exactly. A missing value matches only {@code IS_NULL}.
 */
public enum Comparison {
  EQ,
  NE,
  IN,
  LT,
  LE,
  GT,
  GE,
  /** Values hold one lower-case text. */
  CONTAINS,
  /** Values hold one lower-case text. */
  STARTS_WITH,
  IS_NULL,
  NOT_NULL
}
