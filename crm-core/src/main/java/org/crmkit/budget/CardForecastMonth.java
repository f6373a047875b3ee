package org.crmkit.budget;

import java.time.YearMonth;
import java.util.Objects;
import org.crmkit.shared.Money;

/**
 * One month of billing forecast for the account card, summed where the data is.
 *
 * @param month never null
 * @param forecast the sum of the counted forecast lines of the month; never null
 * @param weighted the sum over those lines of {@link AccountCards#weigh}: each line (one per opportunity and
 *     month) weighted by its opportunity's probability, 100 % when won, and rounded before summing; never null
 * @param committed the sum of the lines of won opportunities; never null
 */
public record CardForecastMonth(YearMonth month, Money forecast, Money weighted, Money committed) {
  public CardForecastMonth {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(forecast, "forecast");
    Objects.requireNonNull(weighted, "weighted");
    Objects.requireNonNull(committed, "committed");
  }
}
