package org.crmkit.budget;

import java.util.List;
import org.crmkit.shared.Visibility;

/**
 * Port: the reads behind the account card, aggregated where the data is (one {@code GROUP BY} query each in the
 * JPA adapter), so no adapter loads every line to add it up. The rules of the sums are fixed here and in
 * {@link AccountCards#weigh}, so every adapter gives the same figures to the cent. Read-only; use inside a unit of
 * work.
 */
public interface AccountCardRepository {

  /**
   * The billing forecast of the account by month. Counted are the forecast lines whose month lies in
   * {@code [query.from(), query.to()]} and whose amount is in {@code query.currency()}, of every opportunity linked
   * to {@code query.accountId()} whose current stage is in {@code query.forecastStages()}. Per month:
   * {@code forecast} is the sum of their amounts, {@code weighted} the sum of {@link AccountCards#weigh} of each
   * line with its opportunity's current probability (100 % when the stage is in {@code query.wonStages()}), and
   * {@code committed} the sum of the lines of opportunities in a won stage. Months without counted lines may be
   * left out. Any order.
   *
   * @param query never null
   * @param visible which opportunities the actor may see; only their lines count (applied in the query)
   * @return one element per month at most; never null
   */
  List<CardForecastMonth> forecastByMonth(AccountCardQuery query, Visibility visible);

  /**
   * The won business of the account by month: the sum of the amounts of the opportunities linked to
   * {@code query.accountId()} whose current stage is in {@code query.wonStages()}, whose close date lies in
   * {@code [query.firstDay(), query.lastDay()]} and whose amount is set and in {@code query.currency()}, by the
   * month of the close date. Months without any may be left out. Any order.
   *
   * @param query never null
   * @param visible which opportunities the actor may see; only they count (applied in the query)
   * @return one element per month at most; never null
   */
  List<CardWonMonth> wonByMonth(AccountCardQuery query, Visibility visible);
}
