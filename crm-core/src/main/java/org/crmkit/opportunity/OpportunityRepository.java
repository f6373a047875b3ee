package org.crmkit.opportunity;

import java.util.Optional;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Visibility;

/**
 * Port: where opportunities are kept. Same version and copy semantics as
 * {@link org.crmkit.lead.LeadRepository}.
 */
public interface OpportunityRepository {

  Optional<Opportunity> findById(OpportunityId id);

  /**
   * @return the opportunity as stored, its version one higher
   * @throws org.crmkit.shared.ConflictException on a stale version
   */
  Opportunity save(Opportunity opportunity);

  /**
   * @throws org.crmkit.shared.ConflictException on a stale version
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such opportunity
   */
  void delete(OpportunityId id, long expectedVersion);

  /**
   * Opportunities matching the query that {@code visible} admits, ordered by creation time then id; the
   * visibility is applied in the query, so the page and its total count hold only visible opportunities.
   */
  Page<Opportunity> find(OpportunityQuery query, Visibility visible, PageRequest page);

  /**
   * List rows with account names, in a constant number of queries whatever the page size; {@code visible} as in
   * {@link #find}.
   */
  Page<OpportunitySummary> findSummaries(OpportunityQuery query, Visibility visible, PageRequest page);

  long countByAccount(AccountId accountId);

  long countByContact(ContactId contactId);
}
