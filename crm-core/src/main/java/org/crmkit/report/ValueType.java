package org.crmkit.report;

/**
 * The type of a report field or result column, and so the Java type of its cells: {@code TEXT} = String,
 * {@code INTEGER} = Long, {@code DECIMAL} = BigDecimal, {@code MONEY} = {@link MoneySums}, {@code DATE} = LocalDate
 * (or a {@link DateBucket} label when grouped by a bucket: then the column is {@code TEXT}), {@code TIMESTAMP} =
 * Instant, {@code BOOLEAN} = Boolean. A missing value is null.
 */
public enum ValueType {
  TEXT,
  INTEGER,
  DECIMAL,
  MONEY,
  DATE,
  TIMESTAMP,
  BOOLEAN;

  /** @return true for types that can be summed and averaged */
  public boolean isNumeric() {
    return this == INTEGER || this == DECIMAL || this == MONEY;
  }

  /** @return true for types with an order (min, max, less than, greater than, between) */
  public boolean isOrdered() {
    return this != BOOLEAN;
  }
}
