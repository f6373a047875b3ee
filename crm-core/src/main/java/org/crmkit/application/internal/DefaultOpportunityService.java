package org.crmkit.application.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.crmkit.access.Operation;
import org.crmkit.account.Account;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.OpportunityService;
import org.crmkit.application.ReopenOpportunity;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.application.UpdateOpportunity.Field;
import org.crmkit.application.WinOpportunity;
import org.crmkit.contact.Contact;
import org.crmkit.customfield.CustomFields;
import org.crmkit.history.StageDurations;
import org.crmkit.history.StageHistoryEntry;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityDraft;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;
import org.crmkit.shared.Visibility;

final class DefaultOpportunityService implements OpportunityService {
  private final Context ctx;

  DefaultOpportunityService(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Opportunity create(Actor actor, CreateOpportunity cmd) {
    ctx.requireActor(actor);
    return ctx.inUnitOfWork(actor, () -> create(actor, cmd, ChangeOrigin.DIRECT, null));
  }

  /**
   * Creates an opportunity inside the caller's unit of work, with its first history entry. Used by the public
   * use case and by other use cases (lead conversion, imports) that create opportunities.
   *
   * @return the opportunity as stored once workflow rules have run
   */
  Opportunity create(Actor actor, CreateOpportunity cmd, ChangeOrigin origin, LeadId sourceLead) {
    ctx.validation().check(cmd);
    CustomFields custom = Values.customFields(cmd.customFields());
    Segments segments = Values.segments(cmd.segments());
    // what the actor sees: the account read here is the one the writer's link check finds (read once)
    Access.Sight sight = ctx.access().sight(actor);
    if (cmd.accountId() != null) {
      // An opportunity made for an account (directly, from its tool, or by conversion) takes the account's segment
      // values for every dimension the command leaves out.
      Optional<Account> account = ctx.access().findAccount(sight, cmd.accountId());
      if (account.isPresent()) {
        segments = ctx.segments().inherit(RecordType.OPPORTUNITY, segments, account.get().segments());
      }
    }
    Probability probability = cmd.probability() == null ? null : Probability.of(cmd.probability());
    OpportunityDraft draft = new OpportunityDraft(cmd.name(), cmd.accountId(), cmd.contactId(), cmd.amount(),
        probability, cmd.stage(), cmd.closeDate(), cmd.leadSource(), cmd.nextStep(), cmd.description(), segments,
        custom, sourceLead);
    UserId owner = cmd.owner() == null ? actor.userId() : cmd.owner();
    Opportunity opportunity =
        Opportunity.create(OpportunityId.of(ctx.ids().nextId()), owner, draft, ctx.pipeline(), ctx.now(), ctx.today());
    return ctx.writers().opportunities().createWithNewId(actor, opportunity, origin, sight);
  }

  @Override
  public CreateOpportunity prefillFromAccount(Actor actor, AccountId accountId) {
    ctx.requireActor(actor);
    Objects.requireNonNull(accountId, "accountId");
    Account account = ctx.inUnitOfWork(actor, () -> ctx.access().account(actor, accountId));
    return CreateOpportunity.named(account.name() + " - new opportunity")
        .accountId(account.id())
        .segments(account.segments().values());
  }

  @Override
  public CreateOpportunity prefillFromContact(Actor actor, ContactId contactId) {
    ctx.requireActor(actor);
    Objects.requireNonNull(contactId, "contactId");
    return ctx.inUnitOfWork(actor, 
        () -> {
          Contact contact = ctx.access().contact(actor, contactId);
          // an account the actor may not see is left out, as if the contact had none
          Optional<Account> account = contact.accountId().flatMap(id -> ctx.access().findAccount(actor, id));
          String prefix = account.map(Account::name).orElse(contact.details().displayName());
          return CreateOpportunity.named(prefix + " - new opportunity")
              .contactId(contact.id())
              .accountId(account.map(Account::id).orElse(null))
              .segments(account.map(a -> a.segments().values()).orElse(Map.of()));
        });
  }

  @Override
  public Opportunity get(Actor actor, OpportunityId id) {
    return find(actor, id).orElseThrow(() -> new RecordNotFoundException(RecordType.OPPORTUNITY, id));
  }

  @Override
  public Optional<Opportunity> find(Actor actor, OpportunityId id) {
    ctx.requireActor(actor);
    Objects.requireNonNull(id, "id");
    return ctx.inReadOnlyUnitOfWork(actor, () -> ctx.access().findOpportunity(actor, id));
  }

  @Override
  public Page<Opportunity> list(Actor actor, OpportunityQuery query, PageRequest page) {
    ctx.requireActor(actor);
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    return ctx.inReadOnlyUnitOfWork(actor, () -> ctx.storage().opportunities().find(query, ctx.visibility(actor, RecordType.OPPORTUNITY), page));
  }

  @Override
  public Page<OpportunitySummary> listSummaries(Actor actor, OpportunityQuery query, PageRequest page) {
    ctx.requireActor(actor);
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    return ctx.inReadOnlyUnitOfWork(actor, () -> withoutHiddenAccountNames(actor,
        ctx.storage().opportunities().findSummaries(query, ctx.visibility(actor, RecordType.OPPORTUNITY), page)));
  }

  /**
   * The page with the names of accounts the actor may not see left out (an opportunity the actor sees may be linked
   * to someone else's account): one look-up of the page's accounts, only when the actor does not see every account.
   */
  private Page<OpportunitySummary> withoutHiddenAccountNames(Actor actor, Page<OpportunitySummary> page) {
    Visibility accounts = ctx.visibility(actor, RecordType.ACCOUNT);
    if (accounts == Visibility.all() || page.items().stream().allMatch(s -> s.accountName() == null)) {
      return page;
    }
    java.util.Set<AccountId> ids = new java.util.HashSet<>();
    page.items().stream().filter(s -> s.accountName() != null).forEach(s -> ids.add(s.accountId()));
    java.util.Set<AccountId> visible = new java.util.HashSet<>();
    ctx.storage().accounts().findAllById(ids).stream()
        .filter(a -> accounts.admits(a.owner()))
        .forEach(a -> visible.add(a.id()));
    return new Page<>(page.items().stream()
        .map(s -> s.accountName() == null || visible.contains(s.accountId()) ? s : new OpportunitySummary(
            s.id(), s.name(), s.stage(), s.amount(), s.probability(), s.closeDate(), s.owner(), s.accountId(), null))
        .toList(), page.request(), page.total());
  }

  @Override
  public Opportunity update(Actor actor, UpdateOpportunity cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    UserId owner = Values.owner(cmd.changes(Field.OWNER), cmd.owner());
    CustomFields named = cmd.changes(Field.CUSTOM_FIELDS) ? Values.customFields(cmd.customFields()) : null;
    Segments namedSegments = cmd.changes(Field.SEGMENTS) ? Values.segments(cmd.segments()) : null;
    return change(actor, cmd.id(), cmd.expectedVersion(), Operation.CHANGE, o -> {
      Instant now = ctx.now();
      // A field the command does not name keeps its current value.
      o.describe(Values.pick(cmd.changes(Field.NAME), cmd.name(), o.name()),
          Values.pick(cmd.changes(Field.LEAD_SOURCE), cmd.leadSource(), o.leadSource().orElse(null)),
          Values.pick(cmd.changes(Field.NEXT_STEP), cmd.nextStep(), o.nextStep().orElse(null)),
          Values.pick(cmd.changes(Field.DESCRIPTION), cmd.description(), o.description().orElse(null)),
          namedSegments == null ? o.segments() : namedSegments, named == null ? o.customFields() : named, now);
      AccountId accountId = Values.pick(cmd.changes(Field.ACCOUNT_ID), cmd.accountId(), o.accountId().orElse(null));
      ContactId contactId = Values.pick(cmd.changes(Field.CONTACT_ID), cmd.contactId(), o.contactId().orElse(null));
      if (!Objects.equals(accountId, o.accountId().orElse(null))
          || !Objects.equals(contactId, o.contactId().orElse(null))) {
        o.linkTo(accountId, contactId, now);
      }
      if (owner != null && !owner.equals(o.owner())) {
        o.assignTo(owner, now);
      }
      Money amount = Values.pick(cmd.changes(Field.AMOUNT), cmd.amount(), o.amount().orElse(null));
      if (!Objects.equals(amount, o.amount().orElse(null))) {
        o.changeAmount(amount, now);
      }
      LocalDate closeDate = Values.pick(cmd.changes(Field.CLOSE_DATE), cmd.closeDate(), o.closeDate().orElse(null));
      if (!Objects.equals(closeDate, o.closeDate().orElse(null))) {
        o.changeCloseDate(ctx.pipeline(), closeDate, now);
      }
      if (cmd.changes(Field.PROBABILITY)) {
        o.changeProbability(ctx.pipeline(), cmd.probability() == null ? null : Probability.of(cmd.probability()), now);
      }
    });
  }

  @Override
  public Opportunity changeStage(Actor actor, ChangeStage cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    ctx.pipeline().stage(cmd.stage());
    return change(actor, cmd.id(), cmd.expectedVersion(), Operation.CHANGE_STAGE,
        o -> o.advanceTo(ctx.pipeline(), cmd.stage(), ctx.now()));
  }

  @Override
  public Opportunity win(Actor actor, WinOpportunity cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    return change(actor, cmd.id(), cmd.expectedVersion(), Operation.CHANGE_STAGE,
        o -> o.win(ctx.pipeline(), cmd.closedOn() == null ? ctx.today() : cmd.closedOn(), ctx.now()));
  }

  @Override
  public Opportunity lose(Actor actor, LoseOpportunity cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    return change(actor, cmd.id(), cmd.expectedVersion(), Operation.CHANGE_STAGE,
        o -> o.lose(ctx.pipeline(), cmd.reason(), cmd.closedOn() == null ? ctx.today() : cmd.closedOn(), ctx.now()));
  }

  @Override
  public Opportunity reopen(Actor actor, ReopenOpportunity cmd) {
    ctx.requireActor(actor);
    ctx.validation().check(cmd);
    ctx.pipeline().stage(cmd.stage());
    return change(actor, cmd.id(), cmd.expectedVersion(), Operation.CHANGE_STAGE,
        o -> o.reopen(ctx.pipeline(), cmd.stage(), ctx.now()));
  }

  @Override
  public void delete(Actor actor, OpportunityId id, Long expectedVersion) {
    ctx.requireActor(actor);
    Objects.requireNonNull(id, "id");
    ctx.writers().opportunities().delete(actor, id, expectedVersion, ChangeOrigin.DIRECT);
  }

  @Override
  public List<StageHistoryEntry> history(Actor actor, OpportunityId id) {
    ctx.requireActor(actor);
    Objects.requireNonNull(id, "id");
    return ctx.inReadOnlyUnitOfWork(actor, () -> ctx.access().seesOpportunityChildren(actor, id)
        ? ctx.storage().stageHistory().findByOpportunity(id) : List.of());
  }

  @Override
  public long historyCount(Actor actor, OpportunityId id) {
    ctx.requireActor(actor);
    Objects.requireNonNull(id, "id");
    return ctx.inReadOnlyUnitOfWork(actor, () -> ctx.access().seesOpportunityChildren(actor, id)
        ? ctx.storage().stageHistory().countByOpportunity(id) : 0L);
  }

  @Override
  public Map<String, Duration> timeInStage(Actor actor, OpportunityId id) {
    return StageDurations.timeInStage(history(actor, id), ctx.now());
  }

  private Opportunity change(
      Actor actor, OpportunityId id, Long expectedVersion, Operation operation, Consumer<Opportunity> change) {
    return ctx.writers().opportunities().change(actor, id, expectedVersion, ChangeOrigin.DIRECT, operation, change);
  }
}
