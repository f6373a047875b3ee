package org.crmkit.application;

import java.util.Optional;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.shared.Actor;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;

/**
 * Use cases for leads. Every method takes the acting {@link Actor}; every write runs in one unit of work.
 * Thread-safe.
 *
 * @see org.crmkit.shared.ValidationException for rejected input
 * @see org.crmkit.shared.RecordNotFoundException for unknown ids
 * @see org.crmkit.shared.ConflictException for stale versions
 * @see org.crmkit.shared.RecordReadOnlyException for changes to converted leads
 */
public interface LeadService {

  Lead create(Actor actor, CreateLead command);

  /** @throws org.crmkit.shared.RecordNotFoundException when there is no such lead */
  Lead get(Actor actor, LeadId id);

  Optional<Lead> find(Actor actor, LeadId id);

  Page<Lead> list(Actor actor, LeadQuery query, PageRequest page);

  Lead update(Actor actor, UpdateLead command);

  Lead changeStatus(Actor actor, ChangeLeadStatus command);

  /**
   * Deletes a lead that is not converted.
   *
   * @param expectedVersion the version the deletion is based on, or null
   */
  void delete(Actor actor, LeadId id, Long expectedVersion);
}
