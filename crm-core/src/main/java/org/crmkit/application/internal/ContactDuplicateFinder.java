package org.crmkit.application.internal;

import static org.crmkit.application.internal.RecordFields.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.application.internal.ConversionPlan.Draft;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactDetails;
import org.crmkit.contact.ContactQuery;
import org.crmkit.conversion.ConversionAction;
import org.crmkit.conversion.ConversionProblem.Reason;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Visibility;

/**
 * Contacts for conversion: a contact with the lead's e-mail address is an exact match (case-insensitive). Only
 * when there is none, the contacts of the linked existing account whose names are alike (accents, case,
 * punctuation folded; {@value #NAME_THRESHOLD} or more similar) are offered as candidates, never linked on their
 * own.
 */
final class ContactDuplicateFinder extends DuplicateFinder<Contact, ContactId> {
  static final double NAME_THRESHOLD = 0.8;

  ContactDuplicateFinder(Context ctx) {
    super(ctx, ConversionTarget.CONTACT, ctx.writers().contacts(), ContactId::of, "lastName",
        r -> RecordFields.contact(r.snapshot()), (draft, r) -> draft.contact = r);
  }

  @Override
  List<Match<Contact>> candidates(ConversionPlan p, Map<String, CustomValue> values) {
    Visibility visible = ctx.visibility(p.actor, RecordType.CONTACT);
    EmailAddress email = parseEmail(text(values, "email"));
    p.contactEmail = email;
    if (email != null) {
      List<Contact> found = ctx.storage().contacts()
          .find(ContactQuery.all().withEmail(email), visible, PageRequest.first(MAX_CANDIDATES)).items();
      if (!found.isEmpty()) {
        String leadName = AccountMatchKey.foldName(fullName(values));
        return found.stream()
            .map(c -> new Match<>(c, new DuplicateCandidate(ConversionTarget.CONTACT, c.id(),
                c.details().displayName(), List.of("EMAIL"), nameSimilarity(leadName, c)), true))
            .sorted(RANKING)
            .toList();
      }
    }
    Draft account = p.draft(ConversionTarget.ACCOUNT);
    if (account.disposition != Disposition.LINKED) {
      return List.of(); // no existing account whose contacts could be alike: the lead's name is not needed
    }
    String leadName = AccountMatchKey.foldName(fullName(values));
    if (leadName.isEmpty()) {
      return List.of();
    }
    List<Match<Contact>> alike = new ArrayList<>();
    AccountId accountId = account.account.id();
    Page<Contact> page;
    int pageNo = 0;
    do {
      page = ctx.storage().contacts().find(ContactQuery.all().withAccount(accountId), visible,
          PageRequest.of(pageNo++, PageRequest.MAX_SIZE));
      for (Contact c : page.items()) {
        double similarity = nameSimilarity(leadName, c);
        if (similarity >= NAME_THRESHOLD) {
          alike.add(new Match<>(c, new DuplicateCandidate(ConversionTarget.CONTACT, c.id(),
              c.details().displayName(), List.of("NAME"), similarity), false));
        }
      }
    } while (page.hasNext());
    return alike.stream().sorted(RANKING).limit(MAX_CANDIDATES).toList();
  }

  @Override
  ContactDetails check(Map<String, CustomValue> values) {
    ContactDetails details = RecordFields.toContactDetails(values);
    ctx.customFields().validate(RecordType.CONTACT, RecordFields.toCustomFields(values));
    return details;
  }

  @Override
  void checkLink(ConversionPlan p, Draft d, Contact c) {
    Draft account = p.draft(ConversionTarget.ACCOUNT);
    if (account.disposition == Disposition.NONE) {
      return;
    }
    Optional<AccountId> own = c.accountId();
    if (own.isEmpty()) {
      d.moveContactToAccount = true;
    } else if (contactMustBelong(p)
        && (account.disposition == Disposition.CREATED || !own.get().equals(account.account.id()))) {
      // the contact's own account is named only if the actor may see it
      String other = ctx.access().findAccount(p.actor, own.get()).isPresent() ? "account " + own.get()
          : "another account";
      p.problem(Reason.CONTACT_NOT_IN_ACCOUNT, "contact", "contact " + c.id() + " (" + c.details().displayName()
          + ") belongs to " + other + ", not to the conversion's account; link that account, or choose"
          + " another contact");
    }
  }

  private boolean contactMustBelong(ConversionPlan p) {
    return p.policy.contactMustBelongToAccount()
        || (p.draft(ConversionTarget.OPPORTUNITY).action == ConversionAction.CREATE
            && ctx.opportunityRules().contactMustBelongToAccount());
  }

  /** @param lead the lead's name, already {@linkplain AccountMatchKey#foldName folded} */
  private static double nameSimilarity(String lead, Contact c) {
    String other = AccountMatchKey.foldName(c.details().firstName() == null ? c.details().lastName()
        : c.details().firstName() + " " + c.details().lastName());
    return lead.isEmpty() || other.isEmpty() ? 0 : AccountMatchKey.similarity(lead, other);
  }

  private static String fullName(Map<String, CustomValue> values) {
    String first = text(values, "firstName");
    String last = text(values, "lastName");
    return (first == null ? "" : first) + " " + (last == null ? "" : last);
  }

  static EmailAddress parseEmail(String text) {
    try {
      return text == null ? null : EmailAddress.of(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
