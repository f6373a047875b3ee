package org.crmkit.forecast;

import java.util.Optional;
import org.crmkit.shared.OpportunityId;

/**
 * Port: where billing forecasts are kept, one per opportunity, keyed by the opportunity's id. Same version and
 * copy semantics as the other repositories: {@link #save} of version 0 inserts (a conflict if one exists), of
 * version n updates the stored version n (a conflict otherwise) and returns it as version n + 1. Use only inside
 * a unit of work.
 */
public interface BillingForecastRepository {

  /** @return the opportunity's forecast, or empty when none was stored; never null */
  Optional<BillingForecast> findByOpportunity(OpportunityId opportunityId);

  /**
   * @param forecast never null
   * @return the forecast as stored, its version one higher; never null
   * @throws org.crmkit.shared.ConflictException on a stale version, or an insert when one exists
   */
  BillingForecast save(BillingForecast forecast);

  /**
   * Deletes the opportunity's forecast (when the opportunity itself is deleted).
   *
   * @throws org.crmkit.shared.ConflictException on a stale version
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such forecast
   */
  void delete(OpportunityId opportunityId, long expectedVersion);
}
