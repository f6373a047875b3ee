package org.crmkit.budget;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.crmkit.shared.Money;
import org.crmkit.shared.Probability;

/**
 * The account card's arithmetic, shared by every adapter. Each forecast line (one per opportunity and month) is
 * weighted and rounded on its own ({@link #weigh}), then the lines are summed, so every report gives the same total;
 * adapters do those sums where the data is ({@link AccountCardRepository}), and {@link #compute} lays them out by
 * month beside the budget.
 */
public final class AccountCards {
  /** The longest range a card covers (10 years). */
  public static final int MAX_MONTHS = 120;

  private AccountCards() {}

  /**
   * The weighted value of one forecast line: the amount times the probability, rounded half up to the currency's
   * decimals ({@link Money#percent}). SQL's {@code ROUND} rounds non-negative amounts the same way, so a database
   * can sum these and agree with this method to the cent.
   *
   * @param amount never null, not negative
   * @param probability never null; 100 % for won opportunities
   * @return never null
   */
  public static Money weigh(Money amount, Probability probability) {
    return amount.percent(probability);
  }

  /**
   * Lays the sums out as the card: every month of the range, with zero where nothing was read.
   *
   * @param query the query the sums were read with; never null
   * @param budget the account's budget lines (any months; those outside the range or currency are ignored);
   *     never null
   * @param forecast {@link CardFigures#forecast()} from {@link AccountCardRepository#figures}; never null
   * @param won {@link CardFigures#won()} from {@link AccountCardRepository#figures}; never null
   * @return the card with every month of the range; never null
   * @throws IllegalArgumentException when an adapter returned a month twice or another currency
   */
  public static AccountCard compute(
      AccountCardQuery query,
      Collection<BudgetLine> budget,
      Collection<CardForecastMonth> forecast,
      Collection<CardWonMonth> won) {
    Objects.requireNonNull(query, "query");
    Currency currency = query.currency();
    Money zero = Money.zero(currency);
    YearMonth from = query.from();
    // one slot per month of the range, found by its offset from the first month (no map of months)
    int size = index(from, query.to()) + 1;
    Acc[] byMonth = new Acc[size];
    for (int i = 0; i < size; i++) {
      byMonth[i] = new Acc(zero);
    }
    for (BudgetLine b : budget) {
      Acc acc = slot(byMonth, from, b.month());
      if (acc != null && b.amount().currency().equals(currency)) {
        acc.budget = acc.budget.plus(b.amount());
      }
    }
    for (CardForecastMonth f : forecast) {
      Acc acc = slot(byMonth, from, f.month());
      if (acc == null) {
        continue;
      }
      if (acc.forecastSeen) {
        throw new IllegalArgumentException("the adapter returned forecast month " + f.month() + " twice");
      }
      acc.forecastSeen = true;
      acc.forecast = f.forecast().plus(zero);
      acc.weighted = f.weighted().plus(zero);
      acc.committed = f.committed().plus(zero);
    }
    for (CardWonMonth w : won) {
      Acc acc = slot(byMonth, from, w.month());
      if (acc != null) {
        acc.won = acc.won.plus(w.won());
      }
    }
    List<MonthFigures> months = new ArrayList<>(size);
    YearMonth m = from;
    for (Acc a : byMonth) {
      months.add(new MonthFigures(m, a.budget, a.forecast, a.weighted, a.committed, a.won));
      m = m.plusMonths(1);
    }
    return new AccountCard(query.accountId(), currency, query.from(), query.to(), months);
  }

  /** @return the number of months from {@code from} to {@code month} (negative before it) */
  private static int index(YearMonth from, YearMonth month) {
    return (month.getYear() - from.getYear()) * 12 + month.getMonthValue() - from.getMonthValue();
  }

  /** @return the slot of {@code month}, or null when it lies outside the range */
  private static Acc slot(Acc[] byMonth, YearMonth from, YearMonth month) {
    int i = index(from, month);
    return i >= 0 && i < byMonth.length ? byMonth[i] : null;
  }

  private static final class Acc {
    Money budget;
    Money forecast;
    Money weighted;
    Money committed;
    Money won;
    boolean forecastSeen;

    Acc(Money zero) {
      budget = zero;
      forecast = zero;
      weighted = zero;
      committed = zero;
      won = zero;
    }
  }
}
