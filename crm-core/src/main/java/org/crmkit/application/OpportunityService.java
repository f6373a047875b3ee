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

  Opportunity update(Actor actor, UpdateOpportunity command);

  Opportunity changeStage(Actor actor, ChangeStage command);

  Opportunity win(Actor actor, WinOpportunity command);

  Opportunity lose(Actor actor, LoseOpportunity command);

  Opportunity reopen(Actor actor, ReopenOpportunity command);

  /** Deletes an opportunity; its stage history stays. */
  void delete(Actor actor, OpportunityId id, Long expectedVersion);

  /** @return the opportunity's stage history, oldest first */
  List<StageHistoryEntry> history(Actor actor, OpportunityId id);

  /** @return time spent in each stage up to now (the injected clock) */
  Map<String, Duration> timeInStage(Actor actor, OpportunityId id);
}
