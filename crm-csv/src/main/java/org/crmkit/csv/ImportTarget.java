package org.crmkit.csv;

import java.util.Set;

/** The record type a CSV import creates or updates, and the target fields a mapping may fill for it. */
public enum ImportTarget {
  /** Leads: {@code firstName lastName company title email phone website leadSource industry status description}. */
  LEADS(Set.of("firstName", "lastName", "company", "title", "email", "phone", "website", "leadSource", "industry",
      "status", "description", "owner")),
  /** Accounts: {@code name website industry phone email city country description}, {@code segment.KEY}. */
  ACCOUNTS(Set.of("name", "website", "industry", "phone", "email", "city", "country", "description", "owner")),
  /** Contacts, linked to an account by {@code account} (its name) or {@code account.externalId}. */
  CONTACTS(Set.of("firstName", "lastName", "email", "phone", "title", "description", "owner", "account",
      "account.externalId")),
  /**
   * Opportunities: {@code name amount currency probability stage closeDate leadSource nextStep description},
   * {@code segment.KEY}, and the account link by {@code account} (name) or {@code account.externalId}.
   */
  OPPORTUNITIES(Set.of("name", "amount", "currency", "probability", "stage", "closeDate", "leadSource", "nextStep",
      "description", "owner", "account", "account.externalId"));

  private final Set<String> fields;

  ImportTarget(Set<String> fields) {
    this.fields = fields;
  }

  /** Whether {@code field} is a target field of this record type ({@code custom.KEY} always is). */
  public boolean accepts(String field) {
    if (field.startsWith("custom.") && field.length() > 7) {
      return true;
    }
    if (field.startsWith("segment.") && field.length() > 8) {
      return this == ACCOUNTS || this == OPPORTUNITIES;
    }
    return fields.contains(field);
  }

  /** @return the plain target fields (without the {@code custom.} and {@code segment.} families), sorted */
  public String describe() {
    return String.join(", ", new java.util.TreeSet<>(fields))
        + ", custom.KEY" + (this == ACCOUNTS || this == OPPORTUNITIES ? ", segment.KEY" : "");
  }
}
