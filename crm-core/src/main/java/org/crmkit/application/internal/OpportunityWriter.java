package org.crmkit.application.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.application.OpportunityRules;
import org.crmkit.contact.Contact;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityChanged;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.RecordChanged;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;

/**
 * The write path of opportunities (see {@link RecordWriter}): the state about to be saved must keep the closed-state
 * rules ({@link Opportunity#checkClosedState}); segments and custom fields are checked when they
 * change, links against the {@link OpportunityRules} when they change; an amount change applies the pipeline's
 * forecast policy ({@link ForecastSync}); every saved change of a tracked field is recorded in stage history;
 * deleting an opportunity deletes its billing forecast.
 */
final class OpportunityWriter extends RecordWriter<Opportunity, OpportunityId, OpportunitySnapshot> {

  OpportunityWriter(Context ctx) {
    super(ctx, RecordType.OPPORTUNITY);
  }

  @Override
  Optional<Opportunity> find(OpportunityId id) {
    // the closed-state rules are checked before a save (beforeSave), not here: a closed deal stored without a close
    // date by an earlier version must load so that it can be repaired, reopened or deleted
    return ctx.storage().opportunities().findById(id).map(o -> Opportunity.restore(o.snapshot(), ctx.pipeline()));
  }

  @Override
  Opportunity store(Opportunity record) {
    return ctx.storage().opportunities().save(record);
  }

  @Override
  Opportunity storeNew(Opportunity record) {
    return ctx.storage().opportunities().insertNew(record);
  }

  @Override
  void remove(OpportunityId id, long version) {
    ctx.storage().opportunities().delete(id, version);
  }

  @Override
  OpportunitySnapshot snapshot(Opportunity record) {
    return record.snapshot();
  }

  @Override
  OpportunityId idOf(Opportunity record) {
    return record.id();
  }

  @Override
  long versionOf(Opportunity record) {
    return record.version();
  }

  @Override
  UserId ownerOf(Opportunity record) {
    return record.owner();
  }

  @Override
  RecordChanged<OpportunitySnapshot> event(
      ChangeKind kind, ChangeOrigin origin, OpportunitySnapshot before, OpportunitySnapshot after, Instant at,
      Actor actor) {
    return new OpportunityChanged(kind, origin, before, after, at, actor);
  }

  @Override
  void beforeSave(Actor actor, Access.Sight sight, OpportunitySnapshot before, Opportunity o) {
    o.checkClosedState(ctx.pipeline());
    if (before == null || !before.segments().equals(o.segments())) {
      ctx.segments().validate(RecordType.OPPORTUNITY, o.segments());
    }
    if (before == null || !before.customFields().equals(o.customFields())) {
      ctx.customFields().validate(RecordType.OPPORTUNITY, o.customFields());
    }
    AccountId account = o.accountId().orElse(null);
    ContactId contact = o.contactId().orElse(null);
    if (before == null || !Objects.equals(before.accountId(), account)
        || !Objects.equals(before.contactId(), contact)) {
      checkLinks(sight, account, contact);
    }
    Money amount = o.amount().orElse(null);
    if (before != null && !Objects.equals(before.amount(), amount)) {
      new ForecastSync(ctx).amountChanged(actor, o.id(), before.amount(), amount);
    }
  }

  @Override
  boolean recordsChanges() {
    return true; // stage history
  }

  @Override
  void saved(RecordChanged<OpportunitySnapshot> event) {
    ctx.history().record((OpportunityChanged) event);
  }

  @Override
  void beforeDelete(Actor actor, Opportunity o) {
    new ForecastSync(ctx).opportunityDeleted(actor, o.id());
  }

  /** Links must exist and be visible to the actor; a hidden record is a missing link, in the same words. */
  private void checkLinks(Access.Sight sight, AccountId accountId, ContactId contactId) {
    OpportunityRules rules = ctx.opportunityRules();
    List<FieldError> errors = new ArrayList<>();
    if (rules.accountRequired() && accountId == null) {
      errors.add(new FieldError("accountId", "is required: every opportunity must be linked to an account"));
    }
    if (rules.contactRequired() && contactId == null) {
      errors.add(new FieldError("contactId", "is required: every opportunity must be linked to a contact"));
    }
    if (accountId != null && ctx.access().findAccount(sight, accountId).isEmpty()) {
      errors.add(new FieldError("accountId", "account " + accountId + " does not exist"));
    }
    if (contactId != null) {
      Optional<Contact> contact = ctx.storage().contacts().findById(contactId)
          .filter(c -> sight.admits(RecordType.CONTACT, c.owner()));
      if (contact.isEmpty()) {
        errors.add(new FieldError("contactId", "contact " + contactId + " does not exist"));
      } else if (rules.contactMustBelongToAccount()
          && accountId != null
          && !contact.get().accountId().map(accountId::equals).orElse(false)) {
        errors.add(new FieldError("contactId", "contact " + contactId + " does not belong to account " + accountId
            + "; link the contact's own account or move the contact first"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }
}
