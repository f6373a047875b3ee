package org.crmkit.jpa.internal;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.Limits;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;

/**
 * Row of {@code crm_stage_history}: insert-only. Every column is {@code updatable = false}, so even a changed
 * instance can never be written back; the repository has no update or delete path. Maps itself to and from
 * {@link StageHistoryEntry}.
 */
@Entity(name = "CrmStageHistory")
@Table(name = "crm_stage_history")
public class StageHistoryEntity {
  @Id
  @Column(name = "id", nullable = false, updatable = false)
  UUID id;

  /** The tenant of the unit of work that appended the entry. */
  @Column(name = "tenant_id", length = Limits.TENANT_ID, nullable = false, updatable = false)
  String tenantId;

  @Column(name = "opportunity_id", nullable = false, updatable = false)
  UUID opportunityId;

  @Column(name = "version", nullable = false, updatable = false)
  long version;

  @Column(name = "kind", length = 20, nullable = false, updatable = false)
  String kind;

  @Column(name = "origin", length = 20, nullable = false, updatable = false)
  String origin;

  @Column(name = "stage", length = Limits.KEY, nullable = false, updatable = false)
  String stage;

  @Embedded
  @AttributeOverride(name = "amount", column = @Column(name = "amount", precision = Limits.AMOUNT_PRECISION,
      scale = Limits.AMOUNT_SCALE, updatable = false))
  @AttributeOverride(name = "currency", column = @Column(name = "currency", length = Limits.CURRENCY_CODE,
      updatable = false))
  MoneyColumns money;

  @Column(name = "probability", nullable = false, updatable = false)
  int probability;

  @Column(name = "probability_manual", nullable = false, updatable = false)
  boolean probabilityManual;

  @Column(name = "close_date", updatable = false)
  LocalDate closeDate;

  @Column(name = "previous_stage", length = Limits.KEY, updatable = false)
  String previousStage;

  @Embedded
  @AttributeOverride(name = "amount", column = @Column(name = "previous_amount",
      precision = Limits.AMOUNT_PRECISION, scale = Limits.AMOUNT_SCALE, updatable = false))
  @AttributeOverride(name = "currency", column = @Column(name = "previous_currency", length = Limits.CURRENCY_CODE,
      updatable = false))
  MoneyColumns previousMoney;

  @Column(name = "previous_close_date", updatable = false)
  LocalDate previousCloseDate;

  @Column(name = "changed_at", nullable = false, updatable = false)
  Instant changedAt;

  @Column(name = "changed_by", length = Limits.USER_ID, nullable = false, updatable = false)
  String changedBy;

  public StageHistoryEntity() {}

  static StageHistoryEntity of(StageHistoryEntry h, TenantId tenant) {
    StageHistoryEntity e = new StageHistoryEntity();
    e.tenantId = tenant.value();
    e.id = h.id();
    e.opportunityId = h.opportunityId().value();
    e.version = h.version();
    e.kind = h.kind().name();
    e.origin = h.origin().name();
    e.stage = h.stage();
    e.money = MoneyColumns.of(h.amount());
    e.probability = h.probability().percent();
    e.probabilityManual = h.probabilityManual();
    e.closeDate = h.closeDate();
    e.previousStage = h.previousStage();
    e.previousMoney = MoneyColumns.of(h.previousAmount());
    e.previousCloseDate = h.previousCloseDate();
    e.changedAt = Columns.micros(h.changedAt());
    e.changedBy = h.changedBy().value();
    return e;
  }

  StageHistoryEntry toEntry() {
    return new StageHistoryEntry(
        id,
        OpportunityId.of(opportunityId),
        version,
        ChangeKind.valueOf(kind),
        ChangeOrigin.valueOf(origin),
        stage,
        MoneyColumns.toMoney(money),
        Probability.of(probability),
        probabilityManual,
        closeDate,
        previousStage,
        MoneyColumns.toMoney(previousMoney),
        previousCloseDate,
        changedAt,
        UserId.of(changedBy));
  }
}
