package org.crmkit.jpa.internal;

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
  /** The tenant of the row this line belongs to (a composite foreign key ties the two together). */
  @Column(name = "tenant_id", length = Limits.TENANT_ID, nullable = false, updatable = false)
  String tenantId;

  @Column(name = "budget_month", nullable = false)
  LocalDate month;

  /** {@code amount} and {@code currency}, both NOT NULL in this table. */
  @Embedded
  MoneyColumns money;

  public BudgetMonth() {}

  static BudgetMonth of(BudgetLine line, String tenantId) {
    BudgetMonth row = new BudgetMonth();
    row.tenantId = tenantId;
    row.month = line.month().atDay(1);
    row.money = MoneyColumns.of(line.amount());
    return row;
  }

  BudgetLine toLine() {
    return new BudgetLine(YearMonth.from(month), MoneyColumns.toMoney(money));
  }
}
