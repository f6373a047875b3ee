package org.crmkit.jpa;

/** The JPA snapshot scenarios on H2. */
class H2SnapshotTest extends JpaSnapshotScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}
