package org.crmkit.inmemory.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.TenantId;

/**
 * One tenant's tables, logs and foreign keys: what a database schema holds, once per tenant. The database creates
 * a tenant's schema the first time a unit of work of that tenant touches storage, and hands it to the layout that
 * registers the tables; afterwards nothing is registered. A unit of work reads and writes only the schema of its
 * tenant, and its commit checks and applies that schema only, so no row, index entry, match-key claim or link of
 * one tenant is ever seen by another.
 */
public final class Schema {
  private final InMemoryDatabase<?> db;
  private final TenantId tenant;
  final List<Table<?, ?>> tables = new ArrayList<>();
  final List<AppendOnlyLog<?>> logs = new ArrayList<>();
  final List<ForeignKey<?, ?, ?, ?>> foreignKeys = new ArrayList<>();
  /** Stores with their own layout that take part in every commit (daily snapshots). */
  final List<CommitParticipant> participants = new ArrayList<>();

  Schema(InMemoryDatabase<?> db, TenantId tenant) {
    this.db = db;
    this.tenant = tenant;
  }

  /** @return the tenant whose records this schema holds */
  public TenantId tenant() {
    return tenant;
  }

  /** Registers a table. */
  public <K, S> Table<K, S> table(
      RecordType type,
      Function<S, K> key,
      Function<S, Long> version,
      Table.VersionSetter<S> withVersion,
      Comparator<S> order) {
    Table<K, S> t = new Table<>(db, this, type, key, version, withVersion, order);
    tables.add(t);
    return t;
  }

  /** Registers an append-only log of rows grouped by {@code groupKey}, unique by {@code sequence} in a group. */
  public <E> AppendOnlyLog<E> log(Function<E, Object> groupKey, ToLongFunction<E> sequence) {
    AppendOnlyLog<E> l = new AppendOnlyLog<>(db, this, groupKey, sequence, new CommittedMap<>(db.stamp()));
    logs.add(l);
    return l;
  }

  /**
   * Registers an append-only log whose group key is a key of {@code beside} (an opportunity's stage history, grouped
   * by the opportunity's id): its committed groups are kept in the table's map of committed rows, beside the row of
   * the same key, so that a commit that writes a new row and its first entry looks up one slot, not one in each of
   * two large maps. A group outlives its row (history stays when the row is deleted), and may exist without one.
   * Register it before the table holds rows (in the layout).
   *
   * @param beside a table of this schema whose key type is {@code groupKey}'s
   */
  public <E, K> AppendOnlyLog<E> log(Function<E, K> groupKey, ToLongFunction<E> sequence, Table<K, ?> beside) {
    if (beside.schema() != this) {
      throw new IllegalArgumentException("a log is kept beside a table of its own schema (tenant)");
    }
    AppendOnlyLog<E> l = new AppendOnlyLog<>(db, this, groupKey::apply, sequence, beside.committedMap());
    logs.add(l);
    return l;
  }

  /** Registers the tenant's store of daily pipeline snapshots, checked and applied at commit. */
  public SnapshotTable snapshotTable() {
    SnapshotTable t = new SnapshotTable(db, this);
    participants.add(t);
    return t;
  }

  /**
   * Registers a foreign key: {@code link} of a child row names a parent row that must exist when the child is
   * committed, and a parent cannot be deleted while a committed child names it. Both tables belong to this schema:
   * a link never reaches another tenant's rows.
   *
   * @param childIndex the index on {@code link} (the reverse look-up); null when the child's key is the parent's
   */
  public <CK, CS, PK, PS> void foreignKey(
      Table<CK, CS> child, Function<CS, PK> link, Table.Index<CK, CS> childIndex, Table<PK, PS> parent) {
    if (child.schema() != this || parent.schema() != this) {
      throw new IllegalArgumentException("a foreign key links two tables of one schema (one tenant)");
    }
    foreignKeys.add(new ForeignKey<>(child, link, childIndex, parent));
  }
}
