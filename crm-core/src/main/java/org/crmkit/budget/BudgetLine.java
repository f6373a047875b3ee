package org.crmkit.budget;

import java.time.YearMonth;
import java.util.Objects;
import org.crmkit.shared.Money;
import org.crmkit.shared.ValidationException;

/**
 * The budget of one account for one month: what the seller expects to invoice that customer. Immutable.
 *
 * @param month the month; never null
 * @param amount the budgeted amount; never null, not negative
 */
public record BudgetLine(YearMonth month, Money amount) {

  /** @throws ValidationException naming {@code months[YYYY-MM].amount} when the amount is negative */
  public BudgetLine {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw ValidationException.of("months[" + month + "].amount", "must not be negative, was " + amount);
    }
  }

  public static BudgetLine of(YearMonth month, Money amount) {
    return new BudgetLine(month, amount);
  }
}
