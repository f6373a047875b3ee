package org.crmkit.application.internal;

import static org.crmkit.application.internal.RecordFields.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.internal.ConversionPlan.Draft;
import org.crmkit.conversion.BulkConversionResult.Item;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.DuplicateCandidate;
import org.crmkit.conversion.Disposition;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.Actor;
import org.crmkit.shared.DomainEvent;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.RecordId;

/**
 * {@code convertAll} in chunks: up to {@code chunkSize} leads share one unit of work (one transaction, one commit,
 * and on a database batched inserts), each lead keeps its own outcome, and a chunk that fails is converted again
 * lead by lead, each in its own unit of work, so one bad lead never undoes the others.
 *
 * <p>Inside a chunk every lead is planned and executed exactly as a single conversion (the same duplicate checks
 * before any insert, the same writers, history and events). What a chunk adds is the order of the work: a lead is
 * planned (reads only) and its writes are held back in a <em>group</em> as long as nothing the group will write could
 * change what a later lead's planning reads. That is decided from the plans ({@link Footprint}): the same lead, an
 * account or contact the group links or fills, an account whose match key the later lead's key matches, a contact
 * with the later lead's e-mail address. When a later lead depends on the group, the group is executed and flushed
 * ({@link org.crmkit.shared.UnitOfWork#flush()}) and that lead is planned again, now seeing the group's records, as
 * it would have seen them had the previous lead committed first: two leads of one new company in one chunk end as
 * they would one after the other (the second links the account the first created). A group's reads therefore run
 * before its writes, so a database adapter sends the group's inserts as JDBC batches instead of flushing each lead
 * before the next one's queries. With workflow rules (whose actions may write anything) every lead is executed
 * right after it is planned: still one transaction per chunk, but no look-ahead.
 *
 * <p>Events are collected per lead while the chunk runs and published after the chunk's commit, lead by lead in
 * order; a publisher failure is that lead's {@code publicationFailure} and does not stop the other leads'
 * publication. A lead rejected with reasons is checked after the commit as a single conversion checks it: when the
 * lead changed meanwhile it is converted again on its own.
 */
final class BulkConversion {
  /** Leads per unit of work unless the builder says otherwise; Salesforce converts up to 100 per call. */
  static final int DEFAULT_CHUNK_SIZE = 100;

  private final Context ctx;
  private final ConversionPlanner planner;
  private final ConversionExecutor executor;
  private final int chunkSize;
  private final BiFunction<Actor, ConvertLead, Item> alone;

  /**
   * @param alone converts one lead in its own unit of work, as {@code convertAll} did one lead at a time: the
   *     fallback for the leads of a failed chunk and for rejected leads that changed while the chunk ran
   */
  BulkConversion(Context ctx, ConversionPlanner planner, ConversionExecutor executor, int chunkSize,
      BiFunction<Actor, ConvertLead, Item> alone) {
    this.ctx = ctx;
    this.planner = planner;
    this.executor = executor;
    this.chunkSize = chunkSize;
    this.alone = alone;
  }

  /** One lead of a chunk: the command, its checked policy, and what became of it. */
  private static final class Entry {
    final ConvertLead cmd;
    final ConversionPolicy policy;
    final List<DomainEvent> events = new ArrayList<>();
    ConversionPlan plan;
    long plannedVersion = -1;
    ConversionOutcome outcome;
    RuntimeException publicationFailure;
    Item item;

    Entry(ConvertLead cmd, ConversionPolicy policy) {
      this.cmd = cmd;
      this.policy = policy;
    }
  }

  /**
   * Converts {@code commands} in chunks.
   *
   * @param check the per-command checks of a single conversion (validation, policy and overrides); what it throws
   *     is that lead's error
   * @return one item per command, in order
   */
  List<Item> convert(Actor actor, List<ConvertLead> commands, Function<ConvertLead, ConversionPolicy> check) {
    List<Entry> all = new ArrayList<>(commands.size());
    List<Entry> chunk = new ArrayList<>(chunkSize);
    for (ConvertLead c : commands) {
      Entry entry;
      try {
        entry = new Entry(c, check.apply(c));
        chunk.add(entry);
      } catch (RuntimeException e) {
        entry = new Entry(c, null);
        entry.item = Item.failed(c.leadId(), e);
      }
      all.add(entry);
      if (chunk.size() == chunkSize) {
        convertChunk(actor, chunk);
        chunk = new ArrayList<>(chunkSize);
      }
    }
    if (!chunk.isEmpty()) {
      convertChunk(actor, chunk);
    }
    return all.stream().map(e -> e.item).toList();
  }

