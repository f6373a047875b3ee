package org.crmkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.crmkit.Crm;
import org.crmkit.account.Account;
import org.crmkit.application.CreateAccount;
import org.crmkit.application.CreateOpportunity;
import org.crmkit.inmemory.InMemoryStorage;

/**
 * Creating one opportunity in memory, crmkit beside {@link InMemoryBenchmark.PlainStore} (the map baseline of
 * {@code InMemoryBenchmark.create_*}, same command, same checks), timed per second of the creating thread's CPU time
 * rather than of wall-clock time: on a machine shared with other work the JMH benchmark's wall-clock figures move
 * with the load, which treats the side whose measurement lasts longer worse. Rounds alternate the two sides (after a
 * warm-up, not counted); the ratio is the median of the per-round ratios. A plain program, not a timed test.
 *
 * <p>The warm-up has two parts. First the compilers: for some seconds (default 10, as long as one of JMH's default
 * warm-up iterations) both sides create on throw-away stores, each dropped after as many rounds as are measured. With
 * only the second part, as the first versions of this program had (0 seconds), crmkit's create was still being
 * compiled in the measured rounds: its cost moved by up to 1.8 times between the measured rounds of one run, and
 * the medians of runs of the same jar ranged from 2.4 to 5.7 us. Then the measured stores are filled with as many
 * untimed rounds as are measured, so the rounds run on stores of the same sizes as before:
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.InMemoryCreateRates 20 5000
 * }</pre>
 *
 * Arguments: the rounds (default 20), the opportunities per round and side (default 5,000) and the seconds of the
 * compilers' warm-up (default 10). It prints each measured round's figures too.
 */
public final class InMemoryCreateRates {
  private InMemoryCreateRates() {}

  /**
   * @param args the rounds (default 20), the opportunities per round and side (default 5,000), and the seconds of
   *     warm-up on throw-away stores (default 10; 0 for the first versions' warm-up alone)
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    double warmUpSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 10;
    Clock clock = Clock.systemUTC();
    // The compilers first: creates on stores of their own, dropped after `rounds` rounds so that memory stays bounded.
    long warmUpEnds = System.nanoTime() + (long) (warmUpSeconds * 1e9);
    int warmUpStores = 0;
    while (System.nanoTime() < warmUpEnds) {
      Sides throwAway = new Sides(clock);
      for (int r = 0; r < rounds; r++) {
        cpuMicrosPerCall(throwAway.crmkit, perRound);
        cpuMicrosPerCall(throwAway.plain, perRound);
      }
      warmUpStores++;
    }
    // Then the measured stores, filled with as many rounds first as they measure (untimed), as they always were.
    Sides sides = new Sides(clock);
    for (int r = 0; r < rounds; r++) {
      cpuMicrosPerCall(sides.crmkit, perRound);
      cpuMicrosPerCall(sides.plain, perRound);
    }
    double[] crmkit = new double[rounds];
    double[] baseline = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      if (r % 2 == 0) {
        crmkit[r] = cpuMicrosPerCall(sides.crmkit, perRound);
        baseline[r] = cpuMicrosPerCall(sides.plain, perRound);
      } else {
        baseline[r] = cpuMicrosPerCall(sides.plain, perRound);
        crmkit[r] = cpuMicrosPerCall(sides.crmkit, perRound);
      }
      ratio[r] = crmkit[r] / baseline[r];
    }
    System.out.printf(Locale.ROOT, "warm-up: %d throw-away stores of %d rounds a side (%.0f s), then %d untimed rounds"
        + " on the measured stores%n", warmUpStores, rounds, warmUpSeconds, rounds);
    System.out.printf(Locale.ROOT, "rounds, crmkit/map us:");
    for (int r = 0; r < rounds; r++) {
      System.out.printf(Locale.ROOT, " %.2f/%.2f", crmkit[r], baseline[r]);
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "create one opportunity, CPU time of the creating thread, medians of %d rounds of"
        + " %,d: crmkit %.2f us, map baseline %.2f us, ratio %.1fx%n", rounds, perRound, median(crmkit),
        median(baseline), median(ratio));
  }

  /** A crmkit in memory and the map baseline, each with one account, and the create each side repeats. */
  private static final class Sides {
    final Runnable crmkit;
    final Runnable plain;

    Sides(Clock clock) {
      Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).build();
      Account account = crm.accounts().create(Seed.ACTOR, CreateAccount.named("Acme Oy"));
      CreateOpportunity command = Seed.command(7, account.id(), LocalDate.now(clock));
      InMemoryBenchmark.PlainStore store = new InMemoryBenchmark.PlainStore(clock);
      UUID plainAccount = UUID.randomUUID();
      store.addAccount(plainAccount, "Acme Oy");
      crmkit = () -> crm.opportunities().create(Seed.ACTOR, command);
      plain = () -> store.create(command.owner().value(), command.name(), plainAccount, command.amount().amount(),
          command.amount().currencyCode(), 10, command.stage(), command.closeDate(), "bench");
    }
  }

  private static double cpuMicrosPerCall(Runnable call, int times) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long started = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < times; i++) {
      call.run();
    }
    return (threads.getCurrentThreadCpuTime() - started) / 1e3 / times;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }
}
