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
