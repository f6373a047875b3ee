package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Embedded;
import org.crmkit.forecast.ForecastLine;

/**
 * One forecast line of a history entry as a row of {@code crm_forecast_history_line}: which side of the change
 * it is on ({@link #BEFORE} or {@link #AFTER}), then the line itself in the same columns as a forecast's line
 * ({@link MonthLine}). Insert-only, like its entry.
 */
@Embeddable
public class HistoryLine {
  static final String BEFORE = "BEFORE";
  static final String AFTER = "AFTER";

  @Column(name = "side", length = 6, nullable = false, updatable = false)
  String side;

  @Embedded
  MonthLine line;

  public HistoryLine() {}

  static HistoryLine of(String side, ForecastLine line, String tenantId) {
    HistoryLine row = new HistoryLine();
    row.side = side;
    row.line = MonthLine.of(line, tenantId);
    return row;
  }

  ForecastLine toLine() {
    return line.toLine();
  }
}
