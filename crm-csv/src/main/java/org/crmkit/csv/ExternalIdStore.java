package org.crmkit.csv;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.crmkit.shared.TenantId;

/**
 * Remembers which record a source system's id became, per tenant, record type and source, so that importing the
 * same file again updates the records instead of duplicating them.
 *
 * <p>crm-csv keeps this beside the storage rather than in crmkit's records: {@link #inMemory()} for the in-memory
 * storage and {@link JdbcExternalIdStore} (one table, created when missing, on H2 and PostgreSQL) for a database.
 * The importer writes an id pair right after the unit of work that created the record commits; see
 * docs/IMPORT.md for the one window (a crash between the two) where a re-run would create the row again.
 */
public interface ExternalIdStore {
  /** One remembered pair. */
  record Entry(TenantId tenant, ImportTarget type, String source, String externalId, String recordId) {
    /** Checks every part is present. */
    public Entry {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(externalId, "externalId");
      Objects.requireNonNull(recordId, "recordId");
    }
  }

  /** @return the record id remembered for this external id, or empty */
  Optional<String> find(TenantId tenant, ImportTarget type, String source, String externalId);

  /** Remembers the pairs (replacing an earlier record id of the same external id). */
  void putAll(List<Entry> entries);

  /** @return a thread-safe store in this JVM's memory (for the in-memory storage and tests) */
  static ExternalIdStore inMemory() {
    return new ExternalIdStore() {
      private final ConcurrentHashMap<List<String>, String> ids = new ConcurrentHashMap<>();

      @Override
      public Optional<String> find(TenantId tenant, ImportTarget type, String source, String externalId) {
        return Optional.ofNullable(ids.get(List.of(tenant.value(), type.name(), source, externalId)));
      }

      @Override
      public void putAll(List<Entry> entries) {
        entries.forEach(e -> ids.put(List.of(e.tenant().value(), e.type().name(), e.source(), e.externalId()),
            e.recordId()));
      }
    };
  }
}
