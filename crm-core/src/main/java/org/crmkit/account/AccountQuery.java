package org.crmkit.account;

import org.crmkit.shared.UserId;

/**
 * Filters for listing accounts; a null filter matches all. Results are ordered by creation time, then id.
 *
 * @param owner only accounts of this owner
 * @param nameContains only accounts whose name contains this text, ignoring case
 */
public record AccountQuery(UserId owner, String nameContains) {
  public static AccountQuery all() {
    return new AccountQuery(null, null);
  }

  public AccountQuery withOwner(UserId value) {
    return new AccountQuery(value, nameContains);
  }

  public AccountQuery withNameContaining(String value) {
    return new AccountQuery(owner, value);
  }
}
