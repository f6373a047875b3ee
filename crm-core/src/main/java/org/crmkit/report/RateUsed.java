package org.crmkit.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/**
 * An exchange rate a report used: {@code 1 from = rate to} on {@code on}.
 *
 * @param from never null
 * @param to never null
 * @param on never null
 * @param rate never null, positive
 */
public record RateUsed(Currency from, Currency to, LocalDate on, BigDecimal rate) {
  public RateUsed {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(rate, "rate");
  }
}
