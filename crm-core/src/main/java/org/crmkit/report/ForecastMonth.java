package org.crmkit.report;

import java.util.Objects;

/**
 * The billing forecast of one month: lines of opportunities open in a stage counted in the forecast, or won.
 *
 * @param month the month as {@code 2026-04}; never null
 * @param total the lines' amounts; never null
 * @param weighted each line times its opportunity's probability, rounded per line; never null
 * @param committed the lines of won opportunities; never null
 */
public record ForecastMonth(String month, MoneySums total, MoneySums weighted, MoneySums committed) {
  public ForecastMonth {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(weighted, "weighted");
    Objects.requireNonNull(committed, "committed");
  }
}
