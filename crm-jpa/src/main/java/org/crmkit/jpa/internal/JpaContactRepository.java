package org.crmkit.jpa.internal;

import org.crmkit.shared.Visibility;
import jakarta.persistence.PersistenceException;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactQuery;
import org.crmkit.contact.ContactRepository;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;

/** {@link ContactRepository} over {@code crm_contact}. */
public final class JpaContactRepository implements ContactRepository {
  /** The unit of work, for the report rows of segments and custom fields ({@link RecordValues}). */
  private final EntityManagers ems;

  private final VersionedStore<ContactEntity, ContactSnapshot> store;

  public JpaContactRepository(EntityManagers ems) {
    this.ems = ems;
    this.store = new VersionedStore<>(ContactEntity.class, RecordType.CONTACT, ems, ContactEntity::new,
        ContactEntity::toSnapshot, (s, e) -> e.copyFrom(s), s -> s.id().value(), ContactSnapshot::version);
  }

  @Override
  public Optional<Contact> findById(ContactId id) {
    return store.find(Objects.requireNonNull(id, "id").value()).map(Contact::restore);
  }

  @Override
  public Contact save(Contact contact) {
    ContactSnapshot snapshot = contact.snapshot();
    boolean created = snapshot.version() == 0;
    boolean unchanged = RecordValues.unchanged(ems, ContactEntity.class, snapshot.id().value(), created, e -> null,
        e -> e.customFields, null, TextCodec.encode(snapshot.customFields()));
    ContactSnapshot saved = store.save(snapshot);
    if (!unchanged) {
      RecordValues.write(ems, RecordType.CONTACT, saved.id().value(), created, null, saved.customFields());
    }
    return Contact.restore(saved);
  }

  @Override
  public void delete(ContactId id, long expectedVersion) {
    store.delete(Objects.requireNonNull(id, "id").value(), expectedVersion);
    RecordValues.delete(ems, id.value());
  }

  @Override
  public Page<Contact> find(ContactQuery q, Visibility visible, PageRequest page) {
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(page, "page");
    Where where = Where.tenant("e", store.tenant())
        .visible("e.ownerId", visible)
        .and("e.ownerId = :owner", "owner", q.owner() == null ? null : q.owner().value())
        .and("e.accountId = :account", "account", q.accountId() == null ? null : q.accountId().value())
        .and("e.emailNormalized = :email", "email", q.email() == null ? null : q.email().normalized());
    try {
      return where.page(store.em(), "select e from CrmContact e" + where + " order by e.audit.createdAt, e.id",
          ContactEntity.class, "select count(e) from CrmContact e" + where, page,
          e -> Contact.restore(e.toSnapshot()));
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public long countByAccount(AccountId accountId) {
    Objects.requireNonNull(accountId, "accountId");
    try {
      return store.em().createQuery("select count(e) from CrmContact e"
              + " where e.tenantId = :tenant and e.accountId = :account", Long.class)
          .setParameter("tenant", store.tenant().value())
          .setParameter("account", accountId.value())
          .getSingleResult();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }
}
