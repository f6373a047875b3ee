package org.crmkit.jpa;

/** Tenants and visibility in SQL, on a real PostgreSQL server. */
class PostgresTenantIT extends JpaTenantScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.postgres();
  }
}
