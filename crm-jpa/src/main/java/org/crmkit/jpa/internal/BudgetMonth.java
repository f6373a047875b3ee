package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** One month of an account budget as a row of {@code crm_account_budget_line}; the month is its first day. */
@Embeddable
public class BudgetMonth {
  @Column(name = "budget_month", nullable = false)
  LocalDate month;

  @Column(name = "amount", precision = 19, scale = 4, nullable = false)
  BigDecimal amount;

  @Column(name = "currency", length = 3, nullable = false)
  String currency;

  public BudgetMonth() {}
}
