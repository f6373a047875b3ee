package org.crmkit.lead;

import java.sql.Connection;
import java.time.Instant;
import org.crmkit.account.Account;
import org.crmkit.application.LeadService;
import org.crmkit.application.internal.DefaultCrm;

/**
 * A deliberately bad class, in a domain package but only in test sources, that breaks every architecture rule.
 * {@code ArchitectureRulesCatchViolationsTest} uses it to prove the rules fail when broken. Never copy it.
 */
public class ArchitectureViolationFixture {
  private String status;
  private Account account;
  private LeadService service;
  private Connection connection;
  private DefaultCrm internals;
  private org.crmkit.RootPackageFixture root;

  /** A public setter. */
  public void setStatus(String status) {
    this.status = status;
  }

  /** Ambient time. */
  public Instant stamp() {
    return Instant.now();
  }

  @Override
  public String toString() {
    return status + account + service + connection + internals + root;
  }

  /** An exception outside the CrmException hierarchy. */
  public static class RawFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** A "repository" that is a class. */
  public static class LeakyRepository {}
}
