package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.time.LocalDate;

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

  @Column(name = "amount", precision = 19, scale = 4, nullable = false, updatable = false)
  BigDecimal amount;

  @Column(name = "currency", length = 3, nullable = false, updatable = false)
  String currency;

  @Column(name = "note", length = 255, updatable = false)
  String note;

  public HistoryLine() {}
}
