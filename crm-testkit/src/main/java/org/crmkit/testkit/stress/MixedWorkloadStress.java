package org.crmkit.testkit.stress;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.account.AccountMatchKey;
import org.crmkit.account.AccountQuery;
import org.crmkit.application.ChangeStage;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateContact;
import org.crmkit.application.CreateLead;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.application.UpdateLead;
import org.crmkit.application.UpdateOpportunity;
import org.crmkit.contact.ContactQuery;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionProblem;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.Disposition;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.conversion.UndoOutcome;
import org.crmkit.lead.Lead;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.pipeline.StageKind;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.OutcomeUnknownException;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RecordReadOnlyException;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.StorageException;
import org.crmkit.shared.ValidationException;
import org.crmkit.storage.CrmStorage;

/**
 * A bounded stress run of mixed concurrent work through the public {@link Crm} API, with the invariants checked
 * afterwards. Published so that an adapter author can run it against their own storage.
 *
 * <p>Each round creates fresh records, then starts thirteen operations at once on them: two conversions of the same
 * lead, two more conversions of leads of the same company (all {@code MATCH_OR_CREATE} for the account), an edit
 * of the lead being converted, two amount edits and a stage change of one opportunity, the delete of an account
 * while an opportunity and a contact are created for it, and the undo of a conversion while the opportunity it
 * created is edited. Rounds run until the time or the round limit is reached, whichever comes first.
 *
 * <p>Afterwards it checks, through the API (plus any storage-level {@linkplain Builder#check checks} the caller
 * adds, such as plain SQL):
 *
 * <ul>
 *   <li>exactly one standing conversion per converted lead, none for the others, one record per acknowledged
 *       conversion, and the lead's conversion ids equal to its record's;
 *   <li>no conversion committed from a lead as it was before an acknowledged edit;
 *   <li>no two accounts with the same normalised match key among the accounts conversions created;
 *   <li>no opportunity or contact linked to an account (or contact) that does not exist, and never both an
 *       acknowledged account delete and an acknowledged link to it;
 *   <li>never both an acknowledged undo and an acknowledged edit of the opportunity the undo deletes;
 *   <li>history entries of each opportunity equal to its creation plus its acknowledged tracked changes; every
 *       acknowledged write of an opportunity returned its own version, and the stored version equals the first
 *       version plus the acknowledged writes;
 *   <li>no operation ended in an exception its use case does not document for that situation.
 * </ul>
 */
public final class MixedWorkloadStress {
  private static final Actor SETUP = Actor.user("stress-setup");
  private static final Actor ALICE = Actor.user("alice");
  private static final Actor BOB = Actor.user("bob");
  private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(60);

  private final Crm crm;
  private final String description;
  private final Duration duration;
  private final int maxRounds;
  private final long seed;
  private final Map<String, LongSupplier> checks;
  private final List<String> openStages;

  private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
  private final Set<String> companies = ConcurrentHashMap.newKeySet();
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final LongAdder operations = new LongAdder();
  private final LongAdder successes = new LongAdder();
  private final LongAdder conflicts = new LongAdder();
  private final LongAdder refusals = new LongAdder();
  private final LongAdder unexpected = new LongAdder();

  private MixedWorkloadStress(Builder b) {
    this.crm = Crm.builder().storage(b.storage).build();
    this.description = b.description;
    this.duration = b.duration;
    this.maxRounds = b.maxRounds;
    this.seed = b.seed;
    this.checks = new LinkedHashMap<>(b.checks);
    this.openStages = crm.pipeline().stages().stream()
        .filter(s -> s.kind() == StageKind.OPEN)
        .map(SalesStage::key)
        .toList();
  }

  /**
   * @param storage the storage to stress; should be empty (records of earlier runs are checked too)
   * @param description how the report names the storage, e.g. "PostgreSQL 16"
   * @return a builder with defaults: 30 seconds, at most 2,000 rounds, seed 9
   */
  public static Builder on(CrmStorage storage, String description) {
    return new Builder(storage, description);
  }

  /** Configures a run. Not thread-safe. */
  public static final class Builder {
    private final CrmStorage storage;
    private final String description;
    private Duration duration = Duration.ofSeconds(30);
    private int maxRounds = 2_000;
    private long seed = 9;
    private final Map<String, LongSupplier> checks = new LinkedHashMap<>();

    private Builder(CrmStorage storage, String description) {
      this.storage = Objects.requireNonNull(storage, "storage");
      this.description = Objects.requireNonNull(description, "description");
    }

