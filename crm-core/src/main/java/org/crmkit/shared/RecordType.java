package org.crmkit.shared;

/** The kinds of records crmkit manages. */
public enum RecordType {
  LEAD("Lead"),
  ACCOUNT("Account"),
  CONTACT("Contact"),
  OPPORTUNITY("Opportunity"),
  /** The billing forecast of an opportunity (keyed by the opportunity's id). */
  BILLING_FORECAST("Billing forecast"),
  /** The budget of an account (keyed by the account's id). */
  ACCOUNT_BUDGET("Account budget"),
  /** The audit record of one lead conversion (not a customer record: no custom fields, no workflows). */
  CONVERSION_RECORD("Conversion record");

  private final String label;

  RecordType(String label) {
    this.label = label;
  }

  /** @return the human-readable name used in messages */
  public String label() {
    return label;
  }
}
