package org.crmkit.application;

import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.crmkit.budget.BudgetLine;
import org.crmkit.shared.AccountId;

/**
 * Command: set the budget of some months of an account; the other months keep theirs.
 *
 * @param accountId never null
 * @param expectedVersion the budget's version the change is based on (0 when there is none yet); null to apply
 *     the change whatever the stored version (see {@link #expectedVersion(long)})
 * @param months one line per month, all in one currency (the budget's, once it has one); never null
 */
public record SetBudgetMonths(@NotNull AccountId accountId, Long expectedVersion, @NotNull List<BudgetLine> months) {

  /** Copies the list, so that the command stays immutable. */
  public SetBudgetMonths {
    months = months == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(months));
  }

  /** @return a command without an expected version (see {@link #expectedVersion(long)}) */
  public static SetBudgetMonths of(AccountId accountId, List<BudgetLine> months) {
    return new SetBudgetMonths(accountId, null, months);
  }

  /**
   * Makes the change conditional on the budget's version: a different stored version is a
   * {@link org.crmkit.shared.ConflictException} and nothing is written. Without it the change applies to whatever
   * the budget holds (it sets months, so a repeated command gives the same result).
   *
   * @param version the version the change is based on (0 when there is no budget yet)
   * @return this command with the expected version
   */
  public SetBudgetMonths expectedVersion(long version) {
    return new SetBudgetMonths(accountId, version, months);
  }
}
