package org.crmkit.forecast;

/**
 * What happens to an opportunity's billing forecast when the opportunity's amount changes. Chosen per pipeline
 * ({@code Pipeline.Builder#forecastOnAmountChange}); applied by the opportunity update use case inside the same
 * unit of work as the amount change. Nothing happens when the opportunity has no forecast lines.
 *
 * <p>Whatever the policy, changing the amount to another <em>currency</em> while forecast lines exist is
 * rejected: clear the forecast first, then re-enter it in the new currency.
 */
public enum AmountChangePolicy {
  /**
   * The lines are scaled by new amount / old amount; each line is rounded to the currency's decimals and the
   * rounding units are handed out by largest remainder, so the new total is exact and no line turns negative.
   * When there is nothing to scale from (the old amount was missing or zero) or to (the amount is cleared), the
   * forecast is kept and flagged as with {@link #KEEP_AND_FLAG}.
   */
  RESCALE,
  /**
   * The lines stay as they are; the forecast is flagged with the difference between the new amount (zero when
   * cleared) and the forecast's total, until the forecast is next edited. The default: it never loses what a
   * seller entered and never blocks a change of amount.
   */
  KEEP_AND_FLAG,
  /**
   * The amount may only change to the forecast's total: any other change is rejected with a
   * {@link org.crmkit.shared.RuleViolationException}. Edit the forecast first, then the amount.
   */
  REJECT
}
