package org.crmkit.access;

import java.util.Set;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;

/**
 * Port the host implements for {@link OwnerAccessPolicy}: who manages whom, and who administers a tenant. crmkit
 * does not manage users; it asks this on every call, so answer from memory or a cache.
 */
public interface TeamDirectory {

  /**
   * @return the users whose records {@code manager} sees besides their own (their team, transitively if the host
   *     wants); empty for a user who manages nobody; never null
   */
  Set<UserId> teamOf(TenantId tenant, UserId manager);

  /** @return true if {@code user} sees and changes every record of {@code tenant} */
  boolean isAdministrator(TenantId tenant, UserId user);
}
