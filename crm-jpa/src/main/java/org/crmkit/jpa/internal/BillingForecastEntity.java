package org.crmkit.jpa.internal;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Row of {@code crm_billing_forecast}, keyed by the opportunity's id, with its lines in
 * {@code crm_billing_forecast_line}. Internal: mapped to and from
 * {@link org.crmkit.forecast.BillingForecastSnapshot}. A change of the lines alone increments the version too
 * (the lines belong to the forecast), and the lines are rewritten as a whole.
 */
@Entity(name = "CrmBillingForecast")
@Table(name = "crm_billing_forecast")
@AttributeOverride(name = "id", column = @Column(name = "opportunity_id", nullable = false, updatable = false))
public class BillingForecastEntity extends VersionedEntity {
  @ElementCollection(fetch = FetchType.EAGER)
  @CollectionTable(name = "crm_billing_forecast_line", joinColumns = @JoinColumn(name = "opportunity_id"))
  List<MonthLine> lines = new ArrayList<>();

  @Column(name = "flagged_difference", precision = 19, scale = 4)
  BigDecimal flaggedDifference;

  @Column(name = "flagged_currency", length = 3)
  String flaggedCurrency;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  public BillingForecastEntity() {}
}
