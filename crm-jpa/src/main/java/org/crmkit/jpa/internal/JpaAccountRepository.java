package org.crmkit.jpa.internal;

import org.crmkit.shared.Visibility;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.WeakHashMap;
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
 * ({@code name_normalized}, {@code match_domain}), which {@link #findMatching} looks up through their indexes, and
 * its claim on the normalised name ({@code match_claim}, unique, migration V5): an account inserted after a duplicate
 * check of this unit of work ({@link #findMatching}) found its name free claims the name, so two conversions that
 * both found a company new and both create it conflict on the unique index (a {@code ConflictException}; the retry
 * finds the account) instead of both committing. Claims are unique per tenant ({@code (tenant_id, match_claim)},
 * migration V8). Accounts created without such a check (or after a check that
 * found the name taken) claim nothing, so same-named accounts created on purpose remain possible.
 */
public final class JpaAccountRepository implements AccountRepository {
  /** The unit of work, for the report rows of segments and custom fields ({@link RecordValues}). */
  private final EntityManagers ems;

  private final VersionedStore<AccountEntity, AccountSnapshot> store;
  /**
   * Per unit of work (the provider's session), the normalised names its duplicate checks found free: the next
   * account it inserts with such a name claims it. Weak keys: the entry goes with the session.
   */
  private final Map<Object, Set<String>> checkedFree = new WeakHashMap<>();

  public JpaAccountRepository(EntityManagers ems) {
    this.ems = ems;
    this.store = new VersionedStore<>(AccountEntity.class, RecordType.ACCOUNT, ems, AccountEntity::new,
        AccountEntity::toSnapshot, this::copyClaiming, s -> s.id().value(), AccountSnapshot::version);
  }

  /**
   * Copies the snapshot into the row and decides the row's claim on its normalised name: an inserted account claims
   * it when this unit of work's duplicate check ({@link #findMatching}) found the name free; an updated account keeps
   * its claim while its name keeps the key. Decided without a query.
   */
  private void copyClaiming(AccountSnapshot s, AccountEntity e) {
    String wanted = AccountMatchColumns.name(AccountMatchKey.of(s.details()));
    String claim = null;
    if (wanted != null) {
      // An insert consumes the check, so a stale one (a host's long-lived entity manager) costs one conflict at most.
      boolean claims = s.version() == 0 ? checkedFree(false).remove(claimKey(wanted)) : wanted.equals(e.matchClaim);
      claim = claims ? wanted : null;
    }
    e.copyFrom(s);
    e.matchClaim = claim;
  }

  /**
   * @return the entry of {@link #checkedFree} for a normalised name in the current tenant: a host-managed entity
   *     manager may serve consecutive units of work of different tenants, and a name free in one is not in another
   */
  private String claimKey(String name) {
    return store.tenant().value() + '\n' + name;
  }

  /**
   * @param create whether to make the set when the unit of work has none yet
   * @return the names the current unit of work's duplicate checks found free (its entity manager's); a
   *     synchronized set, empty and unattached when {@code create} is false and there is none
   */
  private Set<String> checkedFree(boolean create) {
    EntityManager em = store.em();
    // The provider's session behind the entity manager: one per transaction even when the host hands crmkit a
    // shared, transaction-scoped proxy.
    Object unitOfWork = em.getDelegate() == null ? em : em.getDelegate();
    synchronized (checkedFree) {
      Set<String> names = checkedFree.get(unitOfWork);
      if (names == null) {
        names = Collections.synchronizedSet(new HashSet<>());
        if (create) {
          checkedFree.put(unitOfWork, names);
        }
      }
      return names;
    }
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
      return store.em().createQuery("select e from CrmAccount e where e.tenantId = :tenant and e.id in :ids",
              AccountEntity.class)
          .setParameter("tenant", store.tenant().value())
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
    AccountSnapshot snapshot = account.snapshot();
    boolean created = snapshot.version() == 0;
    boolean unchanged = RecordValues.unchanged(ems, AccountEntity.class, snapshot.id().value(), created, e -> e.segments,
        e -> e.customFields, TextCodec.encode(snapshot.segments()), TextCodec.encode(snapshot.customFields()));
    AccountSnapshot saved = store.save(snapshot);
    if (!unchanged) {
      RecordValues.write(ems, RecordType.ACCOUNT, saved.id().value(), created, saved.segments(), saved.customFields());
    }
    return Account.restore(saved);
  }

  @Override
  public void delete(AccountId id, long expectedVersion) {
    store.delete(Objects.requireNonNull(id, "id").value(), expectedVersion);
    RecordValues.delete(ems, id.value());
  }

  @Override
  public Page<Account> find(AccountQuery q, Visibility visible, PageRequest page) {
    Objects.requireNonNull(q, "query");
    Objects.requireNonNull(page, "page");
    Where where = Where.tenant("e", store.tenant())
        .visible("e.ownerId", visible)
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
   * One indexed query on the stored match key (normalised name or domain) within the tenant, of the owners
   * {@code visible} admits, in creation order. Rows whose key was
   * not computed yet or by an older normalisation ({@code match_key_version} NULL or lower: written before
   * migration V3 and not yet backfilled, or by an older crmkit) are read too, and every row's full key is compared
   * in Java, so the answer is exactly the in-memory adapter's. Reads pages of at least {@code limit} rows until
   * {@code limit} candidates are found; usually one query.
   */
  @Override
  public List<Account> findMatching(AccountMatchKey key, Visibility visible, int limit) {
    Objects.requireNonNull(visible, "visible");
    List<Account> found = findCandidates(key, visible, limit);
    String name = AccountMatchColumns.name(key);
    if (name != null) {
      // A duplicate check: an account this unit of work now inserts with the name claims it if it was free. The
      // claim is unique in the whole tenant, so when the actor sees only some accounts (or the answer was cut at
      // the limit), an account the answer does not hold may still have the name: one more indexed query asks.
      boolean taken = found.stream().anyMatch(a -> name.equals(AccountMatchColumns.name(AccountMatchKey.of(a.details()))))
          || ((found.size() >= limit || !(visible instanceof Visibility.All)) && limit > 0 && nameTaken(name));
      if (taken || limit == 0) {
        checkedFree(false).remove(claimKey(name));
      } else {
        checkedFree(true).add(claimKey(name));
      }
    }
    return found;
  }

  /** @return true when an account of the tenant stores {@code name} as its normalised name (one indexed query) */
  private boolean nameTaken(String name) {
    try {
      return !store.em().createQuery("select e.id from CrmAccount e where e.tenantId = :tenant"
              + " and e.nameNormalized = :name", UUID.class)
          .setParameter("tenant", store.tenant().value())
          .setParameter("name", name)
          .setMaxResults(1)
          .getResultList().isEmpty();
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  private List<Account> findCandidates(AccountMatchKey key, Visibility visible, int limit) {
    Objects.requireNonNull(key, "key");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be 0 or more, was " + limit);
    }
    List<Account> found = new ArrayList<>();
    Where scope = Where.tenant("e", store.tenant()).visible("e.ownerId", visible);
    if (key.isEmpty() || limit == 0 || scope.matchesNothing()) {
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
    String jpql = "select e from CrmAccount e" + scope.and("(" + String.join(" or ", conditions) + ")")
        + " order by e.audit.createdAt, e.id";
    int batch = Math.max(limit, 20);
    try {
      for (int offset = 0; ; offset += batch) {
        TypedQuery<AccountEntity> query = scope.bind(store.em().createQuery(jpql, AccountEntity.class))
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
