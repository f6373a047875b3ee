package org.crmkit.jpa.internal;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.StorageException;
import org.crmkit.shared.TenantId;

/**
 * The version rules of the core's repository ports, over one entity type:
 *
 * <ul>
 *   <li>version 0 inserts with version 1 (a duplicate id fails as a conflict when the insert is flushed);
 *   <li>version n updates the row only if it still has version n, and stores n + 1. The update is flushed at
 *       once, so the row is locked and the version check runs in the database now rather than at commit; a save
 *       that changes no column still increments the version (through a versioned JPQL update). A store built
 *       {@linkplain #deferringUpdates deferring updates} (leads: every conversion marks its lead converted) checks
 *       the version in memory, leaves a save that changes the snapshot to the next flush (commit, a query, or
 *       {@link org.crmkit.shared.UnitOfWork#flush()}), where the provider sends it with the unit's other
 *       statements in a JDBC batch and checks the version in its WHERE clause, and returns the snapshot with
 *       n + 1; a second save of the row in the same unit of work flushes the first one before it;
 *   <li>delete checks the version too, and the provider repeats the check in the DELETE statement.
 * </ul>
 *
 * <p>Tenants: an insert stores the unit of work's tenant ({@link EntityManagers#tenant()}) in the row; a row of
 * another tenant is, to every method here, a row that does not exist. A key is found with
 * {@link EntityManager#find} (served from the persistence context when the unit of work already loaded it, and
 * never flushing pending inserts, unlike a query) and the one row it returns is checked against the tenant; see
 * docs/PERSISTENCE.md, "Tenants".
 *
 * @param <E> entity type
 * @param <S> snapshot type
 */
final class VersionedStore<E extends VersionedEntity, S> {
  private final Class<E> type;
  private final RecordType recordType;
  private final EntityManagers ems;
  private final Supplier<E> newEntity;
  private final Function<E, S> toSnapshot;
  private final BiConsumer<S, E> copy;
  private final Function<S, UUID> id;
  private final ToLongFunction<S> version;
  private BiFunction<S, Long, S> withVersion;
  /** Rows one write of an entity sends ({@link EntityManagers#writes}): 2 stands for its collection rows too. */
  private int rowsPerWrite = 1;

  VersionedStore(
      Class<E> type,
      RecordType recordType,
      EntityManagers ems,
      Supplier<E> newEntity,
      Function<E, S> toSnapshot,
      BiConsumer<S, E> copy,
      Function<S, UUID> id,
      ToLongFunction<S> version) {
    this.type = type;
    this.recordType = recordType;
    this.ems = ems;
    this.newEntity = newEntity;
    this.toSnapshot = toSnapshot;
    this.copy = copy;
    this.id = id;
    this.version = version;
  }

  /**
   * Leaves updates that change the snapshot to the next flush instead of flushing at once (see the class comment).
   *
   * @param withVersion the snapshot with another version
   * @return this store
   */
  VersionedStore<E, S> deferringUpdates(BiFunction<S, Long, S> withVersion) {
    this.withVersion = Objects.requireNonNull(withVersion, "withVersion");
    return this;
  }

  /**
   * Declares that the entity has collection tables, so that a write of it may send more than one row
   * ({@link EntityManagers#writes}).
   *
   * @return this store
   */
  VersionedStore<E, S> withCollectionRows() {
    this.rowsPerWrite = 2;
    return this;
  }

  EntityManager em() {
    return ems.current();
  }

  /** @return the entity's snapshot, with the version its pending update will store */
  private S snapshotOf(E entity) {
    S snapshot = toSnapshot.apply(entity);
    return entity.updatePending() ? withVersion.apply(snapshot, entity.promisedVersion()) : snapshot;
  }

  /**
   * Sends the pending update of {@code entity} now. Should the provider have written nothing (the snapshot changed
   * but no column did), the promised version is stored by a versioned JPQL update, as for a save that changes
   * nothing.
   */
  private void settle(EntityManager em, E entity, TenantId tenant, UUID key) {
    long promised = entity.promisedVersion();
    em.flush();
    if (entity.getVersion() == promised - 1) {
      forceIncrement(em, entity, tenant, key, promised - 1);
    }
    entity.promiseVersion(0);
  }

  /** @return the tenant of the current unit of work */
  TenantId tenant() {
    return ems.tenant();
  }

