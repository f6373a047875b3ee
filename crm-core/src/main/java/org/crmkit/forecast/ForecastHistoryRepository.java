package org.crmkit.forecast;

import java.util.List;
import org.crmkit.shared.OpportunityId;

/** Port: the insert-only store of billing forecast history. There is deliberately no update or delete. */
public interface ForecastHistoryRepository {

  /**
   * Appends one entry in the current unit of work.
   *
   * @param entry never null
   * @throws org.crmkit.shared.ConflictException when an entry for the same opportunity and version exists
   */
  void append(ForecastHistoryEntry entry);

  /** @return the opportunity's entries, oldest first (by version); never null */
  List<ForecastHistoryEntry> findByOpportunity(OpportunityId opportunityId);
}
