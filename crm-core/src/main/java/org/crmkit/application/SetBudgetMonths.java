package org.crmkit.application;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.crmkit.budget.BudgetLine;
import org.crmkit.shared.AccountId;

/**
 * Command: set the budget of some months of an account; the other months keep theirs.
 *
 * @param accountId never null
 * @param expectedVersion the budget's version the change is based on (0 when there is none yet), or null
 * @param months one line per month, all in one currency (the budget's, once it has one); never null
 */
public record SetBudgetMonths(@NotNull AccountId accountId, Long expectedVersion, @NotNull List<BudgetLine> months) {

  public static SetBudgetMonths of(AccountId accountId, List<BudgetLine> months) {
    return new SetBudgetMonths(accountId, null, months);
  }

  public SetBudgetMonths withExpectedVersion(Long value) {
    return new SetBudgetMonths(accountId, value, months);
  }
}
