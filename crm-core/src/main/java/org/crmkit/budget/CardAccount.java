package org.crmkit.budget;

import java.util.List;
import java.util.Objects;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.UserId;

/**
 * What the account card reads of the account itself, in one read: that it exists, who owns it (the card asks the
 * access policy whether the actor may see it) and its budget by month. A projection, not the {@link AccountBudget}
 * aggregate: nothing here can be changed and saved back.
 *
 * @param accountId never null
 * @param owner the account's owner; never null
 * @param budget the account's budget lines, every month it holds (all in the budget's one currency), in any order;
 *     empty when the account has no budget or a budget without months; never null (copied)
 */
public record CardAccount(AccountId accountId, UserId owner, List<BudgetLine> budget) {
  public CardAccount {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(owner, "owner");
    budget = List.copyOf(Objects.requireNonNull(budget, "budget"));
  }
}
