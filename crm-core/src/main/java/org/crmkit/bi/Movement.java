package org.crmkit.bi;

import java.util.Objects;
import org.crmkit.report.MoneySums;

/**
 * One movement of a pipeline waterfall.
 *
 * @param kind never null
 * @param count how many opportunities moved so
 * @param amount the movement's amounts per currency, signed (won, lost, removed and amount down are negative); for a
 *     shift, the opportunities' second-day amounts; never null
 */
public record Movement(MovementKind kind, long count, MoneySums amount) {

  public Movement {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    if (count < 0) {
      throw new IllegalArgumentException("count cannot be negative");
    }
  }
}
