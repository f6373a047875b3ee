package org.crmkit.application.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.crmkit.application.ConversionService;
import org.crmkit.application.ConvertLead;
import org.crmkit.conversion.BulkConversionResult;
import org.crmkit.conversion.ConversionAction;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionPreview;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.ValidationException;

/**
 * The lead conversion use cases. Each conversion plans first ({@link ConversionPlanner}: reads only, collects
 * every problem) and executes only a plan without problems ({@link ConversionExecutor}), in one unit of work, so a
 * rejection never leaves partial writes, even when the conversion joins an outer unit of work (a workflow).
 *
 * <p>A conversion in its own unit of work that loses a race (a {@link ConflictException}: the lead was converted
 * or changed meanwhile, or a concurrent conversion created the same account first) is planned and run again in a
 * fresh unit of work, up to {@value #ATTEMPTS} times in all: it then finds the lead already converted
 * (ALREADY_CONVERTED) or links the account the other conversion created. One retry is not enough when several
 * writers race for one lead (a second conversion and an edit of the lead, or conversions of other leads of the
 * company claiming the same account); the stress test saw such double losses.
 */
final class DefaultConversionService implements ConversionService {
  /** Attempts of a conversion in its own unit of work that keeps losing races; each loss means another commit. */
  static final int ATTEMPTS = 3;

  private final Context ctx;
  private final ConversionPolicies policies;
  private final ConversionPlanner planner;
  private final ConversionExecutor executor;
  private final ConversionUndo undo;
  private final BulkConversion bulk;
  private final int chunkSize;

  DefaultConversionService(Context ctx, DefaultOpportunityService opportunities, Collection<ConversionPolicy> given) {
    this(ctx, opportunities, given, BulkConversion.DEFAULT_CHUNK_SIZE);
  }

  /** @param chunkSize leads per unit of work in {@link #convertAll}; 1 converts each lead in its own */
  DefaultConversionService(Context ctx, DefaultOpportunityService opportunities, Collection<ConversionPolicy> given,
      int chunkSize) {
    this.ctx = ctx;
    this.policies = new ConversionPolicies(ctx, given);
    this.planner = new ConversionPlanner(ctx, policies);
    this.executor = new ConversionExecutor(ctx, opportunities);
    this.undo = new ConversionUndo(ctx);
    this.chunkSize = chunkSize;
    this.bulk = new BulkConversion(ctx, planner, executor, chunkSize, this::convertOne);
  }

  @Override
  public ConversionOutcome convert(Actor actor, ConvertLead command) {
    ctx.requireActor(actor);
    check(command);
    return convert(actor, command, false, null);
  }

  /** Converts inside the caller's unit of work when there is one (workflows), else in a new one. */
  ConversionOutcome convert(Actor actor, ConvertLead cmd, boolean automatic, String ruleId) {
    return convertNoting(actor, cmd, automatic, ruleId, new AtomicBoolean());
  }

