package org.crmkit.application;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.crmkit.conversion.BulkConversionResult;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionPreview;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.shared.Actor;
import org.crmkit.shared.LeadId;

/**
 * Lead conversion: turn a lead into an account, a contact and an opportunity (each created, linked or skipped) as
 * its {@link ConversionPolicy} says, in one unit of work; preview it; convert many; undo it. Thread-safe.
 *
 * <p>A business "no" (already converted, a status that does not allow conversion, possible duplicates, a required
 * value the lead does not have) is returned as {@link ConversionOutcome.Rejected} with nothing written. Misuse
 * throws: {@link org.crmkit.shared.RecordNotFoundException} for an unknown lead or linked record,
 * {@link org.crmkit.shared.ValidationException} for an unknown policy, an override of a locked or unknown field, or
 * a LINK for the opportunity; {@link org.crmkit.shared.ConflictException} when the lead changed concurrently (for
 * example a simultaneous conversion of the same lead: exactly one of them succeeds).
 */
public interface ConversionService {

  /**
   * Converts one lead: duplicate checks first, then account, contact, opportunity (with its first stage history
   * entry, origin {@code LEAD_CONVERSION}), the lead marked converted and the {@link ConversionRecord}, all in one
   * unit of work: on any failure nothing is written.
   *
   * @param actor who converts; never null
   * @param command what to convert and how; never null
   * @return converted, or rejected with reasons; never null
   */
  ConversionOutcome convert(Actor actor, ConvertLead command);

  /**
   * Dry run: what {@link #convert} would create or link, the mapped values, the duplicate candidates and the
   * problems, writing nothing. Throws where {@code convert} would throw.
   *
   * @return never null
   */
  ConversionPreview preview(Actor actor, ConvertLead command);

  /**
   * Converts many leads, each in its own unit of work with its own result, in the given order. One lead's rejection
   * or error never blocks or half-writes another.
   *
   * <p>Call it outside any unit of work: units of work nest by joining, so inside one all leads would share the
   * caller's transaction and a failed lead's partial writes could not be rolled back on their own.
   *
   * @param commands never null, no null elements
   * @return one item per command, in order; never null
   */
  BulkConversionResult convertAll(Actor actor, List<ConvertLead> commands);

  /**
   * Converts many leads with one policy and its default actions.
   *
   * @param policyId the policy, or null for the default
   */
  BulkConversionResult convertAll(Actor actor, Collection<LeadId> leadIds, String policyId);

  /**
   * Undoes the lead's standing conversion: deletes the records it created, and makes the lead editable again in the
   * status it had before, as long as none of the created records has changed since (or gained other links);
   * otherwise a refusal saying what blocks it. Records that were linked stay, including values filled in from the
   * lead. The conversion record is kept and marked undone.
   *
   * @return undone, or refused with reasons; never null
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such lead
   */
  UndoOutcome undo(Actor actor, LeadId leadId);

  /** @return the lead's conversion records, oldest first (undone ones included); never null */
  List<ConversionRecord> records(Actor actor, LeadId leadId);

  /** @return the conversion record, if any */
  Optional<ConversionRecord> record(Actor actor, ConversionId id);

  /**
   * @return the registered policy with the id
   * @throws org.crmkit.shared.ValidationException when no policy has the id
   */
  ConversionPolicy policy(String id);

  /** @return every registered policy, the default included; never null */
  Collection<ConversionPolicy> policies();
}
