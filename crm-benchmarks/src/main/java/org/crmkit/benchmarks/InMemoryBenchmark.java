package org.crmkit.benchmarks;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.opportunity.OpportunitySummary;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Page;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.Probability;
import org.crmkit.shared.UserId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory storage against plain Java collections doing the same work by hand.
 *
 * <ul>
 *   <li>{@code create}: one opportunity linked to an account, through {@code crm.opportunities().create}
 *       (Jakarta validation, link check, unit of work with version check at commit, history entry) vs. a
 *       {@link ConcurrentHashMap} put plus a history record appended to a list (name and link checked by hand).
 *   <li>{@code listSummaries}: page 3 (rows 200..299) of one owner's 1,000 of {@value Seed#OPPORTUNITIES}
 *       opportunities, with account names and the total, vs. a filter over an {@link ArrayList} kept in creation
 *       order.
 * </ul>
 * Both sides start each measurement iteration from a fresh store, so that {@code create} does not measure an
 * ever-growing map.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InMemoryBenchmark {
  static final PageRequest PAGE = PageRequest.of(2, 100);
  static final UserId OWNER = Seed.owner(3);

  /** 10,000 opportunities in crmkit's in-memory storage, and the same rows in plain collections. */
  @State(Scope.Benchmark)
  public static class Listing {
    Crm crm;
    OpportunityQuery query;
    PlainStore plain;

    @Setup(Level.Trial)
    public void setUp() {
      InMemoryStorage storage = InMemoryStorage.create();
      Clock clock = Clock.systemUTC();
      crm = Crm.builder().storage(storage).clock(clock).build();
      Seed seed = Seed.write(crm, storage, clock);
      query = OpportunityQuery.all().withOwner(OWNER);
      plain = new PlainStore(clock);
      seed.accounts.forEach(a -> plain.addAccount(a.id().value(), a.name()));
      LocalDate today = LocalDate.now(clock);
      for (int i = 0; i < Seed.OPPORTUNITIES; i++) {
        CreateOpportunity c = Seed.command(i, seed.accounts.get(i % Seed.ACCOUNTS).id(), today);
        plain.create(c.owner().value(), c.name(), c.accountId().value(), c.amount().amount(),
            c.amount().currencyCode(), 10, c.stage(), c.closeDate(), "bench");
      }
      check(crm.opportunities().listSummaries(Seed.ACTOR, query, PAGE), plain.listSummaries(OWNER.value(), PAGE));
    }
  }

  /** A fresh, nearly empty store per iteration, with one account to link to. */
  @State(Scope.Benchmark)
  public static class Creating {
    Crm crm;
    CreateOpportunity command;
    PlainStore plain;
    UUID plainAccount;
    int n;

    @Setup(Level.Iteration)
    public void setUp() {
      Clock clock = Clock.systemUTC();
      crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).build();
      Account account = crm.accounts().create(Seed.ACTOR, CreateAccount.named("Acme Oy"));
      command = Seed.command(7, account.id(), LocalDate.now(clock));
      plain = new PlainStore(clock);
      plainAccount = UUID.randomUUID();
      plain.addAccount(plainAccount, "Acme Oy");
    }
  }

  @Benchmark
  public Opportunity create_crmkit(Creating s) {
    return s.crm.opportunities().create(Seed.ACTOR, s.command);
  }

  @Benchmark
  public PlainStore.Row create_baselineMap(Creating s) {
    CreateOpportunity c = s.command;
    return s.plain.create(c.owner().value(), c.name(), s.plainAccount, c.amount().amount(), c.amount().currencyCode(),
        10, c.stage(), c.closeDate(), "bench");
  }

  @Benchmark
  public Page<OpportunitySummary> listSummaries_crmkit(Listing s) {
    return s.crm.opportunities().listSummaries(Seed.ACTOR, s.query, PAGE);
  }

  @Benchmark
  public Page<OpportunitySummary> listSummaries_baselineList(Listing s) {
    return s.plain.listSummaries(OWNER.value(), PAGE);
  }

  static void check(Page<OpportunitySummary> crmkit, Page<OpportunitySummary> baseline) {
    List<String> a = crmkit.items().stream().map(OpportunitySummary::name).toList();
    List<String> b = baseline.items().stream().map(OpportunitySummary::name).toList();
    if (!a.equals(b) || crmkit.total() != baseline.total() || a.size() != PAGE.size()) {
      throw new IllegalStateException("crmkit and the baseline disagree: " + a + " (" + crmkit.total() + ") vs " + b
          + " (" + baseline.total() + ")");
    }
  }

  /**
   * The honest hand-written baseline: rows in a {@link ConcurrentHashMap} by id plus a list in creation order,
   * a history list, and only the checks a careful programmer would write by hand.
   */
  public static final class PlainStore {
    /** An opportunity row. */
    public record Row(UUID id, long version, String owner, String name, UUID accountId, BigDecimal amount,
        String currency, int probability, String stage, LocalDate closeDate, Instant createdAt, Instant updatedAt) {}

    /** A history row. */
    public record HistoryRow(UUID id, UUID opportunityId, long version, String stage, BigDecimal amount,
        String currency, int probability, LocalDate closeDate, Instant changedAt, String changedBy) {}

    private final Clock clock;
    private final Map<UUID, String> accountNames = new ConcurrentHashMap<>();
    private final Map<UUID, Row> byId = new ConcurrentHashMap<>();
    private final List<Row> inCreationOrder = new ArrayList<>();
    private final List<HistoryRow> history = new ArrayList<>();

    PlainStore(Clock clock) {
      this.clock = clock;
    }

    void addAccount(UUID id, String name) {
      accountNames.put(id, name);
    }

    Row create(String owner, String name, UUID accountId, BigDecimal amount, String currency, int probability,
        String stage, LocalDate closeDate, String actor) {
      if (name == null || name.isBlank() || name.length() > 200) {
        throw new IllegalArgumentException("name");
      }
      if (accountId != null && !accountNames.containsKey(accountId)) {
        throw new IllegalArgumentException("no account " + accountId);
      }
      Instant now = clock.instant();
      Row row = new Row(UUID.randomUUID(), 1, Objects.requireNonNull(owner), name, accountId, amount, currency,
          probability, stage, closeDate, now, now);
      if (byId.putIfAbsent(row.id(), row) != null) {
        throw new IllegalStateException("duplicate id");
      }
      synchronized (this) {
        inCreationOrder.add(row);
        history.add(new HistoryRow(UUID.randomUUID(), row.id(), 1, stage, amount, currency, probability, closeDate,
            now, actor));
      }
      return row;
    }

    synchronized Page<OpportunitySummary> listSummaries(String owner, PageRequest page) {
      List<OpportunitySummary> items = new ArrayList<>(page.size());
      long skip = page.offset();
      int total = 0;
      for (Row r : inCreationOrder) {
        if (!r.owner().equals(owner)) {
          continue;
        }
        total++;
        if (skip > 0) {
          skip--;
        } else if (items.size() < page.size()) {
          items.add(new OpportunitySummary(OpportunityId.of(r.id()), r.name(), r.stage(),
              r.amount() == null ? null : Money.of(r.amount(), r.currency()), Probability.of(r.probability()),
              r.closeDate(), UserId.of(r.owner()), r.accountId() == null ? null : AccountId.of(r.accountId()),
              r.accountId() == null ? null : accountNames.get(r.accountId())));
        }
      }
      return new Page<>(items, page, total);
    }
  }
}
