package org.crmkit.jpa;

/** How the adapter reports failures, on PostgreSQL. */
class PostgresReliabilityIT extends JpaReliabilityScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}
