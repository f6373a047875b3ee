package org.crmkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.opportunity.OpportunityQuery;
import org.crmkit.shared.PageRequest;

/**
 * The in-memory storage at scale, measured by a plain program (not a timed test, not JMH: one large state is
 * built once): heap bytes per opportunity with its history row, and the time of one page of an unfiltered list
 * at several page sizes and offsets.
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

    OpportunityQuery all = OpportunityQuery.all();
    for (int[] page : new int[][] {{0, 10}, {0, 100}, {0, 1000}, {100, 100}, {n / 100 / 2, 100}}) {
      PageRequest request = PageRequest.of(page[0], page[1]);
      long[] micros = new long[25];
      long spent = System.nanoTime();
      int rounds = 0;
      for (int round = 0; round < micros.length; round++, rounds++) {
        if (round >= 3 && System.nanoTime() - spent > 3_000_000_000L) {
          break;
        }
        long t = System.nanoTime();
        long total = crm.opportunities().list(Seed.ACTOR, all, request).total();
        micros[round] = (System.nanoTime() - t) / 1000;
        if (total != n) {
          throw new IllegalStateException("listed " + total + " of " + n);
        }
      }
      long[] measured = Arrays.copyOf(micros, rounds);
      Arrays.sort(measured);
      System.out.printf("unfiltered list, page %,d of size %,d (rows from %,d): median %,d µs, fastest %,d µs"
          + " (%d rounds)%n", page[0], page[1], (long) page[0] * page[1], measured[rounds / 2], measured[0], rounds);
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
