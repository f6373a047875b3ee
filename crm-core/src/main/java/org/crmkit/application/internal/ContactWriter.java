package org.crmkit.application.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactChanged;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.RecordChanged;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.ValidationException;

/**
 * The write path of contacts (see {@link RecordWriter}): custom fields are checked when they change, the account
 * must exist when it changes; a contact linked to opportunities cannot be deleted.
 */
final class ContactWriter extends RecordWriter<Contact, ContactId, ContactSnapshot> {

  ContactWriter(Context ctx) {
    super(ctx, RecordType.CONTACT);
  }

  @Override
  Optional<Contact> find(ContactId id) {
    return ctx.storage().contacts().findById(id);
  }

  @Override
  Contact store(Contact record) {
    return ctx.storage().contacts().save(record);
  }

  @Override
  Contact storeNew(Contact record) {
    return ctx.storage().contacts().insertNew(record);
  }

  @Override
  void remove(ContactId id, long version) {
    ctx.storage().contacts().delete(id, version);
  }

  @Override
  ContactSnapshot snapshot(Contact record) {
    return record.snapshot();
  }

  @Override
  ContactId idOf(Contact record) {
    return record.id();
  }

  @Override
  long versionOf(Contact record) {
    return record.version();
  }

  @Override
  UserId ownerOf(Contact record) {
    return record.owner();
  }

  @Override
  RecordChanged<ContactSnapshot> event(
      ChangeKind kind, ChangeOrigin origin, ContactSnapshot before, ContactSnapshot after, Instant at, Actor actor) {
    return new ContactChanged(kind, origin, before, after, at, actor);
  }

  @Override
  void beforeSave(Actor actor, Access.Sight sight, ContactSnapshot before, Contact record) {
    if (before == null || !before.customFields().equals(record.customFields())) {
      ctx.customFields().validate(RecordType.CONTACT, record.customFields());
    }
    AccountId account = record.accountId().orElse(null);
    if (account != null && (before == null || !Objects.equals(before.accountId(), account))
        && ctx.storage().accounts().findById(account).filter(a -> sight.admits(RecordType.ACCOUNT, a.owner()))
            .isEmpty()) {
      // an account the actor may not see is a missing link to them, with the same words
      throw ValidationException.of("accountId", "account " + account + " does not exist");
    }
  }

  @Override
  void beforeDelete(Actor actor, Contact contact) {
    long opportunities = ctx.storage().opportunities().countByContact(contact.id());
    if (opportunities > 0) {
      throw new RuleViolationException(
          "contact " + contact.id() + " is linked to " + opportunities
              + " opportunity(ies); unlink them before deleting the contact");
    }
  }
}
