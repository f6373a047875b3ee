package org.crmkit.jpa.internal;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import java.time.LocalDate;
import java.time.YearMonth;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.shared.Limits;

/**
 * One forecast line of a history entry as a row of {@code crm_forecast_history_line}: which side of the change
 * it is on ({@link #BEFORE} or {@link #AFTER}), then the line itself. Insert-only, like its entry.
 */
@Embeddable
public class HistoryLine {
  static final String BEFORE = "BEFORE";
  static final String AFTER = "AFTER";

  @Column(name = "side", length = 6, nullable = false, updatable = false)
  String side;

  @Column(name = "line_month", nullable = false, updatable = false)
  LocalDate month;

  @Embedded
  @AttributeOverride(name = "amount", column = @Column(name = "amount", precision = Limits.AMOUNT_PRECISION,
      scale = Limits.AMOUNT_SCALE, nullable = false, updatable = false))
  @AttributeOverride(name = "currency", column = @Column(name = "currency", length = Limits.CURRENCY_CODE,
      nullable = false, updatable = false))
  MoneyColumns money;

  @Column(name = "note", length = Limits.NOTE, updatable = false)
  String note;

  public HistoryLine() {}

  static HistoryLine of(String side, ForecastLine line) {
    HistoryLine row = new HistoryLine();
    row.side = side;
    row.month = line.month().atDay(1);
    row.money = MoneyColumns.of(line.amount());
    row.note = line.note();
    return row;
  }

  ForecastLine toLine() {
    return new ForecastLine(YearMonth.from(month), MoneyColumns.toMoney(money), note);
  }
}
