package org.crmkit.jpa;

/** How the adapter reports failures, on H2. */
class H2ReliabilityTest extends JpaReliabilityScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}
