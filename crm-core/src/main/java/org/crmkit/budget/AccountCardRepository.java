package org.crmkit.budget;

import java.util.List;

/**
 * Port: the reads behind the account card, run where the data is (a join and filter in SQL for the JPA adapter).
 * The arithmetic (weighting, rounding, summing by month) is shared in {@link AccountCards}, so every adapter gives
 * the same figures. Read-only; use inside a unit of work.
 */
public interface AccountCardRepository {

  /**
   * The forecast lines that count for the card: one row per billing forecast line whose month lies in
   * {@code [query.from(), query.to()]} and whose amount is in {@code query.currency()}, of every opportunity linked
   * to {@code query.accountId()} whose current stage is in {@code query.forecastStages()}. Each row carries the
   * opportunity's current stage and probability. Any order.
   *
   * @param query never null
   * @return the rows; never null
   */
  List<CardForecastRow> forecastRows(AccountCardQuery query);

  /**
   * The won opportunities that count for the card: one row per opportunity linked to {@code query.accountId()}
   * whose current stage is in {@code query.wonStages()}, whose close date lies in
   * {@code [query.firstDay(), query.lastDay()]} and whose amount is set and in {@code query.currency()}. Any order.
   *
   * @param query never null
   * @return the rows; never null
   */
  List<CardWonRow> wonRows(AccountCardQuery query);
}
