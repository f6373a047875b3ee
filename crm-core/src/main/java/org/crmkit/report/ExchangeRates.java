package org.crmkit.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;

/**
 * Port: dated exchange rates a host gives (see {@link ReportSettings}) so that reports can convert money into one
 * reporting currency. Each row is converted at the rate of its own date (an opportunity's close date, a forecast
 * line's month, a history entry's day; today when the row has no date), and the result lists every rate used.
 * Implementations must be thread-safe.
 */
public interface ExchangeRates {

  /**
   * @param from the currency of the amount; never null
   * @param to the reporting currency; never null, not {@code from}
   * @param on the day whose rate applies; never null
   * @return how many units of {@code to} one unit of {@code from} is worth on that day (positive), or empty when
   *     unknown (the report then fails, naming the currency and day)
   */
  Optional<BigDecimal> rate(Currency from, Currency to, LocalDate on);

  /** No rates at all: every report sums money per currency. */
  static ExchangeRates none() {
    return (from, to, on) -> Optional.empty();
  }
}
