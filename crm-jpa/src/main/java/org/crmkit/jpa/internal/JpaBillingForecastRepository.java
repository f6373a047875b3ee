package org.crmkit.jpa.internal;

import java.util.Objects;
import java.util.Optional;
import org.crmkit.forecast.BillingForecast;
import org.crmkit.forecast.BillingForecastRepository;
import org.crmkit.forecast.BillingForecastSnapshot;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.RecordType;

/**
 * {@link BillingForecastRepository} over {@code crm_billing_forecast} and its lines in
 * {@code crm_billing_forecast_line}, with the version rules of {@link VersionedStore}. Loading a forecast reads
 * its lines in the same statement.
 */
public final class JpaBillingForecastRepository implements BillingForecastRepository {
  private final VersionedStore<BillingForecastEntity, BillingForecastSnapshot> store;

  public JpaBillingForecastRepository(EntityManagers ems) {
    this.store = new VersionedStore<>(BillingForecastEntity.class, RecordType.BILLING_FORECAST, ems,
        BillingForecastEntity::new, BillingForecastEntity::toSnapshot, (s, e) -> e.copyFrom(s),
        s -> s.opportunityId().value(), BillingForecastSnapshot::version)
        // the forecast's month lines are rows of a collection table
        .withCollectionRows();
  }

  @Override
  public Optional<BillingForecast> findByOpportunity(OpportunityId opportunityId) {
    return store.find(Objects.requireNonNull(opportunityId, "opportunityId").value()).map(BillingForecast::restore);
  }

  @Override
  public BillingForecast save(BillingForecast forecast) {
    Objects.requireNonNull(forecast, "forecast");
    return BillingForecast.restore(store.save(forecast.snapshot()));
  }

  @Override
  public void delete(OpportunityId opportunityId, long expectedVersion) {
    store.delete(Objects.requireNonNull(opportunityId, "opportunityId").value(), expectedVersion);
  }
}
