package org.crmkit;

import org.crmkit.lead.ArchitectureViolationFixture;

/**
 * Test-only: a class of the root package that a domain class depends on and that depends back on it, so
 * {@code ArchitectureRulesCatchViolationsTest} can prove the cycle rule sees the root package. Never copy it.
 */
public class RootPackageFixture {
  private ArchitectureViolationFixture domain;

  @Override
  public String toString() {
    return String.valueOf(domain);
  }
}
