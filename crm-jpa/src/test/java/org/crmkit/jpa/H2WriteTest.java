package org.crmkit.jpa;

/** The write path's round trips on H2. */
class H2WriteTest extends JpaWriteScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}
