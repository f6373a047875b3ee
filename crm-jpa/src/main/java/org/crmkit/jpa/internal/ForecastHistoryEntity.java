package org.crmkit.jpa.internal;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.crmkit.forecast.ForecastChangeCause;
import org.crmkit.forecast.ForecastHistoryEntry;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.shared.Limits;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;

/**
 * Row of {@code crm_forecast_history}, with the lines before and after the change in
 * {@code crm_forecast_history_line}. Insert-only: every column is {@code updatable = false} and the repository
 * has no update or delete path. Maps itself to and from {@link ForecastHistoryEntry}.
 */
@Entity(name = "CrmForecastHistory")
@Table(name = "crm_forecast_history")
public class ForecastHistoryEntity {
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

  @Column(name = "cause", length = 20, nullable = false, updatable = false)
  String cause;

  @ElementCollection
  @CollectionTable(name = "crm_forecast_history_line", joinColumns = @JoinColumn(name = "history_id"))
  List<HistoryLine> lines = new ArrayList<>();

  @Embedded
  @AttributeOverride(name = "amount", column = @Column(name = "flagged_difference",
      precision = Limits.AMOUNT_PRECISION, scale = Limits.AMOUNT_SCALE, updatable = false))
  @AttributeOverride(name = "currency", column = @Column(name = "flagged_currency", length = Limits.CURRENCY_CODE,
      updatable = false))
  MoneyColumns flaggedDifference;

  @Column(name = "changed_at", nullable = false, updatable = false)
  Instant changedAt;

  @Column(name = "changed_by", length = Limits.USER_ID, nullable = false, updatable = false)
  String changedBy;

  public ForecastHistoryEntity() {}

  static ForecastHistoryEntity of(ForecastHistoryEntry h, TenantId tenant) {
    ForecastHistoryEntity e = new ForecastHistoryEntity();
    e.tenantId = tenant.value();
    e.id = h.id();
    e.opportunityId = h.opportunityId().value();
    e.version = h.version();
    e.cause = h.cause().name();
    h.before().forEach(line -> e.lines.add(HistoryLine.of(HistoryLine.BEFORE, line, e.tenantId)));
    h.after().forEach(line -> e.lines.add(HistoryLine.of(HistoryLine.AFTER, line, e.tenantId)));
    e.flaggedDifference = MoneyColumns.of(h.flaggedDifference());
    e.changedAt = Columns.micros(h.changedAt());
    e.changedBy = h.changedBy().value();
    return e;
  }

  ForecastHistoryEntry toEntry() {
    return new ForecastHistoryEntry(
        id,
        OpportunityId.of(opportunityId),
        version,
        ForecastChangeCause.valueOf(cause),
        lines(HistoryLine.BEFORE),
        lines(HistoryLine.AFTER),
        MoneyColumns.toMoney(flaggedDifference),
        changedAt,
        UserId.of(changedBy));
  }

  private List<ForecastLine> lines(String side) {
    return lines.stream()
        .filter(r -> r.side.equals(side))
        .map(HistoryLine::toLine)
        .sorted(Comparator.comparing(ForecastLine::month))
        .toList();
  }
}
