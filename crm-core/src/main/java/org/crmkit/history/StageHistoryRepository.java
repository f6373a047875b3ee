package org.crmkit.history;

import java.util.List;
import org.crmkit.shared.OpportunityId;

/**
 * Port: the insert-only store of stage history. There is deliberately no update or delete.
 */
public interface StageHistoryRepository {

  /**
   * Appends one entry in the current unit of work.
   *
   * @throws org.crmkit.shared.ConflictException when an entry for the same opportunity and version exists
   */
  void append(StageHistoryEntry entry);

  /** @return the opportunity's entries, oldest first (by version) */
  List<StageHistoryEntry> findByOpportunity(OpportunityId opportunityId);

  /**
   * The number of the opportunity's entries. The default reads them; an adapter may count in storage instead.
   *
   * @return the count; 0 when there are none
   */
  default long countByOpportunity(OpportunityId opportunityId) {
    return findByOpportunity(opportunityId).size();
  }
}
