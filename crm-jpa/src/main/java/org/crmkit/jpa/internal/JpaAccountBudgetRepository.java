package org.crmkit.jpa.internal;

import java.util.Objects;
import java.util.Optional;
import org.crmkit.budget.AccountBudget;
import org.crmkit.budget.AccountBudgetRepository;
import org.crmkit.budget.AccountBudgetSnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.RecordType;

/**
 * {@link AccountBudgetRepository} over {@code crm_account_budget} and its months in
 * {@code crm_account_budget_line}, with the version rules of {@link VersionedStore}.
 */
public final class JpaAccountBudgetRepository implements AccountBudgetRepository {
  private final VersionedStore<AccountBudgetEntity, AccountBudgetSnapshot> store;

  public JpaAccountBudgetRepository(EntityManagers ems) {
    this.store = new VersionedStore<>(AccountBudgetEntity.class, RecordType.ACCOUNT_BUDGET, ems,
        AccountBudgetEntity::new, AccountBudgetEntity::toSnapshot, (s, e) -> e.copyFrom(s), s -> s.accountId().value(),
        AccountBudgetSnapshot::version)
        // the budget's months are rows of a collection table
        .withCollectionRows();
  }

  @Override
  public Optional<AccountBudget> findByAccount(AccountId accountId) {
    return store.find(Objects.requireNonNull(accountId, "accountId").value()).map(AccountBudget::restore);
  }

  @Override
  public AccountBudget save(AccountBudget budget) {
    Objects.requireNonNull(budget, "budget");
    return AccountBudget.restore(store.save(budget.snapshot()));
  }

  @Override
  public void delete(AccountId accountId, long expectedVersion) {
    store.delete(Objects.requireNonNull(accountId, "accountId").value(), expectedVersion);
  }
}
