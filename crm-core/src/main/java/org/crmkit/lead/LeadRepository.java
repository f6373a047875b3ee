package org.crmkit.lead;

import java.util.Optional;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Visibility;

/**
 * Port: where leads are kept. Implementations store copies (changing a lead after saving it changes nothing
 * stored) and must be used inside a {@link org.crmkit.shared.UnitOfWork}.
 */
public interface LeadRepository {

  Optional<Lead> findById(LeadId id);

  /**
   * Inserts a lead with version 0 or updates a stored one whose stored version equals the lead's version.
   *
   * @return the lead as stored, its version one higher than the given one
   * @throws ConflictException when the stored version differs (a concurrent change), or when a lead with version 0
   *     already exists
   */
  Lead save(Lead lead);

  /**
   * Deletes a lead.
   *
   * @throws ConflictException when the stored version differs from {@code expectedVersion}
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such lead
   */
  void delete(LeadId id, long expectedVersion);

  /**
   * Leads matching the query that {@code visible} admits, ordered by creation time then id; the visibility is
   * applied in the query, so the page and its total count hold only visible leads.
   */
  Page<Lead> find(LeadQuery query, Visibility visible, PageRequest page);
}
