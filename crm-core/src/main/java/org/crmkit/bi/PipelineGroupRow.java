package org.crmkit.bi;

import java.math.BigDecimal;

/**
 * One row a storage adapter returns for a day-level pipeline read: one group key and one currency.
 *
 * @param key the group's key (stage key, forecast category name, owner id, account id, segment value), or null for
 *     opportunities without a value (no account, no value in the segment dimension) and for the total
 * @param currencyCode the currency, or null for the opportunities without an amount
 * @param count how many open opportunities
 * @param amount the sum of their amounts; zero when {@code currencyCode} is null
 * @param weighted the sum of their weighted amounts (each already rounded per row); zero when {@code currencyCode}
 *     is null
 */
public record PipelineGroupRow(String key, String currencyCode, long count, BigDecimal amount, BigDecimal weighted) {
}
