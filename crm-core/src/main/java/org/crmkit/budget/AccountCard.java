package org.crmkit.budget;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Money;

/**
 * The account card's chart data: for one account and a range of months, budget vs billing forecast (total,
 * weighted, committed) vs won, per month, in one currency. Immutable; every month of the range is present, in
 * order, so each series can be handed to a chart as is.
 *
 * @param accountId never null
 * @param currency the currency of every figure; amounts in other currencies are not counted; never null
 * @param from first month; never null
 * @param to last month; never null
 * @param months one entry per month from {@code from} to {@code to}; never null (copied)
 */
public record AccountCard(AccountId accountId, Currency currency, YearMonth from, YearMonth to, List<MonthFigures> months) {

  /** The data series of the card. */
  public enum Series {
    BUDGET,
    FORECAST,
    WEIGHTED,
    COMMITTED,
    WON
  }

  public AccountCard {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    months = List.copyOf(Objects.requireNonNull(months, "months"));
  }

  /** @return the month labels ({@code 2026-04}, ...), the chart's x axis; never null */
  public List<String> labels() {
    return months.stream().map(m -> m.month().toString()).toList();
  }

  /** @return one series' values, month by month; never null */
  public List<BigDecimal> series(Series series) {
    return months.stream().map(m -> m.get(series).amount()).toList();
  }

  /** @return every series by name, in {@link Series} order: ready for a chart library; never null */
  public Map<Series, List<BigDecimal>> allSeries() {
    Map<Series, List<BigDecimal>> all = new LinkedHashMap<>();
    for (Series s : Series.values()) {
      all.put(s, series(s));
    }
    return all;
  }

  /** @return the sum of one series over the range; never null */
  public Money total(Series series) {
    return months.stream().map(m -> m.get(series)).reduce(Money.zero(currency), Money::plus);
  }

  /** @return the figures of one month; never null */
  public MonthFigures month(YearMonth month) {
    return months.stream().filter(m -> m.month().equals(month)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(month + " is outside the card's range " + from + ".." + to));
  }
}