  private void convertChunk(Actor actor, List<Entry> chunk) {
    AtomicBoolean committed = new AtomicBoolean();
    Run run = new Run(actor);
    try {
      ctx.inUnitOfWork(actor, () -> {
        // registered first, so it runs before any lead's events are published
        ctx.storage().unitOfWork().afterCommit(() -> committed.set(true));
        for (Entry e : chunk) {
          run.plan(e);
        }
        run.executeGroup();
        for (Entry e : chunk) {
          if (!e.events.isEmpty()) {
            ctx.storage().unitOfWork().afterCommit(() -> e.publicationFailure = publish(e.events));
          }
        }
        return null;
      });
    } catch (RuntimeException e) {
      if (!committed.get()) {
        // nothing of the chunk was written: every lead again on its own, so the bad one fails alone
        for (Entry entry : chunk) {
          entry.item = alone.apply(actor, entry.cmd);
        }
        return;
      }
      // committed, and an after-commit action that is not a lead's publication failed: the outcomes stand
      for (Entry entry : chunk) {
        entry.item = entry.outcome instanceof ConversionOutcome.Converted
            ? Item.publishedWithFailure(entry.cmd.leadId(), entry.outcome, e) : Item.of(entry.cmd.leadId(), entry.outcome);
      }
      return;
    }
    List<Entry> rejected = new ArrayList<>();
    for (Entry e : chunk) {
      if (e.publicationFailure != null) {
        e.item = Item.publishedWithFailure(e.cmd.leadId(), e.outcome, e.publicationFailure);
      } else {
        e.item = Item.of(e.cmd.leadId(), e.outcome);
        if (e.outcome instanceof ConversionOutcome.Rejected && e.plannedVersion >= 0) {
          rejected.add(e);
        }
      }
    }
    recheck(actor, rejected);
  }

  /**
   * Reads inside a unit of work are not one snapshot: a rejection may come from a plan that saw a concurrent
   * conversion of the same lead half done. As for a single conversion, a lead that is no longer at the planned
   * version is converted again, on its own.
   */
  private void recheck(Actor actor, List<Entry> rejected) {
    if (rejected.isEmpty()) {
      return;
    }
    Map<LeadId, Long> now = ctx.inUnitOfWork(actor, () -> {
      Map<LeadId, Long> versions = new HashMap<>();
      for (Entry e : rejected) {
        versions.put(e.cmd.leadId(),
            ctx.storage().leads().findById(e.cmd.leadId()).map(l -> l.version()).orElse(-1L));
      }
      return versions;
    });
    for (Entry e : rejected) {
      if (now.get(e.cmd.leadId()) != e.plannedVersion) {
        e.item = alone.apply(actor, e.cmd);
      }
    }
  }

