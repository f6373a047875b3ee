package org.crmkit.account;

import java.time.Instant;
import org.crmkit.customfield.CustomFields;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;

/**
 * The complete state of an {@link Account} as an immutable value.
 *
 * @param id never null
 * @param version the stored version; 0 for an account never saved
 * @param owner never null
 * @param details never null
 * @param segments never null
 * @param customFields never null
 * @param createdAt never null
 * @param updatedAt never null
 */
public record AccountSnapshot(
    AccountId id,
    long version,
    UserId owner,
    AccountDetails details,
    Segments segments,
    CustomFields customFields,
    Instant createdAt,
    Instant updatedAt) {

  public AccountSnapshot withVersion(long newVersion) {
    return new AccountSnapshot(id, newVersion, owner, details, segments, customFields, createdAt, updatedAt);
  }
}
