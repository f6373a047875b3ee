package org.crmkit.jpa;

/** The write path's round trips on a real PostgreSQL server. */
class PostgresWriteIT extends JpaWriteScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}
