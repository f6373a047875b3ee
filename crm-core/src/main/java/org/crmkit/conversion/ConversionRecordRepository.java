package org.crmkit.conversion;

import java.util.List;
import java.util.Optional;
import org.crmkit.shared.LeadId;

/**
 * Port: where conversion records are kept. Same version and copy semantics as
 * {@link org.crmkit.lead.LeadRepository}: {@link #save} inserts a record with version 0 or updates one whose stored
 * version equals the given one, returning it with the version one higher. Used inside a
 * {@link org.crmkit.shared.UnitOfWork}, in the same unit as the conversion (or undo) it records.
 */
public interface ConversionRecordRepository {

  Optional<ConversionRecord> findById(ConversionId id);

  /**
   * @return the lead's conversion records, oldest first (by {@code convertedAt}, then id); never null
   */
  List<ConversionRecord> findByLead(LeadId leadId);

  /**
   * @return the record as stored, its version one higher
   * @throws org.crmkit.shared.ConflictException on a stale version, or when a record with version 0 already exists
   */
  ConversionRecord save(ConversionRecord record);

  /**
   * Saves a new record (version 0) whose id the Crm's {@link org.crmkit.shared.IdGenerator} has just made, one whose
   * ids are {@link org.crmkit.shared.IdGenerator#globallyUnique() globally unique}: no record can hold the id yet, so
   * an adapter may leave out the look-up for one (the in-memory storage does, and so does its commit). Otherwise as
   * {@link #save}. The default saves it as {@link #save} does.
   *
   * @return the record as stored, version 1
   * @throws IllegalArgumentException when the record is not new (version 0)
   */
  default ConversionRecord insertNew(ConversionRecord record) {
    if (record.version() != 0) {
      throw new IllegalArgumentException("insertNew takes a new conversion record (version 0), not version "
          + record.version() + " of " + record.id() + "; save it instead");
    }
    return save(record);
  }
}
