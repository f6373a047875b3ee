package org.crmkit.jpa.internal;

import jakarta.persistence.PersistenceException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.account.AccountRepository;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;

/** {@link AccountRepository} over {@code crm_account}. */
public final class JpaAccountRepository implements AccountRepository {
  private final VersionedStore<AccountEntity, AccountSnapshot> store;

  public JpaAccountRepository(EntityManagers ems) {
    this.store = new VersionedStore<>(AccountEntity.class, RecordType.ACCOUNT, ems, AccountEntity::new,
        Mappers::toSnapshot, Mappers::copy, s -> s.id().value(), AccountSnapshot::version);
  }

  @Override
  public Optional<Account> findById(AccountId id) {
    return store.find(Objects.requireNonNull(id, "id").value()).map(Account::restore);
  }

  @Override
  public List<Account> findAllById(Collection<AccountId> ids) {
    Objects.requireNonNull(ids, "ids");
    if (ids.isEmpty()) {
      return List.of();
    }
    List<UUID> keys = ids.stream().map(AccountId::value).distinct().toList();
    try {
      return store.em().createQuery("select e from CrmAccount e where e.id in :ids", AccountEntity.class)
          .setParameter("ids", keys)
          .getResultList().stream()
          .map(e -> Account.restore(Mappers.toSnapshot(e)))
          .toList();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public Account save(Account account) {
    return Account.restore(store.save(account.snapshot()));
  }

  @Override
  public void delete(AccountId id, long expectedVersion) {
    store.delete(Objects.requireNonNull(id, "id").value(), expectedVersion);
  }

  @Override
  public Page<Account> find(AccountQuery q, PageRequest page) {
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(page, "page");
    Where where = new Where()
        .and("e.ownerId = :owner", "owner", q.owner() == null ? null : q.owner().value())
        .and("lower(e.name) like :name escape '\\'", "name",
            q.nameContains() == null ? null : Where.likeContains(q.nameContains().toLowerCase(Locale.ROOT)));
    try {
      return where.page(store.em(), "select e from CrmAccount e" + where + " order by e.createdAt, e.id",
          AccountEntity.class, "select count(e) from CrmAccount e" + where, page,
          e -> Account.restore(Mappers.toSnapshot(e)));
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }
}
