package org.crmkit.jpa.internal;

import org.crmkit.shared.TenantId;

/** The rule both units of work share for nested calls: they join only a unit of work of the same tenant. */
final class Tenants {
  private Tenants() {}

  /**
   * @throws IllegalStateException when {@code nested} differs from the tenant of the running unit of work
   */
  static void requireSame(TenantId running, TenantId nested) {
    if (!running.equals(nested)) {
      throw new IllegalStateException("a unit of work of tenant '" + nested + "' was started inside a unit of work"
          + " of tenant '" + running + "'; one unit of work serves one tenant. Run the work for '" + nested
          + "' after the current one has finished, not inside it");
    }
  }
}
