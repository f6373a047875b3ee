package org.crmkit.budget;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;

/**
 * The account card's arithmetic, shared by every adapter: rows in, figures out. Weighted amounts are rounded per
 * opportunity and month (half-even to the currency's decimals), then summed, so every report gives the same total.
 */
public final class AccountCards {
  /** The longest range a card covers (10 years). */
  public static final int MAX_MONTHS = 120;

  private AccountCards() {}

  /**
   * Computes the card.
   *
   * @param query the query the rows were read with; never null
   * @param budget the account's budget lines (any months; those outside the range or currency are ignored);
   *     never null
   * @param forecastRows from {@link AccountCardRepository#forecastRows}; never null
   * @param wonRows from {@link AccountCardRepository#wonRows}; never null
   * @return the card with every month of the range; never null
   */
  public static AccountCard compute(
      AccountCardQuery query,
      Collection<BudgetLine> budget,
      Collection<CardForecastRow> forecastRows,
      Collection<CardWonRow> wonRows) {
    Objects.requireNonNull(query, "query");
    Currency currency = query.currency();
    Money zero = Money.zero(currency);
    Map<YearMonth, Acc> byMonth = new LinkedHashMap<>();
    for (YearMonth m = query.from(); !m.isAfter(query.to()); m = m.plusMonths(1)) {
      byMonth.put(m, new Acc(zero));
    }
    for (BudgetLine b : budget) {
      Acc acc = byMonth.get(b.month());
      if (acc != null && b.amount().currency().equals(currency)) {
        acc.budget = acc.budget.plus(b.amount());
      }
    }
    Set<String> won = query.wonStages();
    Map<Key, Money> perOpportunity = new LinkedHashMap<>();
    Map<Key, Probability> probabilities = new LinkedHashMap<>();
    for (CardForecastRow r : forecastRows) {
      Acc acc = byMonth.get(r.month());
      if (acc == null || !r.amount().currency().equals(currency) || !query.forecastStages().contains(r.stage())) {
        continue;
      }
      acc.forecast = acc.forecast.plus(r.amount());
      if (won.contains(r.stage())) {
        acc.committed = acc.committed.plus(r.amount());
      }
      Key key = new Key(r.opportunityId(), r.month());
      perOpportunity.merge(key, r.amount(), Money::plus);
      probabilities.put(key, won.contains(r.stage()) ? Probability.CERTAIN : r.probability());
    }
    perOpportunity.forEach((key, amount) -> {
      Acc acc = byMonth.get(key.month());
      acc.weighted = acc.weighted.plus(amount.percent(probabilities.get(key)));
    });
    for (CardWonRow w : wonRows) {
      Acc acc = byMonth.get(YearMonth.from(w.closeDate()));
      if (acc != null && w.amount().currency().equals(currency)) {
        acc.won = acc.won.plus(w.amount());
      }
    }
    List<MonthFigures> months = new ArrayList<>();
    byMonth.forEach((m, a) -> months.add(new MonthFigures(m, a.budget, a.forecast, a.weighted, a.committed, a.won)));
    return new AccountCard(query.accountId(), currency, query.from(), query.to(), months);
  }

  private record Key(OpportunityId opportunityId, YearMonth month) {}

  private static final class Acc {
    Money budget;
    Money forecast;
    Money weighted;
    Money committed;
    Money won;

    Acc(Money zero) {
      budget = zero;
      forecast = zero;
      weighted = zero;
      committed = zero;
      won = zero;
    }
  }
}
