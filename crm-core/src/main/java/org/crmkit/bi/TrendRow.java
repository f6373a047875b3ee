package org.crmkit.bi;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One row a storage adapter returns for the trend read: one kept day and one currency of the open pipeline.
 *
 * @param day the kept day; never null
 * @param currencyCode the currency, or null for the open opportunities without an amount
 * @param count how many open opportunities
 * @param amount the sum of their amounts; zero when {@code currencyCode} is null
 * @param weighted the sum of their weighted amounts; zero when {@code currencyCode} is null
 */
public record TrendRow(LocalDate day, String currencyCode, long count, BigDecimal amount, BigDecimal weighted) {
}