  Optional<S> find(UUID key) {
    Objects.requireNonNull(key, "id");
    try {
      return Optional.ofNullable(findEntity(em(), ems.tenant(), key)).map(this::snapshotOf);
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  S save(S snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    UUID key = id.apply(snapshot);
    long expected = version.applyAsLong(snapshot);
    EntityManager em = em();
    TenantId tenant = ems.tenant();
    try {
      if (expected == 0) {
        E entity = newEntity.get();
        entity.tenant(tenant);
        copy.accept(snapshot, entity);
        entity.initialVersion(1);
        ems.writes(type, rowsPerWrite);
        em.persist(entity);
        return toSnapshot.apply(entity);
      }
      E entity = findEntity(em, tenant, key);
      if (entity == null) {
        throw new ConflictException(recordType.label() + " " + key + " was deleted by someone else (you had version "
            + expected + "); reload it before changing it");
      }
      if (entity.updatePending()) {
        settle(em, entity, tenant, key); // this save must increment the version once more
      }
      if (entity.getVersion() != expected) {
        throw ConflictException.staleVersion(recordType, key, expected, entity.getVersion());
      }
      if (withVersion != null) {
        S before = toSnapshot.apply(entity);
        copy.accept(snapshot, entity);
        S after = toSnapshot.apply(entity);
        if (!after.equals(before)) {
          // a column changed, so the provider will write the row with version + 1 at the next flush
          ems.writes(type, rowsPerWrite);
          entity.promiseVersion(expected + 1);
          return withVersion.apply(after, expected + 1);
        }
      } else {
        copy.accept(snapshot, entity);
      }
      // Flush whatever changed, also columns derived from the snapshot (an account's match keys written for a
      // row that predates them) when the snapshot itself did not change; only when nothing was written at all
      // does the version still have to be incremented explicitly.
      ems.writes(type, rowsPerWrite);
      em.flush();
      if (entity.getVersion() == expected) {
        forceIncrement(em, entity, tenant, key, expected);
      }
      if (entity.getVersion() != expected + 1) {
        throw new IllegalStateException("the persistence provider stored version " + entity.getVersion() + " for "
            + recordType.label() + " " + key + " instead of " + (expected + 1)
            + "; crmkit needs a provider that increments @Version by one per update");
      }
      return toSnapshot.apply(entity);
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }

  /**
   * Increments the version of a row whose columns did not change (the provider writes nothing for an unchanged
   * entity). A versioned JPQL update does it in the database, checking the version like any update; a lock mode
   * would increment only once per transaction.
   */
  private void forceIncrement(EntityManager em, E entity, TenantId tenant, UUID key, long expected) {
    String entityName = em.getMetamodel().entity(type).getName();
    int updated = em.createQuery("update " + entityName + " e set e.version = e.version + 1"
            + " where e.tenantId = :tenant and e.id = :id and e.version = :version")
        .setParameter("tenant", tenant.value())
        .setParameter("id", key)
        .setParameter("version", expected)
        .executeUpdate();
    if (updated != 1) {
      throw new ConflictException(recordType.label() + " " + key + " was changed or deleted by someone else (you had"
          + " version " + expected + "); reload it and apply your change again");
    }
    em.refresh(entity);
  }

  /**
   * {@link EntityManager#find}, but a failed read is never taken for a missing row: Hibernate's {@code find}
   * answers null, not an exception, when the database fails while the transaction is marked for rollback (HHH-12472),
   * and a failing read marks it so. A miss is therefore confirmed with a query, which does throw when the connection
   * is broken. Costs one query per miss only.
   *
   * <p>A row of another tenant is answered as missing: ids are global (the primary key), so the one row the key
   * finds is the only one that could belong to {@code tenant}.
   */
  private E findEntity(EntityManager em, TenantId tenant, UUID key) {
    E entity = em.find(type, key);
    if (entity != null) {
      return entity.belongsTo(tenant) ? entity : null;
    }
    String entityName = em.getMetamodel().entity(type).getName();
    long rows = em.createQuery("select count(e) from " + entityName + " e where e.tenantId = :tenant and e.id = :id",
            Long.class)
        .setParameter("tenant", tenant.value())
        .setParameter("id", key)
        .getSingleResult();
    if (rows != 0) {
      throw new StorageException("reading " + recordType.label() + " " + key + " failed although the row exists"
          + " (the persistence provider returned nothing after a database error); nothing of this unit of work"
          + " was written. Retry", null);
    }
    return null;
  }

  void delete(UUID key, long expectedVersion) {
    Objects.requireNonNull(key, "id");
    EntityManager em = em();
    try {
      E entity = findEntity(em, ems.tenant(), key);
      if (entity == null) {
        throw new RecordNotFoundException(recordType, key);
      }
      if (entity.updatePending()) {
        settle(em, entity, ems.tenant(), key);
      }
      if (entity.getVersion() != expectedVersion) {
        throw ConflictException.staleVersion(recordType, key, expectedVersion, entity.getVersion());
      }
      ems.writes(type, rowsPerWrite);
      em.remove(entity);
    } catch (PersistenceException e) {
      throw Errors.translate(e);
    }
  }
}
