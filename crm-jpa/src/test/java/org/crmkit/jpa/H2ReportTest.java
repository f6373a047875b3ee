package org.crmkit.jpa;

/** The JPA report scenarios on H2. */
class H2ReportTest extends JpaReportScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}