    /** No new round starts after this time; the run then checks the invariants. */
    public Builder duration(Duration value) {
      this.duration = Objects.requireNonNull(value, "duration");
      return this;
    }

    /** The run stops after this many rounds even if time is left. */
    public Builder maxRounds(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxRounds must be 1 or more, was " + value);
      }
      this.maxRounds = value;
      return this;
    }

    /** The seed of the random choices (stages, amounts, the order operations are started in). */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Adds a check run after the workload, for example plain SQL that counts rows linked to missing rows.
     *
     * @param name what the check looks for, used in the violation's text
     * @param violations counts the violations it finds; 0 when the invariant holds
     */
    public Builder check(String name, LongSupplier violations) {
      checks.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(violations, "violations"));
      return this;
    }

    /** @return the report of the run, the invariants checked; never throws for a violation */
    public StressReport run() {
      return new MixedWorkloadStress(this).execute();
    }
  }

  private StressReport execute() {
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    Random random = new Random(seed);
    List<Round> rounds = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(13, r -> {
      Thread t = new Thread(r, "crmkit-stress");
      t.setDaemon(true);
      return t;
    });
    try {
      while (rounds.size() < maxRounds && System.nanoTime() < deadline) {
        Round round = new Round(rounds.size(), random.nextLong());
        try {
          round.setUp();
        } catch (RuntimeException e) {
          violation("setup failed", "round " + round.number + ": setup failed (no concurrency yet): " + e);
          break;
        }
        rounds.add(round);
        round.runConcurrently(pool);
      }
    } finally {
      pool.shutdownNow();
    }
    checkInvariants(rounds);
    checks.forEach((name, check) -> {
      long found = check.getAsLong();
      if (found != 0) {
        violation("storage check failed", name + ": " + found);
      }
    });
    Map<String, Long> figures = new HashMap<>();
    outcomes.forEach((k, v) -> figures.put(k, v.sum()));
    return new StressReport(description, rounds.size(), operations.sum(), successes.sum(), conflicts.sum(),
        refusals.sum(), unexpected.sum(), figures, violations, Duration.ofNanos(System.nanoTime() - start));
  }

  /** One burst of concurrent operations on records created for it, and what the API acknowledged. */
  private final class Round {
    final int number;
    final Random random;
    final String company;
    final LeadId[] leads = new LeadId[3];
    final AtomicInteger[] conversionsAcknowledged = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    LeadId undoLead;
    OpportunityId undoOpportunity;
    long undoOpportunityVersion;
    OpportunityId opportunity;
    long opportunityVersion;
    AccountId doomed;

    volatile Long leadEditVersion;
    volatile String leadEditDescription;
    final List<Long> opportunityWrites = Collections.synchronizedList(new ArrayList<>());
    volatile boolean undoAcknowledged;
    volatile boolean undoOpportunityEdited;
    volatile boolean doomedDeleted;
    volatile OpportunityId linkedOpportunity;
    volatile ContactId linkedContact;

    Round(int number, long seed) {
      this.number = number;
      this.random = new Random(seed);
      this.company = word() + " " + word();
      companies.add(AccountMatchKey.normalizeName(company));
    }

    /**
     * A random word, so that no two rounds' companies share a token or a domain: matching by similarity must not
     * connect the records of different rounds.
     */
    private String word() {
      StringBuilder w = new StringBuilder().append((char) ('A' + random.nextInt(26)));
      for (int i = 0; i < 7; i++) {
        w.append((char) ('a' + random.nextInt(26)));
      }
      return w.toString();
    }

    private String domain(String name) {
      return name.toLowerCase(java.util.Locale.ROOT).replace(" ", "") + ".example";
    }

    void setUp() {
      String domain = domain(company);
      for (int i = 0; i < leads.length; i++) {
        leads[i] = crm.leads().create(SETUP,
            CreateLead.of(word(), word(), company, "p" + i + "@" + domain)).id();
      }
      String undoCompany = word() + " " + word();
      undoLead = crm.leads().create(SETUP,
          CreateLead.of("Una", "Undo", undoCompany, "una@" + domain(undoCompany))).id();
      ConversionOutcome converted = crm.conversions().convert(SETUP, ConvertLead.of(undoLead));
      if (!(converted instanceof ConversionOutcome.Converted c) || c.opportunityId().isEmpty()) {
        throw new IllegalStateException("the undo lead did not convert with an opportunity: " + converted);
      }
      undoOpportunity = c.opportunityId().get();
      undoOpportunityVersion = crm.opportunities().get(SETUP, undoOpportunity).version();
      Opportunity o = crm.opportunities().create(SETUP, CreateOpportunity.named("Stress deal R" + number)
          .amount(Money.of("1000.00", "EUR")));
      opportunity = o.id();
      opportunityVersion = o.version();
      doomed = crm.accounts().create(SETUP, CreateAccount.named(word() + " " + word())).id();
    }

    void runConcurrently(ExecutorService pool) {
      Map<String, Runnable> tasks = new LinkedHashMap<>();
      tasks.put("convert same lead (1 of 2)", () -> convert(0, ALICE));
      tasks.put("convert same lead (2 of 2)", () -> convert(0, BOB));
      tasks.put("convert other lead of the company", () -> convert(1, ALICE));
      tasks.put("convert third lead of the company", () -> convert(2, BOB));
      tasks.put("edit the lead being converted", this::editLead);
      tasks.put("change opportunity stage", this::changeStage);
      tasks.put("edit opportunity amount (1 of 2)", this::editAmount);
      tasks.put("edit opportunity amount (2 of 2)", this::editAmount);
      tasks.put("delete account", this::deleteAccount);
      tasks.put("create opportunity for the deleted account", this::linkOpportunity);
      tasks.put("create contact for the deleted account", this::linkContact);
      tasks.put("undo conversion", this::undo);
      tasks.put("edit opportunity the undo deletes", this::editUndoOpportunity);
      List<String> names = new ArrayList<>(tasks.keySet());
      Collections.shuffle(names, random);
      CountDownLatch go = new CountDownLatch(1);
      Map<String, Future<?>> running = new LinkedHashMap<>();
      for (String name : names) {
        running.put(name, pool.submit(() -> {
          go.await();
          operation(name, tasks.get(name));
          return null;
        }));
      }
      go.countDown();
      long until = System.nanoTime() + OPERATION_TIMEOUT.toNanos();
      running.forEach((name, f) -> {
        try {
          f.get(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          f.cancel(true);
          violation("operation hung", "round " + number + ": '" + name + "' did not finish within " + OPERATION_TIMEOUT);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
          violation("harness error", "round " + number + ": '" + name + "' failed in the harness: " + e.getCause());
        }
      });
    }

    private void operation(String name, Runnable body) {
      operations.increment();
      try {
        body.run();
      } catch (ConflictException e) {
        conflicts.increment();
        count(name + ": ConflictException");
      } catch (Refusal e) {
        refusals.increment();
        count(name + ": " + e.getMessage());
      } catch (RuntimeException e) {
        if (expected(name, e)) {
          refusals.increment();
          count(name + ": " + e.getClass().getSimpleName());
        } else {
          unexpected.increment();
          count(name + ": UNEXPECTED " + e.getClass().getSimpleName());
          violation("undocumented exception", "round " + number + ": '" + name + "' ended in " + e);
        }
      } catch (Error e) {
        unexpected.increment();
        violation("undocumented exception", "round " + number + ": '" + name + "' ended in " + e);
      }
    }

    /**
     * The exceptions each use case documents (the "Refusals" of its service's Javadoc) for what the other operations
     * of the round can do to it. {@link ConflictException} is counted apart, as a conflict, for every operation.
     */
    private boolean expected(String name, RuntimeException e) {
      if (name.startsWith("edit the lead")) {
        return e instanceof RecordReadOnlyException;            // converted meanwhile (LeadService#update)
      }
      if (name.equals("delete account")) {
        return (e instanceof RuleViolationException && !(e instanceof RecordReadOnlyException))  // still linked
            || isForeignKeyViolation(e);
      }
      if (name.startsWith("create ")) {
        return e instanceof RecordNotFoundException || e instanceof ValidationException   // account deleted
            || (e instanceof RuleViolationException && !(e instanceof RecordReadOnlyException))
            || isForeignKeyViolation(e);
      }
      if (name.startsWith("edit opportunity the undo")) {
        return e instanceof RecordNotFoundException;            // undone meanwhile
      }
      return false;   // conversions: a converted value or ConflictException; RecordReadOnlyException is not one
    }

    /**
     * A delete and a new link committing at the same moment: a database refuses the second with a foreign-key
     * violation, which the JPA adapter reports as a {@link StorageException} (never an
     * {@link OutcomeUnknownException}) naming the SQLSTATE, as docs/PERSISTENCE.md documents ("Foreign keys under
     * concurrency"). The in-memory storage gives the loser a ConflictException instead. Either way one of the two is
     * refused; the invariants below check that no dangling link remains.
     */
    private static boolean isForeignKeyViolation(RuntimeException e) {
      if (!(e instanceof StorageException) || e instanceof OutcomeUnknownException) {
        return false;
      }
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof java.sql.SQLException sql && ("23503".equals(sql.getSQLState())
            || "23506".equals(sql.getSQLState()))) {
          return true;
        }
      }
      return false;
    }

    private void convert(int lead, Actor actor) {
      ConversionOutcome outcome = crm.conversions().convert(actor,
          ConvertLead.of(leads[lead]).account(TargetChoice.matchOrCreate()));
      if (outcome instanceof ConversionOutcome.Rejected r) {
        boolean alreadyConverted = r.problems().stream()
            .allMatch(p -> p.reason() == ConversionProblem.Reason.ALREADY_CONVERTED);
        if (alreadyConverted) {
          throw new Refusal("rejected ALREADY_CONVERTED");
        }
        unexpected.increment();
        count("convert: UNEXPECTED rejection");
        violation("conversion rejected instead of linking", "round " + number + ": conversion of lead " + lead + " of one company was rejected"
            + " instead of linking the account another conversion created: " + r.problems());
        return;
      }
      conversionsAcknowledged[lead].incrementAndGet();
      acknowledged("convert");
    }

    private void editLead() {
      Lead l = crm.leads().get(ALICE, leads[0]);
      String text = "edited in round " + number + " at version " + l.version();
      Lead after = crm.leads().update(ALICE, UpdateLead.of(l.id(), l.version()).description(text));
      leadEditDescription = text;
      leadEditVersion = after.version();
      acknowledged("edit lead");
    }

    private void changeStage() {
      Opportunity o = crm.opportunities().get(BOB, opportunity);
      List<String> others = openStages.stream().filter(s -> !s.equals(o.stage())).toList();
      String stage = others.get(random(others.size()));
      Opportunity after = crm.opportunities().changeStage(BOB, ChangeStage.of(o.id(), o.version(), stage));
      opportunityWrites.add(after.version());
      acknowledged("change stage");
    }

    private void editAmount() {
      Opportunity o = crm.opportunities().get(ALICE, opportunity);
      Opportunity after = crm.opportunities().update(ALICE, UpdateOpportunity.of(o.id(), o.version()).amount(otherAmount(o)));
      opportunityWrites.add(after.version());
      acknowledged("edit amount");
    }

    private void deleteAccount() {
      crm.accounts().delete(ALICE, doomed, null);
      doomedDeleted = true;
      acknowledged("delete account");
    }

    private void linkOpportunity() {
      linkedOpportunity = crm.opportunities().create(BOB,
          CreateOpportunity.named("Linked R" + number).accountId(doomed)).id();
      acknowledged("create linked opportunity");
    }

    private void linkContact() {
      linkedContact = crm.contacts().create(BOB,
          CreateContact.of(doomed, "Lin", "Ked", "lin" + number + "@doomed.example")).id();
      acknowledged("create linked contact");
    }

    private void undo() {
      UndoOutcome outcome = crm.conversions().undo(ALICE, undoLead);
      if (outcome instanceof UndoOutcome.Refused) {
        throw new Refusal("refused");
      }
      undoAcknowledged = true;
      acknowledged("undo");
    }

    private void editUndoOpportunity() {
      Opportunity o = crm.opportunities().get(BOB, undoOpportunity);
      crm.opportunities().update(BOB, UpdateOpportunity.of(o.id(), o.version()).amount(otherAmount(o)));
      undoOpportunityEdited = true;
      acknowledged("edit opportunity of the undo");
    }

    private Money otherAmount(Opportunity o) {
      Money next;
      do {
        next = Money.of(BigDecimal.valueOf(100 + random(1_000_000), 2), "EUR");
      } while (o.amount().map(next::equals).orElse(false));
      return next;
    }

    private synchronized int random(int bound) {
      return random.nextInt(bound);
    }
  }

  /** An expected business "no" that a use case returned as a value. */
  private static final class Refusal extends RuntimeException {
    Refusal(String what) {
      super(what, null, false, false);
    }
  }

  /** Records a broken invariant: {@code kind} names it (the report groups by it), {@code detail} the case. */
  private void violation(String kind, String detail) {
    violations.add(kind + " -- " + detail);
  }

  private void acknowledged(String what) {
    successes.increment();
    count(what + ": acknowledged");
  }

  private void count(String key) {
    outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  // ----------------------------------------------------------------------------------------------------------
  // Invariants

  private void checkInvariants(List<Round> rounds) {
    Map<AccountId, Account> accounts = new HashMap<>();
    forAll(p -> crm.accounts().list(SETUP, AccountQuery.all(), p), a -> accounts.put(a.id(), a));
    Set<ContactId> contacts = new HashSet<>();
    forAll(p -> crm.contacts().list(SETUP, ContactQuery.all(), p), c -> {
      contacts.add(c.id());
      c.accountId().filter(a -> !accounts.containsKey(a)).ifPresent(a ->
          violation("dangling link", "contact " + c.id() + " links account " + a + ", which does not exist"));
    });
    forAll(p -> crm.opportunities().list(SETUP, OpportunityQuery.all(), p), o -> {
      o.accountId().filter(a -> !accounts.containsKey(a)).ifPresent(a ->
          violation("dangling link", "opportunity " + o.id() + " links account " + a + ", which does not exist"));
      o.contactId().filter(c -> !contacts.contains(c)).ifPresent(c ->
          violation("dangling link", "opportunity " + o.id() + " links contact " + c + ", which does not exist"));
    });

    Map<String, List<Account>> byMatchKey = new HashMap<>();
    accounts.values().forEach(a -> byMatchKey.computeIfAbsent(AccountMatchKey.normalizeName(a.details().name()),
        k -> new ArrayList<>()).add(a));
    byMatchKey.forEach((key, same) -> {
      if (same.size() > 1 && companies.contains(key)) {
        violation("duplicate account per match key", same.size() + " accounts share the match key '" + key + "': "
            + same.stream().map(Account::id).toList());
      }
    });

    for (Round round : rounds) {
      try {
        checkConversions(round, accounts.keySet(), contacts);
        checkOpportunity(round);
        checkUndo(round);
      } catch (RuntimeException e) {
        violation("invariant check failed", "round " + round.number + ": reading the records back ended in " + e);
      }
      if (round.doomedDeleted && (round.linkedOpportunity != null || round.linkedContact != null)) {
        violation("delete and link both acknowledged", "round " + round.number + ": account delete and a new link to the account were both"
            + " acknowledged (opportunity " + round.linkedOpportunity + ", contact " + round.linkedContact + ")");
      }
    }
  }

  private void checkConversions(Round round, Set<AccountId> accounts, Set<ContactId> contacts) {
    for (int i = 0; i < round.leads.length; i++) {
      LeadId id = round.leads[i];
      Lead lead = crm.leads().get(SETUP, id);
      List<ConversionRecord> records = crm.conversions().records(SETUP, id);
      List<ConversionRecord> standing = records.stream().filter(r -> !r.isUndone()).toList();
      String where = "round " + round.number + ", lead " + i + " (" + id + "): ";
      int acknowledged = round.conversionsAcknowledged[i].get();
      if (acknowledged > 1) {
        violation("lead converted more than once", where + "converted " + acknowledged + " times, each acknowledged");
      }
      if (records.size() != acknowledged) {
        violation("conversion records differ from acknowledged conversions", where + records.size() + " conversion records for " + acknowledged
            + " acknowledged conversions");
      }
      if (standing.size() > 1 || lead.isConverted() != (standing.size() == 1)) {
        violation("lead state differs from its conversion records", where + "lead converted=" + lead.isConverted() + " with " + standing.size()
            + " standing conversion records");
        continue;
      }
      if (standing.isEmpty()) {
        continue;
      }
      ConversionRecord record = standing.get(0);
      var info = lead.conversion().orElseThrow();
      if (!Optional.ofNullable(info.accountId()).equals(record.accountId())
          || !Optional.ofNullable(info.contactId()).equals(record.contactId())
          || !Optional.ofNullable(info.opportunityId()).equals(record.opportunityId())) {
        violation("lead state differs from its conversion records", where + "the lead's conversion ids differ from its conversion record's");
      }
      record.accountId().filter(a -> !accounts.contains(a)).ifPresent(a ->
          violation("converted record missing", where + "the converted account " + a + " does not exist"));
      record.contactId().filter(c -> !contacts.contains(c)).ifPresent(c ->
          violation("converted record missing", where + "the converted contact " + c + " does not exist"));
      record.opportunityId().ifPresent(o -> {
        if (crm.opportunities().find(SETUP, o).isEmpty()) {
          violation("converted record missing", where + "the converted opportunity " + o + " does not exist");
        } else if (record.target(ConversionTarget.OPPORTUNITY).disposition() == Disposition.CREATED) {
          int entries = crm.opportunities().history(SETUP, o).size();
          if (entries != 1) {
            violation("history differs from acknowledged changes", where + "the opportunity conversion created has " + entries
                + " history entries, expected 1 (its creation; nobody edited it)");
          }
        }
      });
      if (i == 0 && round.leadEditVersion != null) {
        long convertedFrom = record.leadBefore().version();
        if (convertedFrom < round.leadEditVersion
            || (convertedFrom == round.leadEditVersion
                && !Objects.equals(record.leadBefore().details().description(), round.leadEditDescription))) {
          violation("conversion from a stale lead", where + "conversion committed from the lead at version " + convertedFrom
              + " although an edit to version " + round.leadEditVersion + " was acknowledged before");
        }
      }
    }
  }

  private void checkOpportunity(Round round) {
    String where = "round " + round.number + ", opportunity " + round.opportunity + ": ";
    List<Long> writes;
    synchronized (round.opportunityWrites) {
      writes = List.copyOf(round.opportunityWrites);
    }
    if (new HashSet<>(writes).size() != writes.size()) {
      violation("lost update", where + "two acknowledged writes returned the same version " + writes + " (a lost update)");
    }
    Opportunity stored = crm.opportunities().get(SETUP, round.opportunity);
    if (stored.version() != round.opportunityVersion + writes.size()) {
      violation("version not monotone", where + "stored version " + stored.version() + " is not the first version "
          + round.opportunityVersion + " plus " + writes.size() + " acknowledged writes");
    }
    writes.stream().filter(v -> v > stored.version()).findAny().ifPresent(v ->
        violation("version not monotone", where + "an acknowledged write returned version " + v + ", above the stored "
            + stored.version()));
    int entries = crm.opportunities().history(SETUP, round.opportunity).size();
    if (entries != 1 + writes.size()) {
      violation("history differs from acknowledged changes", where + entries + " history entries for its creation and " + writes.size()
          + " acknowledged tracked changes");
    }
  }

  private void checkUndo(Round round) {
    String where = "round " + round.number + ", undo: ";
    if (round.undoAcknowledged && round.undoOpportunityEdited) {
      violation("undo deleted an acknowledged edit", where + "the undo and an edit of the opportunity it deletes were both acknowledged"
          + " (the edit is lost)");
    }
    boolean exists = crm.opportunities().find(SETUP, round.undoOpportunity).isPresent();
    if (exists == round.undoAcknowledged) {
      violation("undo outcome differs from stored state", where + "acknowledged=" + round.undoAcknowledged + " but the opportunity it deletes "
          + (exists ? "still exists" : "is gone"));
    }
    Lead lead = crm.leads().get(SETUP, round.undoLead);
    if (lead.isConverted() == round.undoAcknowledged) {
      violation("undo outcome differs from stored state", where + "acknowledged=" + round.undoAcknowledged + " but the lead's converted="
          + lead.isConverted());
    }
    List<ConversionRecord> records = crm.conversions().records(SETUP, round.undoLead);
    if (records.size() != 1 || records.get(0).isUndone() != round.undoAcknowledged) {
      violation("undo outcome differs from stored state", where + "expected one conversion record, undone=" + round.undoAcknowledged + ", found "
          + records.size() + (records.isEmpty() ? "" : " undone=" + records.get(0).isUndone()));
    }
    if (exists) {
      Opportunity o = crm.opportunities().get(SETUP, round.undoOpportunity);
      long expected = round.undoOpportunityVersion + (round.undoOpportunityEdited ? 1 : 0);
      int entries = crm.opportunities().history(SETUP, round.undoOpportunity).size();
      if (o.version() != expected || entries != (round.undoOpportunityEdited ? 2 : 1)) {
        violation("history differs from acknowledged changes", where + "the opportunity is at version " + o.version() + " with " + entries
            + " history entries; expected version " + expected + " (edit acknowledged="
            + round.undoOpportunityEdited + ")");
      }
    }
  }

  private static <T> void forAll(java.util.function.Function<PageRequest, Page<T>> list, Consumer<T> each) {
    int page = 0;
    Page<T> current;
    do {
      current = list.apply(PageRequest.of(page++, PageRequest.MAX_SIZE));
      current.items().forEach(each);
    } while (current.hasNext());
  }
}
