package org.crmkit.jpa.internal;

import org.crmkit.shared.Visibility;
import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunityRepository;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;

/**
 * {@link OpportunityRepository} over {@code crm_opportunity}. Summaries read the account name through a left
 * join in the same statement, so a page costs one query (plus a count when the page is full).
 */
public final class JpaOpportunityRepository implements OpportunityRepository {
  private static final String SUMMARY_COLUMNS =
      "select o.id, o.name, o.stage, o.money.amount, o.money.currency, o.probability, o.closeDate, o.ownerId,"
          + " o.accountId, a.name"
          + " from CrmOpportunity o left join CrmAccount a on a.tenantId = o.tenantId and a.id = o.accountId";

  /** The unit of work, for the report rows of segments and custom fields ({@link RecordValues}). */
  private final EntityManagers ems;

  private final VersionedStore<OpportunityEntity, OpportunitySnapshot> store;

  public JpaOpportunityRepository(EntityManagers ems) {
    this.ems = ems;
    this.store = new VersionedStore<>(OpportunityEntity.class, RecordType.OPPORTUNITY, ems, OpportunityEntity::new,
        OpportunityEntity::toSnapshot, (s, e) -> e.copyFrom(s), s -> s.id().value(), OpportunitySnapshot::version);
  }

  @Override
  public Optional<Opportunity> findById(OpportunityId id) {
    return store.find(Objects.requireNonNull(id, "id").value()).map(Opportunity::restore);
  }

  @Override
  public Opportunity save(Opportunity opportunity) {
    OpportunitySnapshot snapshot = opportunity.snapshot();
    boolean created = snapshot.version() == 0;
    boolean unchanged = RecordValues.unchanged(ems, OpportunityEntity.class, snapshot.id().value(), created, e -> e.segments,
        e -> e.customFields, TextCodec.encode(snapshot.segments()), TextCodec.encode(snapshot.customFields()));
    OpportunitySnapshot saved = store.save(snapshot);
    if (!unchanged) {
      RecordValues.write(ems, RecordType.OPPORTUNITY, saved.id().value(), created, saved.segments(), saved.customFields());
    }
    return Opportunity.restore(saved);
  }

  @Override
  public void delete(OpportunityId id, long expectedVersion) {
    store.delete(Objects.requireNonNull(id, "id").value(), expectedVersion);
    RecordValues.delete(ems, id.value());
  }

  @Override
  public Page<Opportunity> find(OpportunityQuery q, Visibility visible, PageRequest page) {
    Objects.requireNonNull(page, "page");
    Where where = where(q, visible, "e");
    try {
      return where.page(store.em(), "select e from CrmOpportunity e" + where + " order by e.audit.createdAt, e.id",
          OpportunityEntity.class, "select count(e) from CrmOpportunity e" + where, page,
          e -> Opportunity.restore(e.toSnapshot()));
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public Page<OpportunitySummary> findSummaries(OpportunityQuery q, Visibility visible, PageRequest page) {
    Objects.requireNonNull(page, "page");
    Where where = where(q, visible, "o");
    try {
      return where.page(store.em(), SUMMARY_COLUMNS + where + " order by o.audit.createdAt, o.id", Object[].class,
          "select count(o) from CrmOpportunity o" + where, page, JpaOpportunityRepository::summary);
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public long countByAccount(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    return count("e.accountId = :id", accountId.value());
  }

  @Override
  public long countByContact(ContactId contactId) {
    Objects.requireNonNull(contactId, "contactId");
    return count("e.contactId = :id", contactId.value());
  }

  private long count(String condition, UUID id) {
    try {
      return store.em().createQuery("select count(e) from CrmOpportunity e where e.tenantId = :tenant and "
              + condition, Long.class)
          .setParameter("tenant", store.tenant().value())
          .setParameter("id", id)
          .getSingleResult();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  private Where where(OpportunityQuery q, Visibility visible, String alias) {
    Objects.requireNonNull(q, "query");
    Where where = Where.tenant(alias, store.tenant())
        .visible(alias + ".ownerId", visible)
        .and(alias + ".ownerId = :owner", "owner", q.owner() == null ? null : q.owner().value());
    if (!q.stages().isEmpty()) {
      where.in(alias + ".stage", InList.of("stage", new java.util.TreeSet<>(q.stages())));
    }
    return where
        .and(alias + ".accountId = :account", "account", q.accountId() == null ? null : q.accountId().value())
        .and(alias + ".contactId = :contact", "contact", q.contactId() == null ? null : q.contactId().value())
        .and(alias + ".closeDate >= :closeFrom", "closeFrom", q.closeFrom())
        .and(alias + ".closeDate <= :closeTo", "closeTo", q.closeTo());
  }

  private static OpportunitySummary summary(Object[] row) {
    UUID accountId = (UUID) row[8];
    return new OpportunitySummary(
        OpportunityId.of((UUID) row[0]),
        (String) row[1],
        (String) row[2],
        MoneyColumns.money((BigDecimal) row[3], (String) row[4]),
        Probability.of(((Number) row[5]).intValue()),
        (LocalDate) row[6],
        UserId.of((String) row[7]),
        accountId == null ? null : AccountId.of(accountId),
        (String) row[9]);
  }
}
