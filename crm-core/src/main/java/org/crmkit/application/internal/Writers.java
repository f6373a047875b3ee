package org.crmkit.application.internal;

/**
 * The write paths of the four record types, one each (see {@link RecordWriter}). Every use case, workflow action,
 * conversion and undo writes leads, accounts, contacts and opportunities through these. Immutable and thread-safe.
 */
final class Writers {
  private final LeadWriter leads;
  private final AccountWriter accounts;
  private final ContactWriter contacts;
  private final OpportunityWriter opportunities;

  Writers(Context ctx) {
    this.leads = new LeadWriter(ctx);
    this.accounts = new AccountWriter(ctx);
    this.contacts = new ContactWriter(ctx);
    this.opportunities = new OpportunityWriter(ctx);
  }

  LeadWriter leads() {
    return leads;
  }

  AccountWriter accounts() {
    return accounts;
  }

  ContactWriter contacts() {
    return contacts;
  }

  OpportunityWriter opportunities() {
    return opportunities;
  }
}
