package org.crmkit.application.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crmkit.access.Operation;
import org.crmkit.account.Account;
import org.crmkit.contact.Contact;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.FieldFill;
import org.crmkit.conversion.LeadConversionUndone;
import org.crmkit.conversion.TargetResult;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.customfield.CustomValue;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.pipeline.LeadStatus;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.RecordType;

/**
 * Undoes a lead's standing conversion "as if it had not happened": deletes the records it created (their writers
 * delete the opportunity's billing forecast and the account's budget with them), writes back the values it filled
 * into linked records, and makes the lead editable again in its earlier status. Every check runs before the first
 * write, so a refusal changes nothing; every write goes through the record's writer with the version the checks
 * saw. Runs in the caller's unit of work; stateless and thread-safe.
 */
final class ConversionUndo {
  /** The pseudo field of a contact fill that records the conversion moving a contact without account into one. */
  static final String CONTACT_ACCOUNT = "accountId";

  private final Context ctx;

  ConversionUndo(Context ctx) {
    this.ctx = ctx;
  }

  UndoOutcome undo(Actor actor, LeadId leadId) {
    // undo is CONVERT on the lead; the records it deletes or restores are part of it and asked nothing more
    Lead lead = ctx.access().lead(actor, leadId);
    ctx.access().require(actor, Operation.CONVERT, RecordType.LEAD, lead.owner(), leadId);
    ConversionRecord record = ctx.storage().conversionRecords().findByLead(leadId).stream()
        .filter(r -> !r.isUndone())
        .reduce((first, second) -> second)
        .orElse(null);
    if (record == null || !lead.isConverted()) {
      return new UndoOutcome.Refused(leadId, List.of("lead " + leadId + " is not converted; there is nothing to undo"));
    }
    List<String> reasons = new ArrayList<>();
    TargetResult ra = record.target(ConversionTarget.ACCOUNT);
    TargetResult rc = record.target(ConversionTarget.CONTACT);
    TargetResult ro = record.target(ConversionTarget.OPPORTUNITY);
    boolean opportunityCreated = ro.disposition() == Disposition.CREATED;
    boolean contactCreated = rc.disposition() == Disposition.CREATED;

    Opportunity opportunity = record.opportunityId()
        .filter(id -> opportunityCreated)
        .map(id -> unchanged(reasons, "opportunity", id, ctx.storage().opportunities().findById(id).orElse(null),
            Opportunity::version, ro.versionAfter()))
        .orElse(null);
    Contact contact = record.contactId()
        .filter(id -> contactCreated || !rc.fills().isEmpty())
        .map(id -> unchanged(reasons, "contact", id, ctx.storage().contacts().findById(id).orElse(null),
            Contact::version, rc.versionAfter()))
        .orElse(null);
    if (contact != null && contactCreated) {
      long others = ctx.storage().opportunities().countByContact(contact.id()) - (opportunityCreated ? 1 : 0);
      if (others > 0) {
        reasons.add("contact " + contact.id() + " created by the conversion is now linked to " + others
            + " other opportunity(ies); unlink them first");
      }
    }
    Account account = record.accountId()
        .filter(id -> ra.disposition() == Disposition.CREATED || !ra.fills().isEmpty())
        .map(id -> unchanged(reasons, "account", id, ctx.storage().accounts().findById(id).orElse(null),
            Account::version, ra.versionAfter()))
        .orElse(null);
    boolean contactMoved = contact != null && !contactCreated
        && rc.fills().stream().anyMatch(f -> f.field().equals(CONTACT_ACCOUNT));
    if (account != null && ra.disposition() == Disposition.CREATED) {
      // the contact the conversion created or moved into the account leaves it with the undo
      long contacts = ctx.storage().contacts().countByAccount(account.id()) - (contactCreated || contactMoved ? 1 : 0);
      long opps = ctx.storage().opportunities().countByAccount(account.id()) - (opportunityCreated ? 1 : 0);
      if (contacts > 0 || opps > 0) {
        reasons.add("account " + account.id() + " created by the conversion now has " + contacts
            + " other contact(s) and " + opps + " other opportunity(ies); move or delete them first");
      }
    }
    if (!reasons.isEmpty()) {
      return new UndoOutcome.Refused(leadId, reasons);
    }

    Instant now = ctx.now();
    ChangeOrigin origin = ChangeOrigin.LEAD_CONVERSION;
    if (opportunity != null) {
      ctx.writers().opportunities().deleteWithin(actor, opportunity.id(), opportunity.version(), origin);
    }
    if (contact != null && contactCreated) {
      ctx.writers().contacts().deleteWithin(actor, contact.id(), contact.version(), origin);
    } else if (contact != null) {
      ctx.writers().contacts().changeWithin(actor, contact.id(), contact.version(), origin, c -> {
        Map<String, CustomValue> values = restored(RecordFields.contact(c.snapshot()), rc.fills());
        c.edit(RecordFields.toContactDetails(values), RecordFields.toCustomFields(values), now);
        if (contactMoved) {
          c.moveToAccount(null, now);
        }
      });
    }
    if (account != null && ra.disposition() == Disposition.CREATED) {
      ctx.writers().accounts().deleteWithin(actor, account.id(), account.version(), origin);
    } else if (account != null) {
      ctx.writers().accounts().changeWithin(actor, account.id(), account.version(), origin, a -> {
        Map<String, CustomValue> values = restored(RecordFields.account(a.snapshot()), ra.fills());
        a.edit(RecordFields.toAccountDetails(values), a.segments(), RecordFields.toCustomFields(values), now);
      });
    }
    LeadStatus restored = ctx.pipeline().findLeadStatus(record.leadBefore().status())
        .filter(s -> !s.isConverted())
        .orElse(ctx.pipeline().initialLeadStatus());
    ctx.writers().leads().change(actor, leadId, lead.version(), origin, Operation.CONVERT,
        l -> l.revertConversion(restored, now));
    ConversionRecord undone = ctx.storage().conversionRecords().save(record.undone(actor.userId(), now));
    ctx.emit(new LeadConversionUndone(undone, now, actor));
    return new UndoOutcome.Undone(leadId, undone);
  }

  /** @return the values with every fill replaced by the value it had before (removed when it was empty) */
  private static Map<String, CustomValue> restored(Map<String, CustomValue> current, List<FieldFill> fills) {
    Map<String, CustomValue> values = new java.util.LinkedHashMap<>(current);
    for (FieldFill f : fills) {
      if (!f.field().equals(CONTACT_ACCOUNT)) {
        f.before().ifPresentOrElse(v -> values.put(f.field(), v), () -> values.remove(f.field()));
      }
    }
    return values;
  }

  private static <T> T unchanged(List<String> reasons, String what, Object id, T current,
      java.util.function.ToLongFunction<T> version, long expected) {
    if (current == null) {
      reasons.add(what + " " + id + " touched by the conversion no longer exists");
    } else if (version.applyAsLong(current) != expected) {
      reasons.add(what + " " + id + " was changed after the conversion (version " + expected + " then, "
          + version.applyAsLong(current) + " now); undoing would lose that change. Revert or delete it by hand");
    }
    return current;
  }
}
