package org.crmkit.budget;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.crmkit.shared.AccountId;

/**
 * The complete state of an {@link AccountBudget} as an immutable value: what adapters store.
 *
 * @param accountId the account (and the key); never null
 * @param version stored version; 0 for a budget never saved
 * @param months the monthly amounts in month order, one per month, one currency; never null (copied)
 * @param updatedAt when it last changed; never null
 */
public record AccountBudgetSnapshot(AccountId accountId, long version, List<BudgetLine> months, Instant updatedAt) {
  public AccountBudgetSnapshot {
    Objects.requireNonNull(accountId, "accountId");
    months = List.copyOf(Objects.requireNonNull(months, "months"));
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** @return this state with another version (adapters set the stored version) */
  public AccountBudgetSnapshot withVersion(long newVersion) {
    return new AccountBudgetSnapshot(accountId, newVersion, months, updatedAt);
  }
}
