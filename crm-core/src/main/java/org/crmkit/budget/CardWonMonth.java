package org.crmkit.budget;

import java.time.YearMonth;
import java.util.Objects;
import org.crmkit.shared.Money;

/**
 * The amounts of the account's opportunities won in one month, summed where the data is.
 *
 * @param month the month of the close date; never null
 * @param won the sum of their amounts; never null
 */
public record CardWonMonth(YearMonth month, Money won) {
  public CardWonMonth {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(won, "won");
  }
}
