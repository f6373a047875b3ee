package org.crmkit.jpa.internal;

import jakarta.persistence.PersistenceException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionRecordRepository;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.RecordType;

/** {@link ConversionRecordRepository} over {@code crm_conversion_record}, with the core's version rules. */
public final class JpaConversionRecordRepository implements ConversionRecordRepository {
  private final VersionedStore<ConversionRecordEntity, ConversionRecord> store;

  public JpaConversionRecordRepository(EntityManagers ems) {
    this.store = new VersionedStore<>(ConversionRecordEntity.class, RecordType.CONVERSION_RECORD, ems,
        ConversionRecordEntity::new, ConversionRecordEntity::toRecord, (s, e) -> e.copyFrom(s), r -> r.id().value(),
        ConversionRecord::version);
  }

  @Override
  public Optional<ConversionRecord> findById(ConversionId id) {
    return store.find(Objects.requireNonNull(id, "id").value());
  }

  @Override
  public List<ConversionRecord> findByLead(LeadId leadId) {
    Objects.requireNonNull(leadId, "leadId");
    try {
      return store.em()
          .createQuery("select e from CrmConversionRecord e where e.tenantId = :tenant and e.leadId = :lead"
              + " order by e.convertedAt, e.id", ConversionRecordEntity.class)
          .setParameter("tenant", store.tenant().value())
          .setParameter("lead", leadId.value())
          .getResultList().stream()
          .map(ConversionRecordEntity::toRecord)
          .toList();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public ConversionRecord save(ConversionRecord record) {
    return store.save(Objects.requireNonNull(record, "record"));
  }
}
