package org.crmkit.bi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a waterfall's movements as a storage adapter returns them: how many opportunities moved so, and their
 * amounts in one currency, already classified ({@link MovementClassifier} states the rules) and summed.
 *
 * @param kind never null
 * @param currencyCode the currency of {@code amount}, or null for the movements of opportunities without an amount
 *     (counted, with a zero amount)
 * @param count how many movements of this kind in this currency; not negative
 * @param amount their sum, signed as in {@link Movement} (won, lost, removed and amount down are negative); zero when
 *     {@code currencyCode} is null; never null
 */
public record MovementTotal(MovementKind kind, String currencyCode, long count, BigDecimal amount) {

  public MovementTotal {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    if (count < 0) {
      throw new IllegalArgumentException("the count of " + kind + " movements cannot be negative, was " + count);
    }
    if (currencyCode == null && amount.signum() != 0) {
      throw new IllegalArgumentException("the " + kind + " movements without a currency cannot sum to " + amount
          + "; give the currency of the amount");
    }
  }
}
