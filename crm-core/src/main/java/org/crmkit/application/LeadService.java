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
 * <p><b>Refusals.</b> Every refusal of these use cases is an exception under {@link org.crmkit.shared.CrmException}
 * and nothing is written: {@link org.crmkit.shared.ValidationException} for rejected input (with field errors),
 * {@link org.crmkit.shared.RecordNotFoundException} for an unknown id,
 * {@link org.crmkit.shared.ConflictException} when the stored version is not the expected one (reload and retry),
 * {@link org.crmkit.shared.RuleViolationException} (and its subclasses) for a change the rules forbid in the
 * record's current state, and {@link org.crmkit.workflow.WorkflowException} when a workflow rule triggered by the
 * change fails. No use case here returns a refusal as a value (only lead conversion and its undo do, see
 * {@link ConversionService}).
 *
 * <p><b>Access.</b> The host's {@link org.crmkit.access.AccessPolicy} is asked first (see docs/SECURITY.md): a
 * record the actor may not see is not found, exactly like an unknown id (a RecordNotFoundException, an empty
 * Optional, a missing link in a command; lists hold only visible records). An operation the policy refuses on a
 * record the actor sees, and any call by an actor of another tenant on a Crm built with onlyTenant, is an
 * {@link org.crmkit.shared.AccessDeniedException}, with nothing written. The operations asked are CREATE (with the
 * new owner), CHANGE, ASSIGN (with a new owner) and DELETE.
 *
 * <p><b>Nulls.</b> Actors, ids and commands must not be null; lookups that may find nothing return
 * {@link java.util.Optional}; returned records and lists are never null.
 * A converted lead is read-only: changing or deleting it is a {@link org.crmkit.shared.RecordReadOnlyException}.
 */
public interface LeadService {

  /**
   * Captures a lead in the pipeline's first open status (or the command's).
   *
   * @throws org.crmkit.shared.ValidationException for invalid fields (a lead needs a last name or a company), an
   *     unknown status or custom field
   */
  Lead create(Actor actor, CreateLead command);

  /** @throws org.crmkit.shared.RecordNotFoundException when there is no such lead */
  Lead get(Actor actor, LeadId id);

  Optional<Lead> find(Actor actor, LeadId id);

  Page<Lead> list(Actor actor, LeadQuery query, PageRequest page);

  /**
   * Changes the fields the command names; the others keep their values.
   *
   * @return the lead as stored (after any workflow rules)
   * @throws org.crmkit.shared.ValidationException for invalid values
   * @throws org.crmkit.shared.ConflictException when the lead's version is not the expected one
   * @throws org.crmkit.shared.RecordReadOnlyException when the lead is converted
   */
  Lead update(Actor actor, UpdateLead command);

  /**
   * Moves the lead to another status.
   *
   * @throws org.crmkit.shared.ValidationException for an unknown status or an unqualified status without a reason
   * @throws org.crmkit.shared.RuleViolationException for the converted status (reached only by conversion)
   * @throws org.crmkit.shared.ConflictException when the lead's version is not the expected one
   * @throws org.crmkit.shared.RecordReadOnlyException when the lead is converted
   */
  Lead changeStatus(Actor actor, ChangeLeadStatus command);

  /**
   * Deletes a lead that is not converted.
   *
   * @param expectedVersion the version the deletion is based on, or null
   */
  void delete(Actor actor, LeadId id, Long expectedVersion);
}
