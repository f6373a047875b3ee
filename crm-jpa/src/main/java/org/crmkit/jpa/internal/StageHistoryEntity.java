package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Row of {@code crm_stage_history}: insert-only. Every column is {@code updatable = false}, so even a changed
 * instance can never be written back; the repository has no update or delete path.
 */
@Entity(name = "CrmStageHistory")
@Table(name = "crm_stage_history")
public class StageHistoryEntity {
  @Id
  @Column(name = "id", nullable = false, updatable = false)
  UUID id;

  @Column(name = "opportunity_id", nullable = false, updatable = false)
  UUID opportunityId;

  @Column(name = "version", nullable = false, updatable = false)
  long version;

  @Column(name = "kind", length = 20, nullable = false, updatable = false)
  String kind;

  @Column(name = "origin", length = 20, nullable = false, updatable = false)
  String origin;

  @Column(name = "stage", length = 40, nullable = false, updatable = false)
  String stage;

  @Column(name = "amount", precision = 19, scale = 4, updatable = false)
  BigDecimal amount;

  @Column(name = "currency", length = 3, updatable = false)
  String currency;

  @Column(name = "probability", nullable = false, updatable = false)
  int probability;

  @Column(name = "probability_manual", nullable = false, updatable = false)
  boolean probabilityManual;

  @Column(name = "close_date", updatable = false)
  LocalDate closeDate;

  @Column(name = "previous_stage", length = 40, updatable = false)
  String previousStage;

  @Column(name = "previous_amount", precision = 19, scale = 4, updatable = false)
  BigDecimal previousAmount;

  @Column(name = "previous_currency", length = 3, updatable = false)
  String previousCurrency;

  @Column(name = "previous_close_date", updatable = false)
  LocalDate previousCloseDate;

  @Column(name = "changed_at", nullable = false, updatable = false)
  Instant changedAt;

  @Column(name = "changed_by", length = 100, nullable = false, updatable = false)
  String changedBy;

  public StageHistoryEntity() {}
}
