package org.crmkit.application.internal;

import static org.crmkit.application.internal.RecordFields.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.access.Operation;
import org.crmkit.account.Account;
import org.crmkit.account.AccountDetails;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.internal.ConversionPlan.Draft;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactDetails;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.FieldFill;
import org.crmkit.conversion.LeadConverted;
import org.crmkit.conversion.TargetResult;
import org.crmkit.customfield.CustomValue;
import org.crmkit.lead.LeadConversionInfo;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.pipeline.LeadStatus;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.RecordId;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;

/**
 * Writes a plan without problems: account, contact, opportunity, the converted lead and the conversion record, in
 * the caller's unit of work. Runs only after planning found nothing to refuse, so it never leaves partial writes
 * behind a business refusal. Stateless and thread-safe.
 */
final class ConversionExecutor {
  private final Context ctx;
  private final DefaultOpportunityService opportunities;

  ConversionExecutor(Context ctx, DefaultOpportunityService opportunities) {
    this.ctx = ctx;
    this.opportunities = opportunities;
  }

  ConversionRecord execute(Actor actor, ConversionPlan p, String ruleId) {
    Instant now = ctx.now();
    UserId owner = p.lead.owner();
    Draft a = p.draft(ConversionTarget.ACCOUNT);
    Draft c = p.draft(ConversionTarget.CONTACT);
    Draft o = p.draft(ConversionTarget.OPPORTUNITY);

    AccountId accountId = null;
    // the versions the record says the targets have; read again at the end only when workflow rules may have
    // written them since
    long accountVersion = 0;
    if (a.disposition == Disposition.CREATED) {
      AccountDetails details = a.details instanceof AccountDetails planned ? planned
          : RecordFields.toAccountDetails(a.values);
      Account created = Account.create(AccountId.of(ctx.ids().nextId()), owner, details, Segments.none(),
          RecordFields.toCustomFields(a.values), now);
      Account saved = ctx.writers().accounts().createWithNewId(actor, created, ChangeOrigin.LEAD_CONVERSION);
      accountId = saved.id();
      accountVersion = saved.version();
    } else if (a.disposition == Disposition.LINKED) {
      accountId = a.account.id();
      accountVersion = a.account.version();
      if (!a.values.isEmpty()) {
        // a linked record was checked visible while planning; the fill is part of the conversion (CONVERT)
        accountVersion = ctx.writers().accounts().changeWithin(actor, accountId, a.account.version(),
            ChangeOrigin.LEAD_CONVERSION, account -> {
              Map<String, CustomValue> merged = ConversionMapping.merge(RecordFields.account(account.snapshot()),
                  a.values);
              account.edit(RecordFields.toAccountDetails(merged), account.segments(),
                  RecordFields.toCustomFields(merged), now);
            }).version();
      }
    }

    ContactId contactId = null;
    long contactVersion = 0;
    if (c.disposition == Disposition.CREATED) {
      ContactDetails details = c.details instanceof ContactDetails planned ? planned
          : RecordFields.toContactDetails(c.values);
      Contact created = Contact.create(ContactId.of(ctx.ids().nextId()), owner, accountId, details,
          RecordFields.toCustomFields(c.values), now);
      Contact saved = ctx.writers().contacts().createWithNewId(actor, created, ChangeOrigin.LEAD_CONVERSION);
      contactId = saved.id();
      contactVersion = saved.version();
    } else if (c.disposition == Disposition.LINKED) {
      contactId = c.contact.id();
      contactVersion = c.contact.version();
      AccountId into = accountId;
      if (!c.values.isEmpty() || c.moveContactToAccount) {
        contactVersion = ctx.writers().contacts().changeWithin(actor, contactId, c.contact.version(), ChangeOrigin.LEAD_CONVERSION,
            contact -> {
              if (!c.values.isEmpty()) {
                Map<String, CustomValue> merged = ConversionMapping.merge(RecordFields.contact(contact.snapshot()),
                    c.values);
                contact.edit(RecordFields.toContactDetails(merged), RecordFields.toCustomFields(merged), now);
              }
              if (c.moveContactToAccount) {
                contact.moveToAccount(into, now);
              }
            }).version();
      }
    }

    OpportunityId opportunityId = null;
    long opportunityVersion = 0;
    if (o.disposition == Disposition.CREATED) {
      Map<String, CustomValue> v = o.values;
      CreateOpportunity command = new CreateOpportunity(owner, text(v, "name"), accountId, contactId,
          v.get("amount") instanceof CustomValue.MoneyValue m ? m.value() : null, null, text(v, "stage"),
          v.get("closeDate") instanceof CustomValue.DateValue dv ? dv.value() : null, text(v, "leadSource"),
          text(v, "nextStep"), text(v, "description"), null, RecordFields.toCustomFields(v).values());
      Opportunity saved = opportunities.create(actor, command, ChangeOrigin.LEAD_CONVERSION, p.lead.id());
      opportunityId = saved.id();
      opportunityVersion = saved.version();
    }

    markConverted(actor, p, new LeadConversionInfo(accountId, contactId, opportunityId, now, actor.userId()));

    if (ctx.listening()) {
      // workflow rules ran on every write above and may have changed the records since: their versions as stored
      accountVersion = accountId == null ? 0
          : ctx.storage().accounts().findById(accountId).map(Account::version).orElse(0L);
      contactVersion = contactId == null ? 0
          : ctx.storage().contacts().findById(contactId).map(Contact::version).orElse(0L);
      opportunityVersion = opportunityId == null ? 0
          : ctx.storage().opportunities().findById(opportunityId).map(Opportunity::version).orElse(0L);
    }
    Map<ConversionTarget, TargetResult> results = new EnumMap<>(ConversionTarget.class);
    results.put(ConversionTarget.ACCOUNT, result(a, accountId, accountVersion));
    TargetResult contactResult = result(c, contactId, contactVersion);
    if (c.moveContactToAccount) {
      List<FieldFill> fills = new ArrayList<>(contactResult.fills());
      fills.add(new FieldFill(ConversionUndo.CONTACT_ACCOUNT, Optional.empty(), CustomValue.text(accountId.toString())));
      contactResult = contactResult.withFills(fills);
    }
    results.put(ConversionTarget.CONTACT, contactResult);
    results.put(ConversionTarget.OPPORTUNITY, result(o, opportunityId, opportunityVersion));
    ConversionRecord record = new ConversionRecord(ConversionId.of(ctx.ids().nextId()), 0, p.lead.id(), p.policy.id(),
        p.policy.version(), results, p.lead.snapshot(), p.automatic, ruleId, actor.userId(), now, null, null);
    // the record's id was made a moment ago: with a globally unique generator, no record can hold it yet
    ConversionRecord saved = ctx.ids().globallyUnique() ? ctx.storage().conversionRecords().insertNew(record)
        : ctx.storage().conversionRecords().save(record);
    if (ctx.eventsWanted()) {
      ctx.emit(new LeadConverted(saved, now, actor));
    }
    return saved;
  }

  /**
   * Marks the lead converted, based on the version that was planned on: when another unit of work changed or
   * converted the lead meanwhile, that is a conflict (the service retries with a fresh plan, up to three attempts
   * in all) rather than a conversion of values the lead no longer has.
   */
  private void markConverted(Actor actor, ConversionPlan p, LeadConversionInfo info) {
    LeadStatus converted = p.policy.convertedStatus() == null
        ? ctx.pipeline().convertedLeadStatus() : ctx.pipeline().leadStatus(p.policy.convertedStatus());
    ctx.writers().leads().change(actor, p.lead.id(), p.lead.version(), ChangeOrigin.LEAD_CONVERSION,
        Operation.CONVERT, lead -> lead.markConverted(converted, info));
  }

  private static TargetResult result(Draft d, RecordId id, long version) {
    if (id == null) {
      return TargetResult.none(d.action);
    }
    TargetResult result = TargetResult.of(d.action, d.disposition, id, version);
    return d.disposition == Disposition.LINKED ? result.withFills(d.fills()) : result.withFills(List.of());
  }
}
