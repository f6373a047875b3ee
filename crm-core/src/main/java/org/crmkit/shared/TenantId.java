package org.crmkit.shared;

import java.util.Objects;

/**
 * The organisation a record belongs to, when one crmkit storage serves several (a multi-tenant host). Every record
 * belongs to exactly one tenant, the tenant of the {@link Actor} that created it, and every read and write of a use
 * case sees only the acting tenant's records. A host with one organisation never names a tenant: everything then
 * lives in {@link #DEFAULT}.
 *
 * @param value the host's id of the tenant, not blank, at most {@link Limits#TENANT_ID} characters of one-line text
 */
public record TenantId(String value) {
  /** The tenant of a single-tenant host, and of every record stored before tenants existed: {@code "default"}. */
  public static final TenantId DEFAULT = new TenantId("default");

  public TenantId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank() || value.length() > Limits.TENANT_ID) {
      throw new IllegalArgumentException("a tenant id must be 1 to " + Limits.TENANT_ID + " characters, was '"
          + (value.length() > Limits.TENANT_ID ? value.substring(0, Limits.TENANT_ID) + "..." : value) + "'");
    }
    String problem = Text.invalidCharacter(value, false);
    if (problem != null) {
      throw new IllegalArgumentException("a tenant id must be valid one-line text: it " + problem);
    }
  }

  /** @return the tenant with this id */
  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
