package org.crmkit.application;

import java.util.Optional;
import org.crmkit.account.Account;
import org.crmkit.account.AccountQuery;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;

/**
 * Use cases for accounts. Thread-safe; every write runs in one unit of work.
 *
 * <p><b>Refusals.</b> Every refusal of these use cases is an exception under {@link org.crmkit.shared.CrmException}
 * and nothing is written: {@link org.crmkit.shared.ValidationException} for rejected input (with field errors),
 * {@link org.crmkit.shared.RecordNotFoundException} for an unknown id,
 * {@link org.crmkit.shared.ConflictException} when the stored version is not the expected one (reload and retry),
 * {@link org.crmkit.shared.RuleViolationException} (and its subclasses) for a change the rules forbid in the
 * record's current state, and {@link org.crmkit.workflow.WorkflowException} when a workflow rule triggered by the
 * change fails. No use case here returns a refusal as a value (only lead conversion and its undo do, see
 * {@link ConversionService}).
 *
 * <p><b>Access.</b> The host's {@link org.crmkit.access.AccessPolicy} is asked first (see docs/SECURITY.md): a
 * record the actor may not see is not found, exactly like an unknown id (a RecordNotFoundException, an empty
 * Optional, a missing link in a command; lists hold only visible records). An operation the policy refuses on a
 * record the actor sees, and any call by an actor of another tenant on a Crm built with onlyTenant, is an
 * {@link org.crmkit.shared.AccessDeniedException}, with nothing written. The operations asked are CREATE (with the
 * new owner), CHANGE, ASSIGN (with a new owner) and DELETE.
 *
 * <p><b>Nulls.</b> Actors, ids and commands must not be null; lookups that may find nothing return
 * {@link java.util.Optional}; returned records and lists are never null.
 */
public interface AccountService {

  /** @throws org.crmkit.shared.ValidationException for invalid fields, segments or custom fields */
  Account create(Actor actor, CreateAccount command);

  /** @throws org.crmkit.shared.RecordNotFoundException when there is no such account */
  Account get(Actor actor, AccountId id);

  Optional<Account> find(Actor actor, AccountId id);

  Page<Account> list(Actor actor, AccountQuery query, PageRequest page);

  /**
   * Changes the fields the command names; the others keep their values.
   *
   * @throws org.crmkit.shared.ValidationException for invalid values
   * @throws org.crmkit.shared.ConflictException when the account's version is not the expected one
   */
  Account update(Actor actor, UpdateAccount command);

  /**
   * Deletes an account that no contact or opportunity refers to.
   *
   * @param expectedVersion the version the delete is based on, or null to delete whatever version is stored
   * @throws org.crmkit.shared.RuleViolationException when contacts or opportunities still refer to it
   * @throws org.crmkit.shared.ConflictException when the account's version is not the expected one, or (in memory)
   *     when a contact or opportunity linked to it committed while it was being deleted; reload and decide again
   * @throws org.crmkit.shared.StorageException on a database when a contact or opportunity linked to it committed at
   *     the same moment, so that the database's foreign key refused the delete; nothing was deleted: reload
   */
  void delete(Actor actor, AccountId id, Long expectedVersion);
}