  /**
   * Converts, retrying after a conflict (up to {@value #ATTEMPTS} attempts in all) when the conversion runs in its
   * own unit of work.
   *
   * @param committed set when the conversion's own unit of work committed (before the host's event publisher runs)
   */
  private ConversionOutcome convertNoting(
      Actor actor, ConvertLead cmd, boolean automatic, String ruleId, AtomicBoolean committed) {
    ConversionPolicy policy = policies.of(cmd);
    policies.checkOverrides(policy, cmd);
    AtomicBoolean joined = new AtomicBoolean(true);
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(actor, cmd, policy, automatic, ruleId, committed, joined);
      } catch (ConflictException e) {
        if (joined.get() || committed.get() || attempt == ATTEMPTS || cmd.expectedVersion() != null) {
          // inside an outer unit of work the conflict belongs to the caller; a committed one stands; a caller-given
          // expected version that is stale stays stale, so a retry could not succeed
          throw e;
        }
      }
    }
  }

  private ConversionOutcome attempt(Actor actor, ConvertLead cmd, ConversionPolicy policy, boolean automatic,
      String ruleId, AtomicBoolean committed, AtomicBoolean joined) {
    joined.set(inUnitOfWork());
    AtomicLong plannedVersion = new AtomicLong(-1);
    ConversionOutcome outcome = planAndExecute(actor, cmd, policy, automatic, ruleId, committed, plannedVersion);
    if (outcome instanceof ConversionOutcome.Rejected && !joined.get() && plannedVersion.get() >= 0) {
      // Reads inside a unit of work are not one snapshot: a conversion of the same lead that committed while this
      // one planned can leave a plan half old, half new (its contact seen, its account not) and so a false refusal.
      // A fresh read tells: when the lead is not as planned any more, that is a conflict, and the retry is truthful.
      long now = ctx.inUnitOfWork(actor, 
          () -> ctx.storage().leads().findById(cmd.leadId()).map(l -> l.version()).orElse(-1L));
      if (now != plannedVersion.get()) {
        throw new ConflictException("lead " + cmd.leadId() + " changed while its conversion was planned; nothing"
            + " was written. Retry");
      }
    }
    return outcome;
  }

  private ConversionOutcome planAndExecute(Actor actor, ConvertLead cmd, ConversionPolicy policy, boolean automatic,
      String ruleId, AtomicBoolean committed, AtomicLong plannedVersion) {
    return ctx.inUnitOfWork(actor, 
        () -> {
          ConversionPlan plan = planner.plan(actor, cmd, policy, automatic);
          plannedVersion.set(plan.lead.version());
          if (!plan.problems.isEmpty()) {
            return new ConversionOutcome.Rejected(cmd.leadId(), plan.problems); // only read: never "committed"
          }
          // registered before the executor emits, so it runs before the host's publisher sees this unit's events
          ctx.storage().unitOfWork().afterCommit(() -> committed.set(true));
          return new ConversionOutcome.Converted(cmd.leadId(), executor.execute(actor, plan, ruleId));
        });
  }

  /**
   * @return true when the calling thread is already inside a unit of work, whose after-commit actions wait (the
   *     port runs them at once outside one), or when the storage cannot say (a host's transaction)
   */
  private boolean inUnitOfWork() {
    AtomicBoolean ranAtOnce = new AtomicBoolean();
    try {
      ctx.storage().unitOfWork().afterCommit(() -> ranAtOnce.set(true));
    } catch (RuntimeException e) {
      return true; // a host that takes no action outside its transaction: no retry of our own
    }
    return !ranAtOnce.get();
  }

  @Override
  public ConversionPreview preview(Actor actor, ConvertLead command) {
    ctx.requireActor(actor);
    check(command);
    ConversionPolicy policy = policies.of(command);
    policies.checkOverrides(policy, command);
    return ctx.inUnitOfWork(actor, 
        () -> {
          ConversionPlan plan = planner.plan(actor, command, policy, false);
          return new ConversionPreview(command.leadId(), policy.id(), policy.version(), plan.targetPlans(),
              plan.problems);
        });
  }

  @Override
  public BulkConversionResult convertAll(Actor actor, List<ConvertLead> commands) {
    ctx.requireActor(actor);
    Objects.requireNonNull(commands, "commands");
    for (ConvertLead c : commands) {
      Objects.requireNonNull(c, "commands must not hold null");
      Objects.requireNonNull(c.leadId(), "every command needs a lead id");
    }
    if (chunkSize > 1 && commands.size() > 1 && !inUnitOfWork()) {
      return new BulkConversionResult(bulk.convert(actor, commands, c -> {
        check(c);
        ConversionPolicy policy = policies.of(c);
        policies.checkOverrides(policy, c);
        return policy;
      }));
    }
    // inside a caller's unit of work (whose transaction a chunk would share), or chunks of one: lead by lead
    List<BulkConversionResult.Item> items = new ArrayList<>();
    for (ConvertLead c : commands) {
      items.add(convertOne(actor, c));
    }
    return new BulkConversionResult(items);
  }

  /** One lead of a bulk conversion, in its own unit of work: an error stops only this lead. */
  private BulkConversionResult.Item convertOne(Actor actor, ConvertLead c) {
    AtomicBoolean committed = new AtomicBoolean();
    ConversionOutcome[] outcome = new ConversionOutcome[1];
    try {
      check(c);
      outcome[0] = convertNoting(actor, c, false, null, committed);
      return BulkConversionResult.Item.of(c.leadId(), outcome[0]);
    } catch (RuntimeException e) {
      if (committed.get()) {
        // The unit of work committed and only the host's event publisher failed afterwards: the lead is
        // converted. Find the record it committed and report the publisher's failure apart.
        Optional<ConversionRecord> record = ctx.inUnitOfWork(actor, () -> ctx.storage().conversionRecords()
            .findByLead(c.leadId()).stream().filter(r -> !r.isUndone()).reduce((first, second) -> second));
        if (record.isPresent()) {
          return BulkConversionResult.Item.publishedWithFailure(c.leadId(),
              new ConversionOutcome.Converted(c.leadId(), record.get()), e);
        }
      }
      return BulkConversionResult.Item.failed(c.leadId(), e);
    }
  }

  @Override
  public BulkConversionResult convertAll(Actor actor, Collection<LeadId> leadIds, String policyId) {
    Objects.requireNonNull(leadIds, "leadIds");
    return convertAll(actor, leadIds.stream().map(id -> ConvertLead.of(id).policyId(policyId)).toList());
  }

  @Override
  public List<ConversionRecord> records(Actor actor, LeadId leadId) {
    ctx.requireActor(actor);
    Objects.requireNonNull(leadId, "leadId");
    // conversion records follow their lead: a lead the actor may not see has none to them
    return ctx.inUnitOfWork(actor, () -> ctx.access().seesLeadChildren(actor, leadId)
        ? ctx.storage().conversionRecords().findByLead(leadId) : List.of());
  }

  @Override
  public long countRecords(Actor actor, LeadId leadId) {
    return records(actor, leadId).size();
  }

  @Override
  public Optional<ConversionRecord> record(Actor actor, ConversionId id) {
    ctx.requireActor(actor);
    Objects.requireNonNull(id, "id");
    return ctx.inUnitOfWork(actor, () -> ctx.storage().conversionRecords().findById(id)
        .filter(r -> ctx.access().seesLeadChildren(actor, r.leadId())));
  }

  @Override
  public ConversionPolicy policy(String id) {
    return policies.get(id);
  }

  @Override
  public Collection<ConversionPolicy> policies() {
    return policies.all();
  }

  @Override
  public UndoOutcome undo(Actor actor, LeadId leadId) {
    ctx.requireActor(actor);
    Objects.requireNonNull(leadId, "leadId");
    return ctx.inUnitOfWork(actor, () -> undo.undo(actor, leadId));
  }

  private void check(ConvertLead cmd) {
    ctx.validation().check(cmd);
    TargetChoice opp = cmd.opportunity();
    if (opp != null && opp.action() != ConversionAction.CREATE && opp.action() != ConversionAction.NONE) {
      throw ValidationException.of("opportunity",
          "an opportunity can only be created or skipped (CREATE or NONE), not " + opp.action());
    }
  }
}
