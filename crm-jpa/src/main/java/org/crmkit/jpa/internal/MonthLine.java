package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import java.time.LocalDate;
import java.time.YearMonth;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.shared.Limits;

/**
 * One forecast line as a row of {@code crm_billing_forecast_line}: the month as the date of its first day, the
 * amount and its currency, an optional note.
 */
@Embeddable
public class MonthLine {
  /** The tenant of the row this line belongs to (a composite foreign key ties the two together). */
  @Column(name = "tenant_id", length = Limits.TENANT_ID, nullable = false, updatable = false)
  String tenantId;

  @Column(name = "line_month", nullable = false)
  LocalDate month;

  /** {@code amount} and {@code currency}, both NOT NULL in this table. */
  @Embedded
  MoneyColumns money;

  @Column(name = "note", length = Limits.NOTE)
  String note;

  public MonthLine() {}

  static MonthLine of(ForecastLine line, String tenantId) {
    MonthLine row = new MonthLine();
    row.tenantId = tenantId;
    row.month = line.month().atDay(1);
    row.money = MoneyColumns.of(line.amount());
    row.note = line.note();
    return row;
  }

  ForecastLine toLine() {
    return new ForecastLine(YearMonth.from(month), MoneyColumns.toMoney(money), note);
  }
}
