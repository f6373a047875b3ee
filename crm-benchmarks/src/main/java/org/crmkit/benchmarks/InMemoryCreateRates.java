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
 * warm-up of the same rounds, not counted); the ratio is the median of the per-round ratios. A plain program, not a
 * timed test:
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.InMemoryCreateRates 20 5000
 * }</pre>
 *
 * Arguments: the rounds (default 20) and the opportunities per round and side (default 5,000).
 */
public final class InMemoryCreateRates {
  private InMemoryCreateRates() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
    Clock clock = Clock.systemUTC();
    Crm crm = Crm.builder().storage(InMemoryStorage.create()).clock(clock).build();
    Account account = crm.accounts().create(Seed.ACTOR, CreateAccount.named("Acme Oy"));
    CreateOpportunity command = Seed.command(7, account.id(), LocalDate.now(clock));
    InMemoryBenchmark.PlainStore plain = new InMemoryBenchmark.PlainStore(clock);
    UUID plainAccount = UUID.randomUUID();
    plain.addAccount(plainAccount, "Acme Oy");
    Runnable crmkitSide = () -> crm.opportunities().create(Seed.ACTOR, command);
    Runnable plainSide = () -> plain.create(command.owner().value(), command.name(), plainAccount,
        command.amount().amount(), command.amount().currencyCode(), 10, command.stage(), command.closeDate(), "bench");
    for (int r = 0; r < rounds; r++) {
      cpuMicrosPerCall(crmkitSide, perRound);
      cpuMicrosPerCall(plainSide, perRound);
    }
    double[] crmkit = new double[rounds];
    double[] baseline = new double[rounds];
    double[] ratio = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      if (r % 2 == 0) {
        crmkit[r] = cpuMicrosPerCall(crmkitSide, perRound);
        baseline[r] = cpuMicrosPerCall(plainSide, perRound);
      } else {
        baseline[r] = cpuMicrosPerCall(plainSide, perRound);
        crmkit[r] = cpuMicrosPerCall(crmkitSide, perRound);
      }
      ratio[r] = crmkit[r] / baseline[r];
    }
    System.out.printf(Locale.ROOT, "create one opportunity, CPU time of the creating thread, medians of %d rounds of"
        + " %,d (after as many rounds of warm-up): crmkit %.2f us, map baseline %.2f us, ratio %.1fx%n", rounds,
        perRound, median(crmkit), median(baseline), median(ratio));
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
