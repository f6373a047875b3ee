package org.crmkit.budget;

import java.time.YearMonth;
import java.util.Objects;
import org.crmkit.shared.Money;

/**
 * The account card's figures for one month, all in the card's currency; zero when there is nothing.
 *
 * @param month never null
 * @param budget the account's budget for the month; never null
 * @param forecast the billing forecast total: lines of open opportunities counted in the forecast and of won
 *     ones (lost ones are left out); never null
 * @param weighted the forecast weighted by each opportunity's probability, rounded per opportunity, then summed;
 *     never null
 * @param committed the forecast lines of won opportunities; never null
 * @param won the amounts of opportunities won (closed) in the month; never null
 */
public record MonthFigures(YearMonth month, Money budget, Money forecast, Money weighted, Money committed, Money won) {
  public MonthFigures {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(forecast, "forecast");
    Objects.requireNonNull(weighted, "weighted");
    Objects.requireNonNull(committed, "committed");
    Objects.requireNonNull(won, "won");
  }

  /** @return the value of one series in this month; never null */
  public Money get(AccountCard.Series series) {
    return switch (Objects.requireNonNull(series, "series")) {
      case BUDGET -> budget;
      case FORECAST -> forecast;
      case WEIGHTED -> weighted;
      case COMMITTED -> committed;
      case WON -> won;
    };
  }
}
