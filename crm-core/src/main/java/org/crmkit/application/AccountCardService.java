package org.crmkit.application;

import java.time.YearMonth;
import java.util.Currency;
import org.crmkit.budget.AccountCard;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;

/**
 * The account card's figures: for one account and a range of months, per month, budget vs billing forecast vs
 * won, as data series for a chart ({@link AccountCard}). Reads only; thread-safe.
 *
 * <p>What counts, per month of the range:
 * <ul>
 *   <li><b>budget</b>: the account's budget for the month;
 *   <li><b>forecast</b>: forecast lines of the account's opportunities that are open in a stage counted in the
 *       forecast (forecast category other than {@code OMITTED}) or won; lost opportunities are left out;
 *   <li><b>weighted</b>: each of those opportunities' lines times its probability (won: 100%), rounded per
 *       opportunity, then summed;
 *   <li><b>committed</b>: forecast lines of won opportunities;
 *   <li><b>won</b>: amounts of the account's opportunities won with a close date in the month.
 * </ul>
 * Only amounts in the card's currency count; nothing is converted. All arguments must be non-null.
 *
 * <p><b>Refusals.</b> Exceptions: {@link org.crmkit.shared.RecordNotFoundException} for an unknown account,
 * {@link org.crmkit.shared.ValidationException} for a range or currency it cannot answer.
 *
 * <p><b>Access.</b> The host's {@link org.crmkit.access.AccessPolicy} is asked first (see docs/SECURITY.md): a
 * record the actor may not see is not found, exactly like an unknown id. An operation the policy refuses on a record
 * the actor sees, and any call by an actor of another tenant on a Crm built with onlyTenant, is an
 * {@link org.crmkit.shared.AccessDeniedException}, with nothing written. The card of an account the actor may not
 * see is not found, and its figures count only the opportunities the actor may see.
 */
public interface AccountCardService {

  /**
   * The card in the account's currency: its budget's currency, else the one currency of its opportunities'
   * amounts.
   *
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such account
   * @throws org.crmkit.shared.ValidationException naming {@code currency} when no single currency can be
   *     determined, or {@code to} when the range is reversed or longer than 120 months
   */
  AccountCard card(Actor actor, AccountId accountId, YearMonth from, YearMonth to);

  /** The card in the given currency. Same errors as {@link #card(Actor, AccountId, YearMonth, YearMonth)}. */
  AccountCard card(Actor actor, AccountId accountId, YearMonth from, YearMonth to, Currency currency);
}
