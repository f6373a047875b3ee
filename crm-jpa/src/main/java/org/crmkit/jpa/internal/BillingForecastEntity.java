package org.crmkit.jpa.internal;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.crmkit.forecast.BillingForecastSnapshot;
import org.crmkit.forecast.ForecastLine;
import org.crmkit.shared.Limits;
import org.crmkit.shared.OpportunityId;

/**
 * Row of {@code crm_billing_forecast}, keyed by the opportunity's id, with its lines in
 * {@code crm_billing_forecast_line}: maps itself to and from {@link BillingForecastSnapshot}. A change of the lines
 * alone increments the version too (the lines belong to the forecast), and the lines are rewritten as a whole.
 */
@Entity(name = "CrmBillingForecast")
@Table(name = "crm_billing_forecast")
@AttributeOverride(name = "id", column = @Column(name = "opportunity_id", nullable = false, updatable = false))
public class BillingForecastEntity extends VersionedEntity {
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "crm_billing_forecast_line", joinColumns = @JoinColumn(name = "opportunity_id"))
  List<MonthLine> lines = new ArrayList<>();

  @Embedded
  @AttributeOverride(name = "amount", column = @Column(name = "flagged_difference",
      precision = Limits.AMOUNT_PRECISION, scale = Limits.AMOUNT_SCALE))
  @AttributeOverride(name = "currency", column = @Column(name = "flagged_currency", length = Limits.CURRENCY_CODE))
  MoneyColumns flaggedDifference;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  public BillingForecastEntity() {}

  BillingForecastSnapshot toSnapshot() {
    return new BillingForecastSnapshot(
        OpportunityId.of(getId()), getVersion(), lines(), MoneyColumns.toMoney(flaggedDifference), updatedAt);
  }

  void copyFrom(BillingForecastSnapshot s) {
    setId(s.opportunityId().value());
    // Rewriting an unchanged collection would mark it dirty and write (and version) the row for nothing.
    if (!lines().equals(s.lines())) {
      lines.clear();
      s.lines().forEach(line -> lines.add(MonthLine.of(line, getTenantId())));
    }
    flaggedDifference = MoneyColumns.of(s.flaggedDifference());
    updatedAt = Columns.micros(s.updatedAt());
  }

  /** @return the lines in month order (a collection table has no order of its own) */
  private List<ForecastLine> lines() {
    return lines.stream().map(MonthLine::toLine).sorted(Comparator.comparing(ForecastLine::month)).toList();
  }
}
