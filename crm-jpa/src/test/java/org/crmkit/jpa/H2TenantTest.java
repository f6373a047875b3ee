package org.crmkit.jpa;

/** Tenants and visibility in SQL, on H2. */
class H2TenantTest extends JpaTenantScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}
