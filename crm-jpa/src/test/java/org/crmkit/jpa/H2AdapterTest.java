package org.crmkit.jpa;

/** The adapter's own scenarios on H2. */
class H2AdapterTest extends JpaAdapterScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}
