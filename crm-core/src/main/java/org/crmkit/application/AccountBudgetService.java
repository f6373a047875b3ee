package org.crmkit.application;

import java.time.YearMonth;
import java.util.Collection;
import org.crmkit.budget.AccountBudget;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;

/**
 * Use cases for account budgets: the amount a seller expects to invoice a customer, by month. Every change runs
 * in one unit of work. All methods take a non-null actor and non-null arguments (except expected versions) and
 * return non-null values. Thread-safe.
 *
 * <p><b>Refusals.</b> Every refusal is an exception under {@link org.crmkit.shared.CrmException} and nothing is
 * written: {@link org.crmkit.shared.ValidationException} for rejected input,
 * {@link org.crmkit.shared.RecordNotFoundException} for an unknown account, {@link org.crmkit.shared.ConflictException}
 * when an expected version is given and the stored one differs. Without an expected version a change applies to
 * whatever is stored: the commands set lines or months, so repeating one gives the same result.
 *
 * <p><b>Access.</b> The host's {@link org.crmkit.access.AccessPolicy} is asked first (see docs/SECURITY.md): a
 * record the actor may not see is not found, exactly like an unknown id. An operation the policy refuses on a record
 * the actor sees, and any call by an actor of another tenant on a Crm built with onlyTenant, is an
 * {@link org.crmkit.shared.AccessDeniedException}, with nothing written. Changes ask EDIT_BUDGET on the account; the
 * budget follows its account.
 */
public interface AccountBudgetService {

  /**
   * @return the account's budget; an empty one (version 0) when none was set
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such account
   */
  AccountBudget get(Actor actor, AccountId accountId);

  /**
   * Sets the budget of the given months.
   *
   * @throws org.crmkit.shared.ValidationException for a negative amount, a month given twice or another currency
   * @throws org.crmkit.shared.ConflictException when the budget's version is not the expected one
   */
  AccountBudget setMonths(Actor actor, SetBudgetMonths command);

  /**
   * Removes the budget of the given months.
   *
   * @param expectedVersion the budget's version the change is based on, or null
   */
  AccountBudget removeMonths(Actor actor, AccountId accountId, Long expectedVersion, Collection<YearMonth> months);
}
