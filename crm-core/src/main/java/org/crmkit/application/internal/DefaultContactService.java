package org.crmkit.application.internal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.access.Operation;
import org.crmkit.application.ContactService;
import org.crmkit.application.CreateContact;
import org.crmkit.application.UpdateContact;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactDetails;
import org.crmkit.contact.ContactQuery;
import org.crmkit.customfield.CustomFields;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;

final class DefaultContactService implements ContactService {
  private final Context ctx;

  DefaultContactService(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Contact create(Actor actor, CreateContact cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    ContactDetails details = new ContactDetails(cmd.firstName(), cmd.lastName(), Values.email("email", cmd.email()),
        cmd.phone(), cmd.title(), cmd.description());
    CustomFields custom = Values.customFields(cmd.customFields());
    UserId owner = cmd.owner() == null ? actor.userId() : cmd.owner();
    return ctx.inUnitOfWork(actor, () -> ctx.writers().contacts().create(actor,
        Contact.create(ContactId.of(ctx.ids().nextId()), owner, cmd.accountId(), details, custom, ctx.now()),
        ChangeOrigin.DIRECT));
  }

  @Override
  public Contact get(Actor actor, ContactId id) {
    return find(actor, id).orElseThrow(() -> new RecordNotFoundException(RecordType.CONTACT, id));
  }

  @Override
  public Optional<Contact> find(Actor actor, ContactId id) {
    ctx.requireActor(actor);
    Objects.requireNonNull(id, "id");
    return ctx.inReadOnlyUnitOfWork(actor, () -> ctx.access().findContact(actor, id));
  }

  @Override
  public Page<Contact> list(Actor actor, ContactQuery query, PageRequest page) {
    ctx.requireActor(actor);
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    return ctx.inReadOnlyUnitOfWork(actor, () -> ctx.storage().contacts().find(query, ctx.visibility(actor, RecordType.CONTACT), page));
  }

  @Override
  public Contact update(Actor actor, UpdateContact cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    UserId owner = Values.owner(cmd.changes(UpdateContact.Field.OWNER), cmd.owner());
    CustomFields custom =
        cmd.changes(UpdateContact.Field.CUSTOM_FIELDS) ? Values.customFields(cmd.customFields()) : null;
    return ctx.writers().contacts().change(actor, cmd.id(), cmd.expectedVersion(), ChangeOrigin.DIRECT,
        Operation.CHANGE, contact -> {
      Instant now = ctx.now();
      ContactDetails d = contact.details();
      ContactDetails details = new ContactDetails(
          Values.pick(cmd.changes(UpdateContact.Field.FIRST_NAME), cmd.firstName(), d.firstName()),
          Values.pick(cmd.changes(UpdateContact.Field.LAST_NAME), cmd.lastName(), d.lastName()),
          cmd.changes(UpdateContact.Field.EMAIL) ? Values.email("email", cmd.email()) : d.email(),
          Values.pick(cmd.changes(UpdateContact.Field.PHONE), cmd.phone(), d.phone()),
          Values.pick(cmd.changes(UpdateContact.Field.TITLE), cmd.title(), d.title()),
          Values.pick(cmd.changes(UpdateContact.Field.DESCRIPTION), cmd.description(), d.description()));
      contact.edit(details, custom == null ? contact.customFields() : custom, now);
      if (cmd.changes(UpdateContact.Field.ACCOUNT_ID)
          && !Objects.equals(cmd.accountId(), contact.accountId().orElse(null))) {
        contact.moveToAccount(cmd.accountId(), now);
      }
      if (owner != null && !owner.equals(contact.owner())) {
        contact.assignTo(owner, now);
      }
    });
  }

  @Override
  public void delete(Actor actor, ContactId id, Long expectedVersion) {
    ctx.requireActor(actor);
    Objects.requireNonNull(id, "id");
    ctx.writers().contacts().delete(actor, id, expectedVersion, ChangeOrigin.DIRECT);
  }
}
