package org.crmkit.budget;

import java.time.YearMonth;
import java.util.Objects;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Money;
import org.crmkit.shared.ValidationException;

/**
 * The budget of one account for one month: what the seller expects to invoice that customer. Immutable.
 *
 * @param month the month; never null
 * @param amount the budgeted amount; never null, not negative
 */
public record BudgetLine(YearMonth month, Money amount) {

  /**
   * @throws ValidationException naming {@code months[YYYY-MM].amount} when the amount is negative, or
   *     {@code months[YYYY-MM].month} when the month lies outside {@link Limits#MIN_MONTH}..{@link Limits#MAX_MONTH}
   */
  public BudgetLine {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(amount, "amount");
    Limits.month("months[" + month + "].month", month);
    if (amount.isNegative()) {
      throw ValidationException.of("months[" + month + "].amount", "must not be negative, was " + amount);
    }
  }

  public static BudgetLine of(YearMonth month, Money amount) {
    return new BudgetLine(month, amount);
  }
}
