package org.crmkit.report;

/** How a {@link ReportFilter} compares a field with its values. */
public enum Operator {
  /** One value; with a relative date, the field's day lies in the period. */
  EQUALS(1, 1),
  /** One value; a missing value does not match (as in SQL). */
  NOT_EQUALS(1, 1),
  /** One to 1,000 values. */
  IN(1, ReportLimits.MAX_IN_VALUES),
  /** One value; with a relative date: before the period starts. */
  LESS_THAN(1, 1),
  /** One value; with a relative date: after the period ends. */
  GREATER_THAN(1, 1),
  /** Two values, both inclusive; relative dates: from the first period's start to the second's end. */
  BETWEEN(2, 2),
  /** Text contains the value, ignoring case. */
  CONTAINS(1, 1),
  /** Text starts with the value, ignoring case. */
  STARTS_WITH(1, 1),
  /** The field has no value. */
  IS_EMPTY(0, 0),
  /** The field has a value. */
  IS_NOT_EMPTY(0, 0);

  private final int minValues;
  private final int maxValues;

  Operator(int minValues, int maxValues) {
    this.minValues = minValues;
    this.maxValues = maxValues;
  }

  /** @return how many values the operator needs at least */
  public int minValues() {
    return minValues;
  }

  /** @return how many values the operator takes at most */
  public int maxValues() {
    return maxValues;
  }
}
