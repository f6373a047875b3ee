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
   * Saves a new opportunity (version 0) whose id the Crm's {@link org.crmkit.shared.IdGenerator} has just made, one
   * whose ids are {@link org.crmkit.shared.IdGenerator#globallyUnique() globally unique}: no record can hold the id
   * yet, so an adapter may leave out the look-up for one (the in-memory storage does, and so do its commit and the
   * opportunity's first stage history entry). The default saves it as {@link #save} does.
   *
   * @return the opportunity as stored, version 1
   * @throws IllegalArgumentException when the opportunity is not new (version 0)
   */
  default Opportunity insertNew(Opportunity opportunity) {
    if (opportunity.version() != 0) {
      throw new IllegalArgumentException("insertNew takes a new opportunity (version 0), not version "
          + opportunity.version() + " of " + opportunity.id() + "; save it instead");
    }
    return save(opportunity);
  }

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
