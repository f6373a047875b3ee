package org.crmkit.jpa.internal;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import java.time.LocalDate;
import java.time.YearMonth;
import org.crmkit.budget.BudgetLine;
import org.crmkit.shared.Limits;

/** One month of an account budget as a row of {@code crm_account_budget_line}; the month is its first day. */
@Embeddable
public class BudgetMonth {
  @Column(name = "budget_month", nullable = false)
  LocalDate month;

  @Embedded
  @AttributeOverride(name = "amount", column = @Column(name = "amount", precision = Limits.AMOUNT_PRECISION,
      scale = Limits.AMOUNT_SCALE, nullable = false))
  @AttributeOverride(name = "currency", column = @Column(name = "currency", length = Limits.CURRENCY_CODE,
      nullable = false))
  MoneyColumns money;

  public BudgetMonth() {}

  static BudgetMonth of(BudgetLine line) {
    BudgetMonth row = new BudgetMonth();
    row.month = line.month().atDay(1);
    row.money = MoneyColumns.of(line.amount());
    return row;
  }

  BudgetLine toLine() {
    return new BudgetLine(YearMonth.from(month), MoneyColumns.toMoney(money));
  }
}
