package org.crmkit.account;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;

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
   * @throws org.crmkit.shared.ConflictException on a stale version
   * @throws org.crmkit.shared.RecordNotFoundException when there is no such account
   */
  void delete(AccountId id, long expectedVersion);

  Page<Account> find(AccountQuery query, PageRequest page);
}
