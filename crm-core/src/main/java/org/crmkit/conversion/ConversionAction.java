package org.crmkit.conversion;

/** What a conversion does for one {@link ConversionTarget}. */
public enum ConversionAction {
  /** Create a new record from the mapped values (after a duplicate check). */
  CREATE,
  /** Link an existing record given by id; mapped values fill only its empty fields (see the policy's overwrite). */
  LINK,
  /**
   * Link the one existing record that matches (accounts: normalised company name, not contradicted by a different
   * e-mail or website domain; contacts: e-mail address), create one when none matches, and refuse with the
   * candidates when several could match. Never for opportunities.
   */
  MATCH_OR_CREATE,
  /** Neither create nor link this target. */
  NONE
}
