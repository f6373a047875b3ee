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
 * <p><b>Refusals.</b> A business "no" (already converted, a status that does not allow conversion, possible
 * duplicates, a required value the lead does not have) is always returned as {@link ConversionOutcome.Rejected}
 * (and for undo as {@link UndoOutcome.Refused}) with nothing written; it is never thrown. Misuse throws:
 * {@link org.crmkit.shared.RecordNotFoundException} for an unknown lead or linked record,
 * {@link org.crmkit.shared.ValidationException} for an unknown policy, an override of a locked or unknown field, or
 * a LINK for the opportunity; {@link org.crmkit.shared.ConflictException} when the command's
 * {@code expectedVersion} is stale, or when the conversion lost a race on every attempt (see Races; nothing was
 * written, reload and retry); {@link org.crmkit.shared.StorageException} when the storage fails (its
 * {@link org.crmkit.shared.OutcomeUnknownException} when the commit itself may or may not have happened).
 *
 * <p><b>Access.</b> The host's {@link org.crmkit.access.AccessPolicy} is asked while planning (see
 * docs/SECURITY.md): a lead, or an account or contact linked by id, that the actor may not see is not found, exactly
 * like an unknown id; duplicate candidates are only records the actor may see. Converting (and its dry run) asks
 * CONVERT on the lead and CREATE, with the lead's owner, for each record the conversion would create; undo asks
 * CONVERT on the lead; conversion records follow their lead. A refusal is thrown as an
 * {@link org.crmkit.shared.AccessDeniedException} (misuse, not a business "no"), with nothing written; in
 * {@link #convertAll} it is that lead's error.
 *
 * <p><b>Duplicates.</b> Accounts are matched on their {@link org.crmkit.account.AccountMatchKey}: the same
 * normalised name (case, accents, spacing, punctuation, apostrophes and legal forms such as Ltd, Oy, Inc, GmbH, AB
 * ignored; "&amp;" read as "and") is an exact match, a similar one ({@code O Brien and Sons Ltd} and
 * {@code O'Brien & Sons}) or the same company domain is a candidate. Contacts are matched by e-mail address; when
 * none has it, the contacts of the linked account with alike names are candidates. Candidates are ranked by
 * similarity, in the dry run and in the rejection. MATCH_OR_CREATE links only a single exact match; anything
 * else is refused with the candidates ({@code AMBIGUOUS_MATCH}); CREATE is refused while candidates exist
 * ({@code DUPLICATES_FOUND}) unless duplicates are allowed. A candidate is never linked unless the caller links it.
 *
 * <p><b>Races.</b> A conversion that runs in its own unit of work and loses a race (the lead was converted or
 * changed meanwhile, or a concurrent conversion created the same account first) is planned and run again in a
 * fresh unit of work, up to three attempts in all. So of two simultaneous conversions of one lead, exactly one
 * converts it and the other gets {@link ConversionOutcome.Rejected} with {@code ALREADY_CONVERTED} (or, when yet
 * other writers keep changing the lead or claiming its account, a {@code ConflictException} after the third lost
 * race; never a second conversion); of two simultaneous MATCH_OR_CREATE
 * conversions of leads of one company, the second links the account the first created (when the storage keeps the
 * account match key unique). The same holds for a retry after an error whose outcome was unknown (a lost
 * connection): if the first attempt did commit, the retry finds the lead converted and says ALREADY_CONVERTED.
 * Inside an outer unit of work (a workflow, a host transaction) a conflict is thrown to the caller instead.
 */
public interface ConversionService {

  /**
   * Converts one lead: duplicate checks first, then account, contact, opportunity (with its first stage history
   * entry, origin {@code LEAD_CONVERSION}), the lead marked converted and the {@link ConversionRecord}, all in one
   * unit of work: on any failure nothing is written. The one exception to that is the host's own
   * {@link org.crmkit.shared.DomainEventPublisher}: it runs after the commit, so what it throws reaches the caller
   * although the lead is converted (a retry then says ALREADY_CONVERTED; {@link #convertAll} reports it apart).
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
   * Converts many leads, each with its own result, in the given order. One lead's rejection or error never blocks or
   * half-writes another. When the host's event publisher throws after a lead's conversion committed, that lead is
   * still reported as converted, with the publisher's exception in
   * {@link BulkConversionResult.Item#publicationFailure()}.
   *
   * <p><b>Chunks.</b> Leads are converted in chunks of {@code Crm.Builder.bulkConversionChunkSize} (default 100)
   * leads per unit of work: one transaction and one commit per chunk, and a database adapter sends the chunk's
   * inserts in batches. Each lead is still planned with its duplicate checks before anything of it is written, sees
   * what the leads before it in the chunk wrote (two leads of one new company: the second links the account the first
   * created, as one after the other), and gets the same history entries and events as a single conversion; the
   * events are published after the chunk's commit, lead by lead. A lead rejected with reasons writes nothing and the
   * chunk goes on. When anything fails in a chunk (a lead that is not found or not allowed, a lost race, a storage
   * error), the chunk is rolled back and its leads are converted again one by one, each in its own unit of work, so
   * only the bad lead fails and the others convert.
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
   * Undoes the lead's standing conversion as if it had not happened: deletes the records it created (with the
   * opportunity's billing forecast and the account's budget), writes back the values it filled into linked
   * records (or clears them when they were empty, and takes a contact it moved into the account out again), and
   * makes the lead editable again in the status it had before. Refused, with nothing changed, when a record the
   * conversion created or filled has changed since (or a created one gained other links); the refusal says what
   * blocks it. Linked records themselves stay. The conversion record is kept and marked undone.
   *
   * @return undone, or refused with reasons; never null
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such lead
   */
  UndoOutcome undo(Actor actor, LeadId leadId);

  /** @return the lead's conversion records, oldest first (undone ones included); never null */
  List<ConversionRecord> records(Actor actor, LeadId leadId);

  /** @return how many conversion records the lead has (undone ones included) */
  long countRecords(Actor actor, LeadId leadId);

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
