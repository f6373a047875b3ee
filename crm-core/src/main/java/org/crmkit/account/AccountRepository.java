package org.crmkit.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Visibility;

/**
 * Port: where accounts are kept. Same version and copy semantics as
 * {@link org.crmkit.lead.LeadRepository}.
 */
public interface AccountRepository {

  Optional<Account> findById(AccountId id);

  /** The accounts with the given ids that exist, in no particular order; one query, not one per id. */
  List<Account> findAllById(Collection<AccountId> ids);

  /**
   * @return the account as stored, its version one higher
   * @throws org.crmkit.shared.ConflictException on a stale version
   */
  Account save(Account account);

  /**
   * Saves a new account (version 0) whose id the Crm's {@link org.crmkit.shared.IdGenerator} has just made, one whose
   * ids are {@link org.crmkit.shared.IdGenerator#globallyUnique() globally unique}: no record can hold the id yet, so
   * an adapter may leave out the look-up for one (the in-memory storage does, and so does its commit). Otherwise as
   * {@link #save}. The default saves it as {@link #save} does.
   *
   * @return the account as stored, version 1
   * @throws IllegalArgumentException when the account is not new (version 0)
   */
  default Account insertNew(Account account) {
    if (account.version() != 0) {
      throw new IllegalArgumentException("insertNew takes a new account (version 0), not version "
          + account.version() + " of " + account.id() + "; save it instead");
    }
    return save(account);
  }

  /**
   * @throws org.crmkit.shared.ConflictException on a stale version
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such account
   */
  void delete(AccountId id, long expectedVersion);

  /**
   * Accounts matching the query that {@code visible} admits, ordered by creation time then id; the visibility is
   * applied in the query, so the page and its total count hold only visible accounts.
   */
  Page<Account> find(AccountQuery query, Visibility visible, PageRequest page);

  /**
   * Accounts that may be the same company as the key: same normalised name or same domain (see
   * {@link AccountMatchKey#reasonsToMatch}). Used by lead conversion's duplicate check. The default reads every
   * account page by page and compares keys in memory; adapters should override it with an indexed query.
   *
   * @param key the prospective company; never null
   * @param visible which accounts the actor may see (applied in the query: a hidden account is never returned)
   * @return the candidates in creation order, at most {@code limit}; never null
   */
  default List<Account> findMatching(AccountMatchKey key, Visibility visible, int limit) {
    java.util.Objects.requireNonNull(key, "key");
    List<Account> found = new java.util.ArrayList<>();
    if (key.isEmpty()) {
      return found;
    }
    int pageNo = 0;
    Page<Account> page;
    do {
      page = find(AccountQuery.all(), visible, PageRequest.of(pageNo++, PageRequest.MAX_SIZE));
      for (Account a : page.items()) {
        if (!key.reasonsToMatch(AccountMatchKey.of(a.details())).isEmpty() && found.size() < limit) {
          found.add(a);
        }
      }
    } while (page.hasNext() && found.size() < limit);
    return found;
  }
}
