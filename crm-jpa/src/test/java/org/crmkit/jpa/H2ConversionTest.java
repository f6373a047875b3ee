package org.crmkit.jpa;

/** What lead conversion sends, on H2. */
class H2ConversionTest extends JpaConversionScenarios {
  @Override
  TestDatabase database() {
    return TestDatabase.h2();
  }
}
