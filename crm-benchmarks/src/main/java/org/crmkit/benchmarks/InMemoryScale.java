package org.crmkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.crmkit.Crm;
import org.crmkit.access.OwnerAccessPolicy;
import org.crmkit.access.TeamDirectory;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.report.ReportAggregate;
import org.crmkit.report.ReportDefinition;
import org.crmkit.report.ReportSource;
import org.crmkit.shared.Actor;
import org.crmkit.shared.PageRequest;
import org.crmkit.shared.TenantId;
import org.crmkit.shared.UserId;

/**
 * The in-memory storage at scale, measured by a plain program (not a timed test, not JMH: one large state is
 * built once): heap bytes per opportunity with its history row, the time of one page of an unfiltered list
 * at several page sizes and offsets, and of lists scoped by {@link OwnerAccessPolicy} (a seller's, a manager's).
 *
 * <pre>{@code
 * mvn -o -q -pl crm-benchmarks -am package -DskipTests
 * java -Xms3g -Xmx3g -XX:+UseParallelGC -cp crm-benchmarks/target/benchmarks.jar \
 *     org.crmkit.benchmarks.InMemoryScale 1000000
 * }</pre>
 *
 * Opportunities are written by {@code crm.opportunities().create} ({@link Seed#command}: name, amount, stage,
 * close date, owner, lead source; linked to one of {@value Seed#ACCOUNTS} accounts), 1,000 per unit of work;
 * each gets its creation history entry.
 */
public final class InMemoryScale {
  private InMemoryScale() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    InMemoryStorage storage = InMemoryStorage.create();
    Clock clock = Clock.systemUTC();
    Crm crm = Crm.builder().storage(storage).clock(clock).build();
    List<Account> accounts = new ArrayList<>();
    for (int i = 0; i < Seed.ACCOUNTS; i++) {
      accounts.add(crm.accounts().create(Seed.ACTOR, CreateAccount.named("Account " + i)));
    }
    LocalDate today = LocalDate.now(clock);
    long before = usedAfterGc(memory);
    long started = System.nanoTime();
    for (int from = 0; from < n; from += 1000) {
      int first = from;
      storage.unitOfWork().run(() -> {
        for (int i = first; i < Math.min(n, first + 1000); i++) {
          crm.opportunities().create(Seed.ACTOR, Seed.command(i, accounts.get(i % accounts.size()).id(), today));
        }
      });
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long after = usedAfterGc(memory);
    System.out.printf("opportunities: %,d, each with 1 history row; written in %.1f s (%,.0f/s)%n",
        n, seconds, n / seconds);
    System.out.printf("heap: %,d bytes, %.0f bytes per opportunity with its history row%n",
        after - before, (after - before) / (double) n);
    // The first report of the tenant builds the report columns (kept from then on, in step with commits).
    crm.reports().run(Seed.ACTOR, ReportDefinition.builder(ReportSource.OPPORTUNITIES).groupBy("stage")
        .aggregate(ReportAggregate.count()).build());
    long withColumns = usedAfterGc(memory);
    System.out.printf("heap after the first report (report columns): %,d bytes, %.0f bytes per opportunity%n",
        withColumns - before, (withColumns - before) / (double) n);

    OpportunityQuery all = OpportunityQuery.all();
    for (int[] page : new int[][] {{0, 10}, {0, 100}, {0, 1000}, {100, 100}, {n / 100 / 2, 100}}) {
      PageRequest request = PageRequest.of(page[0], page[1]);
      measure(String.format("unfiltered list, page %,d of size %,d (rows from %,d)", page[0], page[1],
          (long) page[0] * page[1]), () -> crm.opportunities().list(Seed.ACTOR, all, request).total(), n);
    }
    // Lists scoped by an access policy: a seller sees the tenth of the rows they own, a manager three sellers'.
    TeamDirectory teams = new TeamDirectory() {
      @Override
      public Set<UserId> teamOf(TenantId tenant, UserId manager) {
        return manager.value().equals("manager") ? Set.of(Seed.owner(0), Seed.owner(1), Seed.owner(2)) : Set.of();
      }

      @Override
      public boolean isAdministrator(TenantId tenant, UserId user) {
        return false;
      }
    };
    Crm scoped = Crm.builder().storage(storage).clock(clock).accessPolicy(OwnerAccessPolicy.over(teams)).build();
    Actor seller = Actor.user(Seed.owner(3).value());
    Actor manager = Actor.user("manager");
    int owned = (n + Seed.OWNERS - 1 - 3) / Seed.OWNERS;
    for (int[] page : new int[][] {{0, 100}, {n / 10 / 100 / 2, 100}}) {
      PageRequest request = PageRequest.of(page[0], page[1]);
      measure(String.format("a seller's list (%,d rows visible), page %,d of size %,d", owned, page[0], page[1]),
          () -> scoped.opportunities().list(seller, all, request).total(), owned);
    }
    long team = scoped.opportunities().list(manager, all, PageRequest.first(1)).total();
    measure(String.format("a manager's list (3 sellers, %,d rows visible), first page of 100", team),
        () -> scoped.opportunities().list(manager, all, PageRequest.first(100)).total(), team);
    OpportunityQuery negotiations = all.withStages(Set.of("negotiation"));
    long sellersNegotiations = scoped.opportunities().list(seller, negotiations, PageRequest.first(1)).total();
    measure(String.format("a seller's opportunities in negotiation (%,d rows), first page of 100", sellersNegotiations),
        () -> scoped.opportunities().list(seller, negotiations, PageRequest.first(100)).total(), sellersNegotiations);
  }

  /** Times a list call (median and fastest of up to 25 rounds, at most about 3 s) and checks its total. */
  private static void measure(String label, Supplier<Long> list, long expectedTotal) {
    long[] micros = new long[25];
    long spent = System.nanoTime();
    int rounds = 0;
    for (int round = 0; round < micros.length; round++, rounds++) {
      if (round >= 3 && System.nanoTime() - spent > 3_000_000_000L) {
        break;
      }
      long t = System.nanoTime();
      long total = list.get();
      micros[round] = (System.nanoTime() - t) / 1000;
      if (total != expectedTotal) {
        throw new IllegalStateException(label + ": listed " + total + " of " + expectedTotal);
      }
    }
    long[] measured = Arrays.copyOf(micros, rounds);
    Arrays.sort(measured);
    System.out.printf("%s: median %,d µs, fastest %,d µs (%d rounds)%n", label, measured[rounds / 2], measured[0],
        rounds);
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
