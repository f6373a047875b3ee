package org.crmkit.application.internal;

import static org.crmkit.application.internal.DefaultLeadService.requireActor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.application.ContactService;
import org.crmkit.application.CreateContact;
import org.crmkit.application.UpdateContact;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactChanged;
import org.crmkit.contact.ContactDetails;
import org.crmkit.contact.ContactQuery;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.customfield.CustomFields;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;

final class DefaultContactService implements ContactService {
  private final Context ctx;

  DefaultContactService(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Contact create(Actor actor, CreateContact cmd) {
    requireActor(actor);
    ctx.validation.check(cmd);
    ContactDetails details = new ContactDetails(cmd.firstName(), cmd.lastName(), Values.email("email", cmd.email()),
        cmd.phone(), cmd.title(), cmd.description());
    CustomFields custom = Values.customFields(cmd.customFields());
    ctx.customFields.validate(RecordType.CONTACT, custom);
    UserId owner = cmd.owner() == null ? actor.userId() : cmd.owner();
    return ctx.inUnitOfWork(
        () -> {
          requireAccount(cmd.accountId());
          Instant now = ctx.now();
          Contact saved = ctx.storage.contacts().save(
              Contact.create(ContactId.of(ctx.ids.nextId()), owner, cmd.accountId(), details, custom, now));
          ctx.emit(new ContactChanged(ChangeKind.CREATED, null, saved.snapshot(), now, actor));
          return ctx.current(saved, () -> ctx.storage.contacts().findById(saved.id()));
        });
  }

  @Override
  public Contact get(Actor actor, ContactId id) {
    return find(actor, id).orElseThrow(() -> new RecordNotFoundException(RecordType.CONTACT, id));
  }

  @Override
  public Optional<Contact> find(Actor actor, ContactId id) {
    requireActor(actor);
    Objects.requireNonNull(id, "id");
    return ctx.inUnitOfWork(() -> ctx.storage.contacts().findById(id));
  }

  @Override
  public Page<Contact> list(Actor actor, ContactQuery query, PageRequest page) {
    requireActor(actor);
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    return ctx.inUnitOfWork(() -> ctx.storage.contacts().find(query, page));
  }

  @Override
  public Contact update(Actor actor, UpdateContact cmd) {
    requireActor(actor);
    ctx.validation.check(cmd);
    CustomFields custom =
        cmd.changes(UpdateContact.Field.CUSTOM_FIELDS) ? Values.customFields(cmd.customFields()) : null;
    if (custom != null) {
      ctx.customFields.validate(RecordType.CONTACT, custom);
    }
    return ctx.inUnitOfWork(
        () -> {
          Contact contact = load(cmd.id(), cmd.expectedVersion());
          ContactSnapshot before = contact.snapshot();
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
            requireAccount(cmd.accountId());
            contact.moveToAccount(cmd.accountId(), now);
          }
          if (cmd.changes(UpdateContact.Field.OWNER) && !cmd.owner().equals(contact.owner())) {
            contact.assignTo(cmd.owner(), now);
          }
          Contact saved = ctx.storage.contacts().save(contact);
          ctx.emit(new ContactChanged(ChangeKind.UPDATED, before, saved.snapshot(), now, actor));
          return ctx.current(saved, () -> ctx.storage.contacts().findById(saved.id()));
        });
  }

  @Override
  public void delete(Actor actor, ContactId id, Long expectedVersion) {
    requireActor(actor);
    Objects.requireNonNull(id, "id");
    ctx.inUnitOfWork(
        () -> {
          Contact contact = load(id, expectedVersion);
          long opportunities = ctx.storage.opportunities().countByContact(id);
          if (opportunities > 0) {
            throw new RuleViolationException(
                "contact " + id + " is linked to " + opportunities
                    + " opportunity(ies); unlink them before deleting the contact");
          }
          ctx.storage.contacts().delete(id, contact.version());
          ctx.emit(new ContactChanged(ChangeKind.DELETED, contact.snapshot(), null, ctx.now(), actor));
          return null;
        });
  }

  private void requireAccount(AccountId accountId) {
    if (accountId != null && ctx.storage.accounts().findById(accountId).isEmpty()) {
      throw ValidationException.of("accountId", "account " + accountId + " does not exist");
    }
  }

  private Contact load(ContactId id, Long expectedVersion) {
    Contact contact =
        ctx.storage.contacts().findById(id).orElseThrow(() -> new RecordNotFoundException(RecordType.CONTACT, id));
    Values.checkVersion(RecordType.CONTACT, id, expectedVersion, contact.version());
    return contact;
  }
}
