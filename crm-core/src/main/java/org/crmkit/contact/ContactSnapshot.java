package org.crmkit.contact;

import java.time.Instant;
import org.crmkit.customfield.CustomFields;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.UserId;

/**
 * The complete state of a {@link Contact} as an immutable value.
 *
 * @param id never null
 * @param version the stored version; 0 for a contact never saved
 * @param owner never null
 * @param accountId the account the person belongs to, or null
 * @param details never null
 * @param customFields never null
 * @param createdAt never null
 * @param updatedAt never null
 */
public record ContactSnapshot(
    ContactId id,
    long version,
    UserId owner,
    AccountId accountId,
    ContactDetails details,
    CustomFields customFields,
    Instant createdAt,
    Instant updatedAt) {

  public ContactSnapshot withVersion(long newVersion) {
    return new ContactSnapshot(id, newVersion, owner, accountId, details, customFields, createdAt, updatedAt);
  }
}
