package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import java.time.LocalDate;
import java.time.YearMonth;
import org.crmkit.budget.BudgetLine;

/** One month of an account budget as a row of {@code crm_account_budget_line}; the month is its first day. */
@Embeddable
public class BudgetMonth {
  @Column(name = "budget_month", nullable = false)
  LocalDate month;

  /** {@code amount} and {@code currency}, both NOT NULL in this table. */
  @Embedded
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
