package org.crmkit.bi;

import java.util.Objects;
import java.util.Optional;
import org.crmkit.report.MoneySums;

/**
 * One group of a day-level pipeline report: the open opportunities with one key.
 *
 * @param key the group's key (stage key, forecast category, owner id, account id or segment value), or null for the
 *     opportunities without a value and for the total; see {@link #keyValue()}
 * @param count how many open opportunities
 * @param amount their amounts, summed per currency; never null
 * @param weighted their weighted amounts (each rounded per opportunity, half up), summed per currency; never null
 */
public record PipelineGroup(String key, long count, MoneySums amount, MoneySums weighted) {

  public PipelineGroup {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(weighted, "weighted");
    if (count < 0) {
      throw new IllegalArgumentException("count cannot be negative");
    }
  }

  /** @return the key, or empty for the opportunities without a value (and the total) */
  public Optional<String> keyValue() {
    return Optional.ofNullable(key);
  }
}
