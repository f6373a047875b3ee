package org.crmkit.jpa.internal;

import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.crmkit.account.Account;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.account.AccountQuery;
import org.crmkit.account.AccountRepository;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Text;

/**
 * {@link AccountRepository} over {@code crm_account}. Every save also stores the account's match key
 * ({@code name_normalized}, {@code match_domain}), which {@link #findMatching} looks up through their indexes.
 */
public final class JpaAccountRepository implements AccountRepository {
  private final VersionedStore<AccountEntity, AccountSnapshot> store;

  public JpaAccountRepository(EntityManagers ems) {
    this.store = new VersionedStore<>(AccountEntity.class, RecordType.ACCOUNT, ems, AccountEntity::new,
        AccountEntity::toSnapshot, (s, e) -> e.copyFrom(s), s -> s.id().value(), AccountSnapshot::version);
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
          .map(e -> Account.restore(e.toSnapshot()))
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
        // Text.fold, the one folding rule of every storage, on the stored folded name; rows written before V6
        // and not yet backfilled (CrmkitSchema.backfill) fall back to the database's lower().
        .and("(e.nameFolded like :name escape '\\'"
                + " or (e.nameFolded is null and lower(e.name) like :lowerName escape '\\'))",
            "name", q.nameContains() == null ? null : Where.likeContains(Text.fold(q.nameContains())),
            "lowerName", q.nameContains() == null ? null
                : Where.likeContains(q.nameContains().toLowerCase(Locale.ROOT)));
    try {
      return where.page(store.em(), "select e from CrmAccount e" + where + " order by e.audit.createdAt, e.id",
          AccountEntity.class, "select count(e) from CrmAccount e" + where, page,
          e -> Account.restore(e.toSnapshot()));
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  /**
   * One indexed query on the stored match key (normalised name or domain), in creation order. Rows whose key was
   * not computed yet or by an older normalisation ({@code match_key_version} NULL or lower: written before
   * migration V3 and not yet backfilled, or by an older crmkit) are read too, and every row's full key is compared
   * in Java, so the answer is exactly the in-memory adapter's. Reads pages of at least {@code limit} rows until
   * {@code limit} candidates are found; usually one query.
   */
  @Override
  public List<Account> findMatching(AccountMatchKey key, int limit) {
    Objects.requireNonNull(key, "key");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 or more, was " + limit);
    }
    List<Account> found = new ArrayList<>();
    if (key.isEmpty() || limit == 0) {
      return found;
    }
    List<String> conditions = new ArrayList<>();
    conditions.add("e.matchKeyVersion is null");
    conditions.add("e.matchKeyVersion < " + AccountMatchColumns.KEY_VERSION);
    String name = AccountMatchColumns.name(key);
    String domain = AccountMatchColumns.domain(key);
    if (name != null) {
      conditions.add("e.nameNormalized = :name");
    }
    if (domain != null) {
      conditions.add("e.matchDomain = :domain");
    }
    String jpql = "select e from CrmAccount e where " + String.join(" or ", conditions)
        + " order by e.audit.createdAt, e.id";
    int batch = Math.max(limit, 20);
    try {
      for (int offset = 0; ; offset += batch) {
        TypedQuery<AccountEntity> query = store.em().createQuery(jpql, AccountEntity.class)
            .setFirstResult(offset)
            .setMaxResults(batch);
        if (name != null) {
          query.setParameter("name", name);
        }
        if (domain != null) {
          query.setParameter("domain", domain);
        }
        List<AccountEntity> rows = query.getResultList();
        for (AccountEntity row : rows) {
          Account account = Account.restore(row.toSnapshot());
          if (!key.reasonsToMatch(AccountMatchKey.of(account.details())).isEmpty()) {
            found.add(account);
            if (found.size() == limit) {
              return found;
            }
          }
        }
        if (rows.size() < batch) {
          return found;
        }
      }
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }
}
