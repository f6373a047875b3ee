package org.crmkit.application;

/**
 * Settings for the links of an opportunity (the product leaves it to each installation whether they are
 * required).
 *
 * @param accountRequired every opportunity must be linked to an account
 * @param contactRequired every opportunity must be linked to a contact
 * @param contactMustBelongToAccount a linked contact must belong to the linked account
 */
public record OpportunityRules(boolean accountRequired, boolean contactRequired, boolean contactMustBelongToAccount) {

  /** Nothing required; a linked contact must belong to the linked account. */
  public static OpportunityRules defaults() {
    return new OpportunityRules(false, false, true);
  }
}
