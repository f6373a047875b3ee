package org.crmkit.contact;

import org.crmkit.shared.AccountId;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.UserId;

/**
 * Filters for listing contacts; a null filter matches all. Results are ordered by creation time, then id.
 *
 * @param owner only contacts of this owner
 * @param accountId only contacts of this account
 * @param email only contacts with this e-mail address (case-insensitive)
 */
public record ContactQuery(UserId owner, AccountId accountId, EmailAddress email) {
  public static ContactQuery all() {
    return new ContactQuery(null, null, null);
  }

  public ContactQuery withOwner(UserId value) {
    return new ContactQuery(value, accountId, email);
  }

  public ContactQuery withAccount(AccountId value) {
    return new ContactQuery(owner, value, email);
  }

  public ContactQuery withEmail(EmailAddress value) {
    return new ContactQuery(owner, accountId, value);
  }
}
