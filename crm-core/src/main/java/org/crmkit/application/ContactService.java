package org.crmkit.application;

import java.util.Optional;
import org.crmkit.contact.Contact;
import org.crmkit.contact.ContactQuery;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;

/** Use cases for contacts. Thread-safe; every write runs in one unit of work. */
public interface ContactService {

  /** @throws org.crmkit.shared.ValidationException when the linked account does not exist */
  Contact create(Actor actor, CreateContact command);

  /** @throws org.crmkit.shared.RecordNotFoundException when there is no such contact */
  Contact get(Actor actor, ContactId id);

  Optional<Contact> find(Actor actor, ContactId id);

  Page<Contact> list(Actor actor, ContactQuery query, PageRequest page);

  Contact update(Actor actor, UpdateContact command);

  /**
   * Deletes a contact no opportunity refers to.
   *
   * @throws org.crmkit.shared.RuleViolationException when opportunities still refer to it
   */
  void delete(Actor actor, ContactId id, Long expectedVersion);
}
