package org.crmkit.application;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;

/**
 * Use cases for opportunities and their stage history. Every write runs in one unit of work together with the
 * stage history entry it causes. Thread-safe.
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
 * new owner), CHANGE, CHANGE_STAGE (change of stage, win, lose, reopen), ASSIGN (with a new owner) and DELETE; stage
 * history follows its opportunity.
 *
 * <p><b>Nulls.</b> Actors, ids and commands must not be null; lookups that may find nothing return
 * {@link java.util.Optional}; returned records and lists are never null.
 * Illegal moves are {@link org.crmkit.opportunity.IllegalStageTransitionException}s (a rule violation).
 */
public interface OpportunityService {

  /**
   * Creates an opportunity and its first history entry.
   *
   * @throws org.crmkit.shared.ValidationException for invalid fields, unknown stage, missing or inconsistent
   *     links
   */
  Opportunity create(Actor actor, CreateOpportunity command);

  /**
   * The "new opportunity" tool on an account: a command prefilled with the account link, its segments and a
   * name from the account. Change what you need, then {@link #create} it. Writes nothing.
   */
  CreateOpportunity prefillFromAccount(Actor actor, AccountId accountId);

  /**
   * The "new opportunity" tool on a contact: prefilled with the contact, the contact's account and that account's
   * segments. Writes nothing.
   */
  CreateOpportunity prefillFromContact(Actor actor, ContactId contactId);

  /** @throws org.crmkit.shared.RecordNotFoundException when there is no such opportunity */
  Opportunity get(Actor actor, OpportunityId id);

  Optional<Opportunity> find(Actor actor, OpportunityId id);

  Page<Opportunity> list(Actor actor, OpportunityQuery query, PageRequest page);

  /** List rows with account names, read in a constant number of queries. */
  Page<OpportunitySummary> listSummaries(Actor actor, OpportunityQuery query, PageRequest page);

  /**
   * Changes the fields the command names; the others keep their values. An amount change applies the pipeline's
   * {@link org.crmkit.forecast.AmountChangePolicy} to the billing forecast.
   *
   * @throws org.crmkit.shared.ValidationException for invalid values or links
   * @throws org.crmkit.shared.ConflictException when the opportunity's version is not the expected one
   * @throws org.crmkit.shared.RuleViolationException when the change does not fit the opportunity's state (a
   *     probability other than 100 or 0 on a closed one, a won one without close date, an amount change the
   *     forecast policy refuses)
   */
  Opportunity update(Actor actor, UpdateOpportunity command);

  /**
   * Moves an open opportunity to another open stage.
   *
   * @throws org.crmkit.shared.ValidationException for an unknown stage
   * @throws org.crmkit.opportunity.IllegalStageTransitionException for a closed opportunity or a closed stage
   * @throws org.crmkit.shared.ConflictException when the opportunity's version is not the expected one
   */
  Opportunity changeStage(Actor actor, ChangeStage command);

  /**
   * Closes the opportunity as won: probability 100 and a close date.
   *
   * @throws org.crmkit.opportunity.IllegalStageTransitionException when it is already closed
   * @throws org.crmkit.shared.ConflictException when the opportunity's version is not the expected one
   */
  Opportunity win(Actor actor, WinOpportunity command);

  /**
   * Closes the opportunity as lost: probability 0, a close date and an optional reason.
   *
   * @throws org.crmkit.opportunity.IllegalStageTransitionException when it is already closed
   * @throws org.crmkit.shared.ConflictException when the opportunity's version is not the expected one
   */
  Opportunity lose(Actor actor, LoseOpportunity command);

  /**
   * Reopens a won or lost opportunity in an open stage.
   *
   * @throws org.crmkit.shared.ValidationException for an unknown stage
   * @throws org.crmkit.opportunity.IllegalStageTransitionException when it is open, or the stage is closed
   * @throws org.crmkit.shared.ConflictException when the opportunity's version is not the expected one
   */
  Opportunity reopen(Actor actor, ReopenOpportunity command);

  /** Deletes an opportunity; its stage history stays. */
  void delete(Actor actor, OpportunityId id, Long expectedVersion);

  /** @return the opportunity's stage history, oldest first; kept after the opportunity is deleted */
  List<StageHistoryEntry> history(Actor actor, OpportunityId id);

  /**
   * The number of the opportunity's stage history entries (one for its creation and one per change of stage,
   * amount, probability or close date), without reading them.
   *
   * @return the count; 0 for an id that never had history (history outlives a deleted opportunity, so an unknown
   *     id is not an error)
   */
  long historyCount(Actor actor, OpportunityId id);

  /** @return time spent in each stage up to now (the injected clock) */
  Map<String, Duration> timeInStage(Actor actor, OpportunityId id);
}
