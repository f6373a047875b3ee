package org.crmkit.testkit;

import java.util.function.Consumer;
import org.crmkit.Crm;
import org.crmkit.access.AccessPolicy;
import org.crmkit.shared.Actor;

/**
 * What every contract interface can use: a {@link Crm} over the adapter under test (wrapped in a
 * {@link FaultyStorage}), the clock that drives it, and actors. {@link CrmContractFixture} implements it.
 */
public interface ContractSupport {

  /** Alice, a seller: the default actor of the contract tests. */
  Actor ALICE = Actor.user("alice");

  /** Bob, another seller. */
  Actor BOB = Actor.user("bob");

  /** @return the Crm under test, with default configuration */
  Crm crm();

  /** @return a new Crm over the same storage and clock, configured further by {@code config} */
  Crm crm(Consumer<Crm.Builder> config);

  /**
   * @param policy who may see and change what
   * @return a new Crm over the same storage and clock with {@code policy} as its access policy (the suite's records
   *     are created through {@link #crm()}, which permits everything, and read back through this one)
   */
  default Crm crmWith(AccessPolicy policy) {
    return crm(b -> b.accessPolicy(policy));
  }

  /** @return the clock of every Crm of this test; starts at 2026-03-02T09:00:00Z */
  MutableClock clock();

  /** @return the storage under test, wrapped for fault injection */
  FaultyStorage storage();

  /**
   * Whether the storage keeps links valid when a parent is deleted while a child is linked to it concurrently (as
   * PostgreSQL's foreign keys and the in-memory storage do). Override to return false only for a storage known not
   * to (H2 checks a foreign key against committed rows only, so two such commits can both pass); the race tests of
   * {@link RaceContract} are then skipped, and the gap must be documented.
   *
   * @return true unless the storage is known to let such races through
   */
  default boolean checksLinksUnderConcurrency() {
    return true;
  }
}
