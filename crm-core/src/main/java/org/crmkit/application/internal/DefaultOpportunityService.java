package org.crmkit.application.internal;

import static org.crmkit.application.internal.DefaultLeadService.requireActor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.crmkit.account.Account;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.LoseOpportunity;
import org.crmkit.application.OpportunityRules;
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
import org.crmkit.opportunity.OpportunityChanged;
import org.crmkit.opportunity.OpportunityDraft;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;

final class DefaultOpportunityService implements OpportunityService {
  private final Context ctx;

  DefaultOpportunityService(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Opportunity create(Actor actor, CreateOpportunity cmd) {
    requireActor(actor);
    return ctx.inUnitOfWork(() -> {
      Opportunity saved = create(actor, cmd, ChangeOrigin.DIRECT, null);
      return ctx.current(saved, () -> ctx.storage.opportunities().findById(saved.id()));
    });
  }

  /**
   * Creates an opportunity inside the caller's unit of work, with its first history entry. Used by the public
   * use case and by other use cases (lead conversion, imports) that create opportunities.
   */
  Opportunity create(Actor actor, CreateOpportunity cmd, ChangeOrigin origin, LeadId sourceLead) {
    ctx.validation.check(cmd);
    CustomFields custom = Values.customFields(cmd.customFields());
    ctx.customFields.validate(RecordType.OPPORTUNITY, custom);
    Segments segments = Values.segments(cmd.segments());
    if (cmd.accountId() != null) {
      // An opportunity made for an account (directly, from its tool, or by conversion) takes the account's segment
      // values for every dimension the command leaves out.
      Optional<Account> account = ctx.storage.accounts().findById(cmd.accountId());
      if (account.isPresent()) {
        segments = ctx.segments.inherit(RecordType.OPPORTUNITY, segments, account.get().segments());
      }
    }
    ctx.segments.validate(RecordType.OPPORTUNITY, segments);
    Probability probability = cmd.probability() == null ? null : Probability.of(cmd.probability());
    OpportunityDraft draft = new OpportunityDraft(cmd.name(), cmd.accountId(), cmd.contactId(), cmd.amount(),
        probability, cmd.stage(), cmd.closeDate(), cmd.leadSource(), cmd.nextStep(), cmd.description(), segments,
        custom, sourceLead);
    UserId owner = cmd.owner() == null ? actor.userId() : cmd.owner();
    checkLinks(cmd.accountId(), cmd.contactId());
    Instant now = ctx.now();
    Opportunity opportunity =
        Opportunity.create(OpportunityId.of(ctx.ids.nextId()), owner, draft, ctx.pipeline, now, ctx.today());
    Opportunity saved = ctx.storage.opportunities().save(opportunity);
    record(new OpportunityChanged(ChangeKind.CREATED, origin, null, saved.snapshot(), now, actor));
    return saved;
  }

  @Override
  public CreateOpportunity prefillFromAccount(Actor actor, AccountId accountId) {
    requireActor(actor);
    Objects.requireNonNull(accountId, "accountId");
    Account account = ctx.inUnitOfWork(() -> ctx.storage.accounts().findById(accountId))
        .orElseThrow(() -> new RecordNotFoundException(RecordType.ACCOUNT, accountId));
    return CreateOpportunity.named(account.name() + " - new opportunity")
        .accountId(account.id())
        .segments(account.segments().values());
  }

  @Override
  public CreateOpportunity prefillFromContact(Actor actor, ContactId contactId) {
    requireActor(actor);
    Objects.requireNonNull(contactId, "contactId");
    return ctx.inUnitOfWork(
        () -> {
          Contact contact = ctx.storage.contacts().findById(contactId)
              .orElseThrow(() -> new RecordNotFoundException(RecordType.CONTACT, contactId));
          Optional<Account> account = contact.accountId().flatMap(id -> ctx.storage.accounts().findById(id));
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
    requireActor(actor);
    Objects.requireNonNull(id, "id");
    return ctx.inUnitOfWork(() -> ctx.storage.opportunities().findById(id));
  }

  @Override
  public Page<Opportunity> list(Actor actor, OpportunityQuery query, PageRequest page) {
    requireActor(actor);
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    return ctx.inUnitOfWork(() -> ctx.storage.opportunities().find(query, page));
  }

  @Override
  public Page<OpportunitySummary> listSummaries(Actor actor, OpportunityQuery query, PageRequest page) {
    requireActor(actor);
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(page, "page");
    return ctx.inUnitOfWork(() -> ctx.storage.opportunities().findSummaries(query, page));
  }

  @Override
  public Opportunity update(Actor actor, UpdateOpportunity cmd) {
    requireActor(actor);
    ctx.validation.check(cmd);
    CustomFields named = cmd.changes(Field.CUSTOM_FIELDS) ? Values.customFields(cmd.customFields()) : null;
    if (named != null) {
      ctx.customFields.validate(RecordType.OPPORTUNITY, named);
    }
    Segments namedSegments = cmd.changes(Field.SEGMENTS) ? Values.segments(cmd.segments()) : null;
    if (namedSegments != null) {
      ctx.segments.validate(RecordType.OPPORTUNITY, namedSegments);
    }
    return change(actor, cmd.id(), cmd.expectedVersion(), o -> {
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
        checkLinks(accountId, contactId);
        o.linkTo(accountId, contactId, now);
      }
      if (cmd.changes(Field.OWNER) && !cmd.owner().equals(o.owner())) {
        o.assignTo(cmd.owner(), now);
      }
      Money amount = Values.pick(cmd.changes(Field.AMOUNT), cmd.amount(), o.amount().orElse(null));
      if (!Objects.equals(amount, o.amount().orElse(null))) {
        new ForecastSync(ctx).beforeAmountChange(actor, o, amount);
        o.changeAmount(amount, now);
      }
      LocalDate closeDate = Values.pick(cmd.changes(Field.CLOSE_DATE), cmd.closeDate(), o.closeDate().orElse(null));
      if (!Objects.equals(closeDate, o.closeDate().orElse(null))) {
        o.changeCloseDate(closeDate, now);
      }
      if (cmd.changes(Field.PROBABILITY)) {
        applyProbability(o, cmd.probability(), now);
      }
    });
  }

  private void applyProbability(Opportunity o, Integer requested, Instant now) {
    boolean open = o.isOpen(ctx.pipeline);
    if (requested == null) {
      if (o.probabilityManual()) {
        o.resetProbability(ctx.pipeline, now);
      }
      return;
    }
    Probability p = Probability.of(requested);
    if (!open) {
      if (!p.equals(o.probability())) {
        throw new RuleViolationException(
            "opportunity " + o.id() + " is closed in stage " + o.stage() + "; its probability stays "
                + o.probability() + " (reopen it to change the probability)");
      }
      return;
    }
    if (!p.equals(o.probability()) || o.probabilityManual()) {
      o.overrideProbability(ctx.pipeline, p, now);
    }
  }

  @Override
  public Opportunity changeStage(Actor actor, ChangeStage cmd) {
    requireActor(actor);
    ctx.validation.check(cmd);
    ctx.pipeline.stage(cmd.stage());
    return change(actor, cmd.id(), cmd.expectedVersion(), o -> o.advanceTo(ctx.pipeline, cmd.stage(), ctx.now()));
  }

  @Override
  public Opportunity win(Actor actor, WinOpportunity cmd) {
    requireActor(actor);
    ctx.validation.check(cmd);
    return change(actor, cmd.id(), cmd.expectedVersion(),
        o -> o.win(ctx.pipeline, cmd.closedOn() == null ? ctx.today() : cmd.closedOn(), ctx.now()));
  }

  @Override
  public Opportunity lose(Actor actor, LoseOpportunity cmd) {
    requireActor(actor);
    ctx.validation.check(cmd);
    return change(actor, cmd.id(), cmd.expectedVersion(),
        o -> o.lose(ctx.pipeline, cmd.reason(), cmd.closedOn() == null ? ctx.today() : cmd.closedOn(), ctx.now()));
  }

  @Override
  public Opportunity reopen(Actor actor, ReopenOpportunity cmd) {
    requireActor(actor);
    ctx.validation.check(cmd);
    ctx.pipeline.stage(cmd.stage());
    return change(actor, cmd.id(), cmd.expectedVersion(), o -> o.reopen(ctx.pipeline, cmd.stage(), ctx.now()));
  }

  @Override
  public void delete(Actor actor, OpportunityId id, Long expectedVersion) {
    requireActor(actor);
    Objects.requireNonNull(id, "id");
    ctx.inUnitOfWork(
        () -> {
          Opportunity o = load(id, expectedVersion);
          new ForecastSync(ctx).opportunityDeleted(actor, id);
          ctx.storage.opportunities().delete(id, o.version());
          ctx.emit(new OpportunityChanged(ChangeKind.DELETED, ChangeOrigin.DIRECT, o.snapshot(), null, ctx.now(), actor));
          return null;
        });
  }

  @Override
  public List<StageHistoryEntry> history(Actor actor, OpportunityId id) {
    requireActor(actor);
    Objects.requireNonNull(id, "id");
    return ctx.inUnitOfWork(() -> ctx.storage.stageHistory().findByOpportunity(id));
  }

  @Override
  public long historyCount(Actor actor, OpportunityId id) {
    requireActor(actor);
    Objects.requireNonNull(id, "id");
    return ctx.inUnitOfWork(() -> ctx.storage.stageHistory().countByOpportunity(id));
  }

  @Override
  public Map<String, Duration> timeInStage(Actor actor, OpportunityId id) {
    return StageDurations.timeInStage(history(actor, id), ctx.now());
  }

  /** Loads, changes, saves, records history and queues the event, all in one unit of work. */
  private Opportunity change(Actor actor, OpportunityId id, Long expectedVersion, Consumer<Opportunity> change) {
    return ctx.inUnitOfWork(
        () -> {
          Opportunity o = load(id, expectedVersion);
          OpportunitySnapshot before = o.snapshot();
          change.accept(o);
          Opportunity saved = ctx.storage.opportunities().save(o);
          record(new OpportunityChanged(ChangeKind.UPDATED, ChangeOrigin.DIRECT, before, saved.snapshot(), ctx.now(), actor));
          return ctx.current(saved, () -> ctx.storage.opportunities().findById(saved.id()));
        });
  }

  private void record(OpportunityChanged event) {
    ctx.history.record(event);
    ctx.emit(event);
  }

  private Opportunity load(OpportunityId id, Long expectedVersion) {
    Opportunity o = ctx.storage.opportunities().findById(id)
        .orElseThrow(() -> new RecordNotFoundException(RecordType.OPPORTUNITY, id));
    Values.checkVersion(RecordType.OPPORTUNITY, id, expectedVersion, o.version());
    return o;
  }

  private void checkLinks(AccountId accountId, ContactId contactId) {
    OpportunityRules rules = ctx.opportunityRules;
    java.util.List<FieldError> errors = new java.util.ArrayList<>();
    if (rules.accountRequired() && accountId == null) {
      errors.add(new FieldError("accountId", "is required: every opportunity must be linked to an account"));
    }
    if (rules.contactRequired() && contactId == null) {
      errors.add(new FieldError("contactId", "is required: every opportunity must be linked to a contact"));
    }
    if (accountId != null && ctx.storage.accounts().findById(accountId).isEmpty()) {
      errors.add(new FieldError("accountId", "account " + accountId + " does not exist"));
    }
    if (contactId != null) {
      Optional<Contact> contact = ctx.storage.contacts().findById(contactId);
      if (contact.isEmpty()) {
        errors.add(new FieldError("contactId", "contact " + contactId + " does not exist"));
      } else if (rules.contactMustBelongToAccount()
          && accountId != null
          && !contact.get().accountId().map(accountId::equals).orElse(false)) {
        errors.add(new FieldError("contactId", "contact " + contactId + " does not belong to account " + accountId
            + "; link the contact's own account or move the contact first"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }
}
