package org.crmkit.application;

import java.util.Optional;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;

/** Use cases for accounts. Thread-safe; every write runs in one unit of work. */
public interface AccountService {

  Account create(Actor actor, CreateAccount command);

  /** @throws org.crmkit.shared.RecordNotFoundException when there is no such account */
  Account get(Actor actor, AccountId id);

  Optional<Account> find(Actor actor, AccountId id);

  Page<Account> list(Actor actor, AccountQuery query, PageRequest page);

  Account update(Actor actor, UpdateAccount command);

  /**
   * Deletes an account that no contact or opportunity refers to.
   *
   * @throws org.crmkit.shared.RuleViolationException when contacts or opportunities still refer to it
   */
  void delete(Actor actor, AccountId id, Long expectedVersion);
}
