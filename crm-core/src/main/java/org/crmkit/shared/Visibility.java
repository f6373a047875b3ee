package org.crmkit.shared;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Which records of one type an actor may see, as a condition on the record's owner that storage adapters apply in
 * the query itself (a SQL {@code WHERE} in crm-jpa, a filter during the scan in crm-inmemory), so that a page of
 * 100 is one query and its total count is right. The tenant is not part of it: every repository call is scoped to
 * the unit of work's tenant anyway.
 *
 * <p>An {@link org.crmkit.access.AccessPolicy} produces it; repository ports that list or search take it.
 */
public sealed interface Visibility {

  /** @return true if a record owned by {@code owner} is visible */
  boolean admits(UserId owner);

  /** Every record of the tenant. */
  static Visibility all() {
    return All.INSTANCE;
  }

  /** No record at all. */
  static Visibility nothing() {
    return new Owners(Set.of());
  }

  /** The records owned by one of {@code owners} (none if empty). */
  static Visibility ownedBy(Collection<UserId> owners) {
    return new Owners(Set.copyOf(owners));
  }

  /** The records owned by {@code owner}. */
  static Visibility ownedBy(UserId owner) {
    return new Owners(Set.of(owner));
  }

  /** Every record of the tenant is visible. */
  enum All implements Visibility {
    INSTANCE;

    @Override
    public boolean admits(UserId owner) {
      return true;
    }

    @Override
    public String toString() {
      return "all records";
    }
  }

  /**
   * The records whose owner is one of {@code owners}; nothing when the set is empty.
   *
   * @param owners the owners whose records are visible; immutable, never null
   */
  record Owners(Set<UserId> owners) implements Visibility {
    public Owners {
      owners = Set.copyOf(Objects.requireNonNull(owners, "owners"));
    }

    @Override
    public boolean admits(UserId owner) {
      return owners.contains(owner);
    }

    /** @return true if no record is visible */
    public boolean isEmpty() {
      return owners.isEmpty();
    }
  }
}
