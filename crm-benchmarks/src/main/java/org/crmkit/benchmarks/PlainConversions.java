package org.crmkit.benchmarks;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The honest hand-written baseline: a lead conversion on concurrent maps, with the checks and writes crmkit's
 * default conversion makes and nothing more. The lead must exist and not be converted; the account is looked up by
 * normalised name and by e-mail domain through maps (and created, claiming its name, when there is none); the
 * contact by e-mail through a map (likewise); then the opportunity and its history row are written, the lead is
 * replaced by its converted copy (only if nobody converted it meanwhile) and a conversion record is stored.
 */
final class PlainConversions {
  record Lead(UUID id, long version, String firstName, String lastName, String company, String email, String owner,
      String status, UUID accountId, UUID contactId, UUID opportunityId, long convertedAt) {}

  record Account(UUID id, long version, String name, String normalizedName, String domain, String owner,
      long createdAt) {}

  record Contact(UUID id, long version, UUID accountId, String firstName, String lastName, String email,
      String owner, long createdAt) {}

  record Opportunity(UUID id, long version, UUID accountId, UUID contactId, String name, String stage,
      String owner, UUID sourceLead, long createdAt) {}

  record History(UUID opportunityId, long version, String stage, long at, String by) {}

  record Conversion(UUID id, UUID leadId, Lead before, UUID accountId, UUID contactId, UUID opportunityId,
      String by, long at) {}

  private static final Set<String> LEGAL_FORMS = Set.of("inc", "ltd", "llc", "corp", "co", "gmbh", "ag", "oy",
      "oyj", "ab", "sa", "bv");

  final ConcurrentHashMap<UUID, Lead> leads = new ConcurrentHashMap<>();
  final ConcurrentHashMap<UUID, Account> accounts = new ConcurrentHashMap<>();
  final ConcurrentHashMap<String, UUID> accountByName = new ConcurrentHashMap<>();
  final ConcurrentHashMap<String, UUID> accountByDomain = new ConcurrentHashMap<>();
  final ConcurrentHashMap<UUID, Contact> contacts = new ConcurrentHashMap<>();
  final ConcurrentHashMap<String, UUID> contactByEmail = new ConcurrentHashMap<>();
  final ConcurrentHashMap<UUID, Opportunity> opportunities = new ConcurrentHashMap<>();
  final ConcurrentHashMap<UUID, History> history = new ConcurrentHashMap<>();
  final ConcurrentHashMap<UUID, Conversion> conversions = new ConcurrentHashMap<>();
  final ConcurrentHashMap<UUID, UUID> conversionByLead = new ConcurrentHashMap<>();

  UUID createLead(String firstName, String lastName, String company, String email, String owner) {
    UUID id = UUID.randomUUID();
    leads.put(id, new Lead(id, 1, firstName, lastName, company, email.toLowerCase(Locale.ROOT), owner, "NEW",
        null, null, null, 0));
    return id;
  }

  void convert(UUID leadId, String by) {
    Lead lead = leads.get(leadId);
    if (lead == null) {
      throw new IllegalArgumentException("no lead " + leadId);
    }
    if (lead.accountId() != null) {
      throw new IllegalStateException("lead " + leadId + " is already converted");
    }
    long now = System.currentTimeMillis();
    String name = normalize(lead.company());
    String domain = lead.email().substring(lead.email().indexOf('@') + 1);
    UUID accountId = accountByName.get(name);
    if (accountId == null) {
      accountId = accountByDomain.get(domain);
    }
    if (accountId == null) {
      UUID created = UUID.randomUUID();
      UUID raced = accountByName.putIfAbsent(name, created);
      if (raced != null) {
        accountId = raced;
      } else {
        accounts.put(created, new Account(created, 1, lead.company(), name, domain, lead.owner(), now));
        accountByDomain.putIfAbsent(domain, created);
        accountId = created;
      }
    }
    UUID contactId = contactByEmail.get(lead.email());
    if (contactId == null) {
      UUID created = UUID.randomUUID();
      UUID raced = contactByEmail.putIfAbsent(lead.email(), created);
      if (raced != null) {
        contactId = raced;
      } else {
        contacts.put(created, new Contact(created, 1, accountId, lead.firstName(), lead.lastName(), lead.email(),
            lead.owner(), now));
        contactId = created;
      }
    }
    UUID opportunityId = UUID.randomUUID();
    opportunities.put(opportunityId, new Opportunity(opportunityId, 1, accountId, contactId, lead.company(),
        "prospecting", lead.owner(), leadId, now));
    history.put(opportunityId, new History(opportunityId, 1, "prospecting", now, by));
    Lead converted = new Lead(leadId, lead.version() + 1, lead.firstName(), lead.lastName(), lead.company(),
        lead.email(), lead.owner(), "CONVERTED", accountId, contactId, opportunityId, now);
    if (!leads.replace(leadId, lead, converted)) {
      throw new IllegalStateException("lead " + leadId + " changed while it was converted");
    }
    UUID conversionId = UUID.randomUUID();
    conversions.put(conversionId, new Conversion(conversionId, leadId, lead, accountId, contactId, opportunityId, by,
        now));
    conversionByLead.put(leadId, conversionId);
  }

  /** Lower case, letters and digits only, legal forms dropped, no spaces; by hand, without regular expressions. */
  static String normalize(String company) {
    StringBuilder out = new StringBuilder(company.length());
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= company.length(); i++) {
      char ch = i < company.length() ? company.charAt(i) : ' ';
      if (Character.isLetterOrDigit(ch)) {
        word.append(Character.toLowerCase(ch));
      } else if (word.length() > 0) {
        String w = word.toString();
        if (!LEGAL_FORMS.contains(w) && !w.equals("and")) {
          out.append(w);
        }
        word.setLength(0);
      }
    }
    return out.toString();
  }
}
