package org.crmkit.budget;

import java.util.Optional;
import org.crmkit.shared.AccountId;

/**
 * Port: where account budgets are kept, one per account, keyed by the account's id. Same version and copy
 * semantics as the other repositories ({@link #save} of version 0 inserts, of version n updates version n and
 * returns version n + 1; otherwise a conflict). Use only inside a unit of work.
 */
public interface AccountBudgetRepository {

  /** @return the account's budget, or empty when none was stored; never null */
  Optional<AccountBudget> findByAccount(AccountId accountId);

  /**
   * @param budget never null
   * @return the budget as stored, its version one higher; never null
   * @throws org.crmkit.shared.ConflictException on a stale version, or an insert when one exists
   */
  AccountBudget save(AccountBudget budget);

  /**
   * Deletes the account's budget (when the account itself is deleted).
   *
   * @throws org.crmkit.shared.ConflictException on a stale version
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such budget
   */
  void delete(AccountId accountId, long expectedVersion);
}
