package org.crmkit.contact;

import java.util.Optional;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Visibility;

/**
 * Port: where contacts are kept. Same version and copy semantics as {@link org.crmkit.lead.LeadRepository}.
 */
public interface ContactRepository {

  Optional<Contact> findById(ContactId id);

  /**
   * @return the contact as stored, its version one higher
   * @throws org.crmkit.shared.ConflictException on a stale version
   */
  Contact save(Contact contact);

  /**
   * Saves a new contact (version 0) whose id the Crm's {@link org.crmkit.shared.IdGenerator} has just made, one whose
   * ids are {@link org.crmkit.shared.IdGenerator#globallyUnique() globally unique}: no record can hold the id yet, so
   * an adapter may leave out the look-up for one (the in-memory storage does, and so does its commit). Otherwise as
   * {@link #save}. The default saves it as {@link #save} does.
   *
   * @return the contact as stored, version 1
   * @throws IllegalArgumentException when the contact is not new (version 0)
   */
  default Contact insertNew(Contact contact) {
    if (contact.version() != 0) {
      throw new IllegalArgumentException("insertNew takes a new contact (version 0), not version "
          + contact.version() + " of " + contact.id() + "; save it instead");
    }
    return save(contact);
  }

  /**
   * @throws org.crmkit.shared.ConflictException on a stale version
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such contact
   */
  void delete(ContactId id, long expectedVersion);

  /**
   * Contacts matching the query that {@code visible} admits, ordered by creation time then id; the visibility is
   * applied in the query, so the page and its total count hold only visible contacts.
   */
  Page<Contact> find(ContactQuery query, Visibility visible, PageRequest page);

  /** @return how many contacts belong to the account */
  long countByAccount(AccountId accountId);
}
