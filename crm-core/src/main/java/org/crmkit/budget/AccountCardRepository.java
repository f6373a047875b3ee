package org.crmkit.budget;

import java.util.Optional;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Visibility;

/**
 * Port: the reads behind the account card, as projections read where the data is, so that a card costs two reads
 * (three statements in the JPA adapter: the account with its budget months, the forecast sums, the won sums) and no
 * adapter loads an aggregate or every line to add it up: the account with
 * its budget months ({@link #findAccount}), then every sum ({@link #figures}). The rules of the sums are fixed here
 * and in {@link AccountCards#weigh}, so every adapter gives the same figures to the cent. Read-only; use inside a
 * unit of work (the card runs in a {@linkplain org.crmkit.shared.UnitOfWork#read read-only} one).
 */
public interface AccountCardRepository {

  /**
   * The account as the card needs it: its owner and its budget lines.
   *
   * @param accountId never null
   * @return the account of the unit of work's tenant, or empty when there is none with this id; never null
   */
  Optional<CardAccount> findAccount(AccountId accountId);

  /**
   * The sums of the card, both in one read.
   *
   * <p><b>Forecast</b> ({@link CardFigures#forecast()}): counted are the forecast lines whose month lies in
   * {@code [query.from(), query.to()]} and whose amount is in {@code query.currency()}, of every opportunity linked
   * to {@code query.accountId()} whose current stage is in {@code query.forecastStages()}. Per month:
   * {@code forecast} is the sum of their amounts, {@code weighted} the sum of {@link AccountCards#weigh} of each
   * line with its opportunity's current probability (100 % when the stage is in {@code query.wonStages()}), and
   * {@code committed} the sum of the lines of opportunities in a won stage.
   *
   * <p><b>Won</b> ({@link CardFigures#won()}): the sum of the amounts of the opportunities linked to
   * {@code query.accountId()} whose current stage is in {@code query.wonStages()}, whose close date lies in
   * {@code [query.firstDay(), query.lastDay()]} and whose amount is set and in {@code query.currency()}, by the
   * month of the close date.
   *
   * <p>Months without counted lines or amounts may be left out; any order; each month at most once per list.
   *
   * @param query never null
   * @param visible which opportunities the actor may see; only they count (applied in the query)
   * @return never null
   */
  CardFigures figures(AccountCardQuery query, Visibility visible);
}
