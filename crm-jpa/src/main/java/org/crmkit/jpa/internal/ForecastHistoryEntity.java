package org.crmkit.jpa.internal;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Row of {@code crm_forecast_history}, with the lines before and after the change in
 * {@code crm_forecast_history_line}. Insert-only: every column is {@code updatable = false} and the repository
 * has no update or delete path.
 */
@Entity(name = "CrmForecastHistory")
@Table(name = "crm_forecast_history")
public class ForecastHistoryEntity {
  @Id
  @Column(name = "id", nullable = false, updatable = false)
  UUID id;

  @Column(name = "opportunity_id", nullable = false, updatable = false)
  UUID opportunityId;

  @Column(name = "version", nullable = false, updatable = false)
  long version;

  @Column(name = "cause", length = 20, nullable = false, updatable = false)
  String cause;

  @ElementCollection
  @CollectionTable(name = "crm_forecast_history_line", joinColumns = @JoinColumn(name = "history_id"))
  List<HistoryLine> lines = new ArrayList<>();

  @Column(name = "flagged_difference", precision = 19, scale = 4, updatable = false)
  BigDecimal flaggedDifference;

  @Column(name = "flagged_currency", length = 3, updatable = false)
  String flaggedCurrency;

  @Column(name = "changed_at", nullable = false, updatable = false)
  Instant changedAt;

  @Column(name = "changed_by", length = 100, nullable = false, updatable = false)
  String changedBy;

  public ForecastHistoryEntity() {}
}
