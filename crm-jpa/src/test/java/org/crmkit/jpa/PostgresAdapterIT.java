package org.crmkit.jpa;

/** The adapter's own scenarios on a real PostgreSQL server: rollback, optimistic locking, no N+1, validation. */
class PostgresAdapterIT extends JpaAdapterScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}
