package org.crmkit.jpa.internal;

import org.crmkit.account.AccountDetails;
import org.crmkit.account.AccountMatchKey;

/**
 * The stored form of an account's {@link AccountMatchKey}: the columns {@code name_normalized} (the key's
 * {@linkplain AccountMatchKey#compactName() compact name}, so that one indexed look-up finds same and similar names)
 * and {@code match_domain} of {@code crm_account}, and {@code match_key_version}, the normalisation they were
 * computed with (2 since the compact name; rows of version 1 are recomputed by {@link AccountMatchBackfill}). Values longer than their column are cut (never splitting a surrogate pair); look-ups cut the key the same
 * way and then compare the full keys in Java, so a cut value can widen a query but never change its answer.
 */
final class AccountMatchColumns {
  /** The normalisation the stored keys follow; NULL in {@code match_key_version} means "not computed yet". */
  static final int KEY_VERSION = 2;
  static final int NAME_LENGTH = 400;
  static final int DOMAIN_LENGTH = 255;

  private AccountMatchColumns() {}

  /** Sets the match columns of {@code e} from the account's details. */
  static void fill(AccountDetails details, AccountEntity e) {
    AccountMatchKey key = AccountMatchKey.of(details);
    e.nameNormalized = name(key);
    e.matchDomain = domain(key);
    e.matchKeyVersion = KEY_VERSION;
  }

  /** @return the key's compact name as stored, or null */
  static String name(AccountMatchKey key) {
    return fit(key.compactName(), NAME_LENGTH);
  }

  /** @return the key's domain as stored, or null */
  static String domain(AccountMatchKey key) {
    return fit(key.domain(), DOMAIN_LENGTH);
  }

  /** @return true when the stored form of the key is exact (nothing was cut) */
  static boolean exact(AccountMatchKey key) {
    return (key.compactName() == null || key.compactName().length() <= NAME_LENGTH)
        && (key.domain() == null || key.domain().length() <= DOMAIN_LENGTH);
  }

  static String fit(String value, int length) {
    if (value == null || value.length() <= length) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(length - 1)) ? length - 1 : length;
    return value.substring(0, end);
  }
}