  /** Publishes one lead's events in order; the first failure is returned, later ones added to it as suppressed. */
  private RuntimeException publish(List<DomainEvent> events) {
    RuntimeException failure = null;
    for (DomainEvent event : events) {
      try {
        ctx.publish(event);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    return failure;
  }

  /** The work of one chunk inside its unit of work: plans, the group of plans not executed yet, and its footprint. */
  private final class Run {
    private final Actor actor;
    private final List<Entry> group = new ArrayList<>();
    private Footprint footprint = new Footprint();

    Run(Actor actor) {
      this.actor = actor;
    }

    void plan(Entry e) {
      ConversionPlan plan = planner.plan(actor, e.cmd, e.policy, false);
      if (!group.isEmpty() && !footprint.independentOf(plan)) {
        executeGroup();
        plan = planner.plan(actor, e.cmd, e.policy, false); // now it sees what the group wrote
      }
      e.plannedVersion = plan.lead.version();
      if (!plan.problems.isEmpty()) {
        e.outcome = new ConversionOutcome.Rejected(e.cmd.leadId(), plan.problems);
        return;
      }
      e.plan = plan;
      group.add(e);
      footprint.add(plan);
      if (ctx.listening()) {
        executeGroup(); // workflow rules may write anything: no look-ahead past a lead
      }
    }

    void executeGroup() {
      for (Entry e : group) {
        ConversionPlan plan = e.plan;
        e.outcome = new ConversionOutcome.Converted(e.cmd.leadId(),
            ctx.collectingEvents(e.events, () -> executor.execute(actor, plan, null)));
        e.plan = null;
      }
      if (!group.isEmpty()) {
        group.clear();
        footprint = new Footprint();
        ctx.storage().unitOfWork().flush();
      }
    }
  }

  /**
   * What a group of planned conversions will write, as far as a later lead's planning could read it: the leads, the
   * accounts and contacts it links (fills, links new records into them), the match keys of the accounts it creates
   * or fills, the e-mail addresses of the contacts it creates or fills, and the record types it creates in order.
   * Conservative: when in doubt, a later lead is dependent and the group is executed first.
   */
  private static final class Footprint {
    /** Accounts, contacts and opportunities, in the order their foreign keys allow them to be inserted. */
    private static final List<ConversionTarget> INSERT_ORDER =
        List.of(ConversionTarget.ACCOUNT, ConversionTarget.CONTACT, ConversionTarget.OPPORTUNITY);

    private final Set<LeadId> leads = new HashSet<>();
    private final Set<RecordId> linked = new HashSet<>();
    /**
     * The compact names and the domains of the accounts the group creates or fills: a later lead's account key
     * matches one of them ({@link AccountMatchKey#reasonsToMatch}, either way round) exactly when its compact name or
     * its domain is among them (the same normalised name has the same compact name). Sets, so that a chunk's check
     * costs the same for its last lead as for its first.
     */
    private final Set<String> accountNames = new HashSet<>();
    private final Set<String> accountDomains = new HashSet<>();
    private final Set<String> emails = new HashSet<>();
    private final Set<ConversionTarget> created = new HashSet<>();
    private int highestCreated = -1;

    boolean independentOf(ConversionPlan p) {
      if (leads.contains(p.lead.id())) {
        return false;
      }
      for (ConversionTarget t : List.of(ConversionTarget.ACCOUNT, ConversionTarget.CONTACT)) {
        Draft d = p.draft(t);
        if (d == null) {
          continue;
        }
        if (d.existingId.isPresent() && linked.contains(d.existingId.get())) {
          return false;
        }
        for (DuplicateCandidate c : d.candidates) {
          if (linked.contains(c.id())) {
            return false;
          }
        }
      }
      if (p.accountKey != null && !p.accountKey.isEmpty()) {
        String name = p.accountKey.compactName();
        String domain = p.accountKey.domain();
        if ((name != null && accountNames.contains(name)) || (domain != null && accountDomains.contains(domain))) {
          return false;
        }
      }
      if (p.contactEmail != null && emails.contains(p.contactEmail.normalized())) {
        return false;
      }
      // A database adapter may send the group's inserts grouped by table, in the order each table first appears:
      // a table first appearing after one that refers to it would insert the referring rows first.
      for (ConversionTarget t : INSERT_ORDER) {
        Draft d = p.draft(t);
        if (d != null && d.disposition == Disposition.CREATED && !created.contains(t)
            && INSERT_ORDER.indexOf(t) < highestCreated) {
          return false;
        }
      }
      return true;
    }

    void add(ConversionPlan p) {
      leads.add(p.lead.id());
      Draft a = p.draft(ConversionTarget.ACCOUNT);
      if (a != null && a.disposition == Disposition.LINKED) {
        linked.add(a.account.id());
        if (!a.values.isEmpty()) {
          addAccountKey(ConversionMapping.merge(a.current, a.values));
        }
      } else if (a != null && a.disposition == Disposition.CREATED) {
        addAccountKey(a.values);
      }
      Draft c = p.draft(ConversionTarget.CONTACT);
      if (c != null && c.disposition == Disposition.LINKED) {
        linked.add(c.contact.id());
        addEmail(ConversionMapping.merge(c.current, c.values));
      } else if (c != null && c.disposition == Disposition.CREATED) {
        addEmail(c.values);
      }
      for (ConversionTarget t : INSERT_ORDER) {
        Draft d = p.draft(t);
        if (d != null && d.disposition == Disposition.CREATED && created.add(t)) {
          highestCreated = Math.max(highestCreated, INSERT_ORDER.indexOf(t));
        }
      }
    }

    private void addAccountKey(Map<String, CustomValue> values) {
      AccountMatchKey key = AccountMatchKey.of(RecordFields.toAccountDetails(values));
      if (key.compactName() != null) {
        accountNames.add(key.compactName());
      }
      if (key.domain() != null) {
        accountDomains.add(key.domain());
      }
    }

    private void addEmail(Map<String, CustomValue> values) {
      EmailAddress email = ContactDuplicateFinder.parseEmail(text(values, "email"));
      if (email != null) {
        emails.add(email.normalized());
      }
    }
  }
}
