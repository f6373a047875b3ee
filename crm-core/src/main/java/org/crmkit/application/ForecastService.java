package org.crmkit.application;

import java.time.YearMonth;
import java.util.List;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.forecast.ForecastHistoryEntry;
import org.crmkit.shared.Actor;
import org.crmkit.shared.OpportunityId;

/**
 * Use cases for billing forecasts: expected invoicing by month on an opportunity. Every change runs in one unit
 * of work with the forecast history entry it causes (who, when, lines before and after). Thread-safe.
 *
 * <p>Rules checked on every change: one line per month; no negative amount; every line in the currency of the
 * opportunity's amount (so the opportunity needs an amount before it can have forecast lines). What happens when
 * the opportunity's amount changes is the pipeline's {@link org.crmkit.forecast.AmountChangePolicy}, applied by
 * {@link OpportunityService#update}. Forecast figures leave out lost opportunities and count won ones as committed
 * (see {@link AccountCardService}).
 *

 *
 * <p><b>Refusals.</b> Every refusal is an exception under {@link org.crmkit.shared.CrmException} and nothing is
 * written: {@link org.crmkit.shared.ValidationException} for rejected input,
 * {@link org.crmkit.shared.RecordNotFoundException} for an unknown opportunity, {@link org.crmkit.shared.ConflictException}
 * when an expected version is given and the stored one differs. Without an expected version a change applies to
 * whatever is stored: the commands set lines or months, so repeating one gives the same result.
 *
 * <p><b>Access.</b> The host's {@link org.crmkit.access.AccessPolicy} is asked first (see docs/SECURITY.md): a
 * record the actor may not see is not found, exactly like an unknown id. An operation the policy refuses on a record
 * the actor sees, and any call by an actor of another tenant on a Crm built with onlyTenant, is an
 * {@link org.crmkit.shared.AccessDeniedException}, with nothing written. Changes ask EDIT_FORECAST on the
 * opportunity; the forecast and its history follow their opportunity.
 *
 * <p>All methods take a non-null actor and non-null arguments, and return non-null values.
 */
public interface ForecastService {

  /**
   * @return the opportunity's forecast; an empty one (version 0) when none was entered
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such opportunity
   */
  BillingForecast get(Actor actor, OpportunityId opportunityId);

  /**
   * Replaces the forecast with an amount split evenly over consecutive months.
   *
   * @throws org.crmkit.shared.ValidationException for a bad total, month count or currency, or when the
   *     opportunity has no amount
   * @throws org.crmkit.shared.ConflictException when the forecast's version is not the expected one
   */
  BillingForecast splitEvenly(Actor actor, SplitForecast command);

  /** Replaces the forecast with one amount repeated for consecutive months. Same errors as {@link #splitEvenly}. */
  BillingForecast repeat(Actor actor, RepeatForecast command);

  /** Replaces the forecast with lines entered by hand. Same errors as {@link #splitEvenly}. */
  BillingForecast enter(Actor actor, EnterForecast command);

  /** Adds or replaces one month's line. Same errors as {@link #splitEvenly}. */
  BillingForecast editLine(Actor actor, EditForecastLine command);

  /**
   * Removes one month's line; nothing changes (and nothing is recorded) when the month has none.
   *
   * @param expectedVersion the forecast's version the change is based on, or null
   */
  BillingForecast removeLine(Actor actor, OpportunityId opportunityId, Long expectedVersion, YearMonth month);

  /**
   * Removes every line (for example before changing the opportunity's currency).
   *
   * @param expectedVersion the forecast's version the change is based on, or null
   */
  BillingForecast clear(Actor actor, OpportunityId opportunityId, Long expectedVersion);

  /** @return the forecast's history, oldest first; kept after the opportunity is deleted */
  List<ForecastHistoryEntry> history(Actor actor, OpportunityId opportunityId);
}
