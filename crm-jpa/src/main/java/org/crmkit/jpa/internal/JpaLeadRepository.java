package org.crmkit.jpa.internal;

import org.crmkit.shared.Visibility;
import jakarta.persistence.PersistenceException;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.lead.Lead;
import org.crmkit.lead.LeadQuery;
import org.crmkit.lead.LeadRepository;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;

/** {@link LeadRepository} over {@code crm_lead}. */
public final class JpaLeadRepository implements LeadRepository {
  /** The unit of work, for the report rows of segments and custom fields ({@link RecordValues}). */
  private final EntityManagers ems;

  private final VersionedStore<LeadEntity, LeadSnapshot> store;

  public JpaLeadRepository(EntityManagers ems) {
    this.ems = ems;
    this.store = new VersionedStore<>(LeadEntity.class, RecordType.LEAD, ems, LeadEntity::new, LeadEntity::toSnapshot,
        (s, e) -> e.copyFrom(s), s -> s.id().value(), LeadSnapshot::version)
        // every conversion marks its lead converted: batched with the unit's other writes, not flushed alone
        .deferringUpdates(LeadSnapshot::withVersion);
  }

  @Override
  public Optional<Lead> findById(LeadId id) {
    return store.find(Objects.requireNonNull(id, "id").value()).map(Lead::restore);
  }

  @Override
  public Lead save(Lead lead) {
    LeadSnapshot snapshot = lead.snapshot();
    boolean created = snapshot.version() == 0;
    boolean unchanged = RecordValues.unchanged(ems, LeadEntity.class, snapshot.id().value(), created, e -> null,
        e -> e.lead.customFields, null, TextCodec.encode(snapshot.customFields()));
    LeadSnapshot saved = store.save(snapshot);
    if (!unchanged) {
      RecordValues.write(ems, RecordType.LEAD, saved.id().value(), created, null, saved.customFields());
    }
    return Lead.restore(saved);
  }

  @Override
  public void delete(LeadId id, long expectedVersion) {
    store.delete(Objects.requireNonNull(id, "id").value(), expectedVersion);
    RecordValues.delete(ems, id.value());
  }

  @Override
  public Page<Lead> find(LeadQuery q, Visibility visible, PageRequest page) {
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(page, "page");
    Where where = Where.tenant("e", store.tenant())
        .visible("e.lead.ownerId", visible)
        .and("e.lead.ownerId = :owner", "owner", q.owner() == null ? null : q.owner().value())
        .and("e.lead.status = :status", "status", q.status())
        .and("e.emailNormalized = :email", "email", q.email() == null ? null : q.email().normalized());
    if (q.converted() != null) {
      where.and(q.converted() ? "e.lead.convertedAt is not null" : "e.lead.convertedAt is null");
    }
    try {
      return where.page(store.em(), "select e from CrmLead e" + where + " order by e.lead.createdAt, e.id",
          LeadEntity.class, "select count(e) from CrmLead e" + where, page,
          e -> Lead.restore(e.toSnapshot()));
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }
}
