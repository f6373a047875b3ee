package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One forecast line as a row of {@code crm_billing_forecast_line}: the month as the date of its first day, the
 * amount and its currency, an optional note.
 */
@Embeddable
public class MonthLine {
  @Column(name = "line_month", nullable = false)
  LocalDate month;

  @Column(name = "amount", precision = 19, scale = 4, nullable = false)
  BigDecimal amount;

  @Column(name = "currency", length = 3, nullable = false)
  String currency;

  @Column(name = "note", length = 255)
  String note;

  public MonthLine() {}
}
