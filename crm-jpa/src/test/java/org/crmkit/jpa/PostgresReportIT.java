package org.crmkit.jpa;

/** The JPA report scenarios on a real PostgreSQL server. */
class PostgresReportIT extends JpaReportScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}
