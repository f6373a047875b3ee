package org.crmkit.benchmarks;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;
import org.crmkit.Crm;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateLead;
import org.crmkit.conversion.BulkConversionResult;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.shared.Actor;
import org.crmkit.shared.LeadId;

/**
 * Lead conversion in memory, crmkit beside a hand-written conversion on plain maps, in one JVM and one run, at a
 * given number of leads. A measured program rather than JMH, because the state (up to a million leads, most of them
 * converted) is built once and each conversion consumes a lead; not a timed test.
 *
 * <p>Both sides hold the same {@code n} leads of {@code n} different companies (lead <i>i</i>: "Ada<i>i</i>
 * Lovelace" of "Company <i>i</i> Oy", ada<i>i</i>@company<i>i</i>.example). Both first convert all leads but the
 * last ones the measurement needs (untimed; crmkit with {@code convertAll}, 1,000 leads a call), so that the storage
 * holds about {@code n} accounts, contacts and opportunities when the measurement starts. Then, in rounds whose order
 * alternates (so that the JIT, the garbage collector and the shared machine treat both alike), each side converts
 * slices of the remaining leads and the rates are compared round by round:
 *
 * <ul>
 *   <li>crmkit, one {@code convert} call per lead (its own unit of work each);
 *   <li>crmkit, one {@code convertAll} call per slice;
 *   <li>crmkit, single conversions on two threads, each converting its own leads, and on one thread;
 *   <li>the hand-written conversion ({@link PlainConversions}), on the same lead positions, on one and on two
 *       threads: what the machine allows the same work to gain from a second thread.
 * </ul>
 *
 * <p>Beside the rates it reports what load on the machine hardly moves: the bytes a conversion allocates, and per
 * 1,000 conversions on one and on two threads the collections (each stops both threads), their time and the time the
 * converting threads waited, parked on a lock: what the two-thread speed-up loses besides the machine. For two threads
 * against one it gives, beside the wall clock, the rate over the span from the moment the converting threads were
 * released together (each spins until the last has started) to the moment the last one finished, which leaves out
 * the milliseconds a parked pool thread may take to wake up on a virtual machine; the rate per second of the busier
 * thread's own time (its CPU time and its waits for a lock); and both sides' CPU time per conversion. A round of 250
 * leads lasts a few milliseconds, as long as such a wake-up: judge two threads by rounds of some thousands of leads
 * ({@code 400000 19 4000}), and sustained conversion, the collector included, by {@link InMemorySustainedConversion}
 * (docs/PERFORMANCE.md, "Issue 16, seventh pass").
 *
 * <p>A warm-up runs the same program first on 30,000 leads in stores of their own, which are then dropped, again and
 * again for at least sixty seconds (a fourth argument changes that; about as long as JMH's default warm-up of five
 * iterations), so that both sides are compiled by the JIT before the measured stores are built. A single run of
 * 30,000, as the first versions of this program had, left crmkit's conversion still being compiled in the measured
 * rounds at 10,000 leads: 24,000 to 29,000 conversions per CPU second there against 48,000 to 90,000 after ten
 * seconds, where the plain maps, compiled early, hardly moved. After ten seconds the JIT still compiled during the
 * measured rounds on two threads (37 to 91 ms of compilation per 1,000 conversions there, reported beside the
 * collections), on a core the second converting thread needed; after sixty, 0 to 4 ms.
 *
 * <pre>{@code
 * mvn -o -q -pl crm-benchmarks -am package -DskipTests
 * java -Xms6g -Xmx6g -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.InMemoryConversionRates 1000000 9 250
 * java -Xms6g -Xmx6g -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.InMemoryConversionRates 10000 9 250
 * java -Xms4g -Xmx4g -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.InMemoryConversionRates 400000 19 4000 30
 * }</pre>
 *
 * Arguments: {@code n} (leads, at least 10,000), then optionally the rounds (default 7), the leads per slice
 * (default 250) and the seconds of warm-up (default 60).
 */
public final class InMemoryConversionRates {
  private static final Actor ACTOR = Actor.user("bench");

  private InMemoryConversionRates() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    int slice = args.length > 2 ? Integer.parseInt(args[2]) : 250;
    // Warm-up: the same program on its own stores, thrown away, so that the JIT has compiled both sides before the
    // measured stores are built (else a small n measures crmkit's interpreter against compiled plain maps).
    double warmUpSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 60;
    long warmUpEnds = System.nanoTime() + (long) (warmUpSeconds * 1e9);
    int warmUps = 0;
    do {
      run(30_000, 7, 500, false);
      warmUps++;
    } while (System.nanoTime() < warmUpEnds);
    System.out.printf("warm-up: %d times 30,000 leads in stores of their own (at least %.0f s)%n", warmUps,
        warmUpSeconds);
    System.gc();
    run(n, rounds, slice, true);
    System.exit(0);
  }

  private static void run(int n, int rounds, int slice, boolean report) throws Exception {
    // Per round: crmkit single, crmkit convertAll, crmkit one thread, crmkit two threads (the plain side converts
    // the same positions in its own store).
    int measured = rounds * slice * 4;
    if (n < measured + 1_000) {
      throw new IllegalArgumentException("n must be at least " + (measured + 1_000) + " for " + rounds + " rounds of "
          + slice + " leads per slice, was " + n);
    }
    Runtime rt = Runtime.getRuntime();
    InMemoryStorage storage = InMemoryStorage.create();
    Crm crm = Crm.builder().storage(storage).build();
    PlainConversions plain = new PlainConversions();
    List<LeadId> ids = new ArrayList<>(n);
    UUID[] plainIds = new UUID[n];
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      ids.add(crm.leads().create(ACTOR, CreateLead.of(first(i), "Lovelace", company(i), email(i))).id());
      plainIds[i] = plain.createLead(first(i), "Lovelace", company(i), email(i), "bench");
    }
    if (report) {
      System.out.printf("%,d leads written in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    }

    int prefilled = n - measured;
    t0 = System.nanoTime();
    for (int from = 0; from < prefilled; from += 1_000) {
      BulkConversionResult r = crm.conversions().convertAll(ACTOR, ids.subList(from, Math.min(prefilled, from + 1_000)),
          null);
      requireConverted(r);
    }
    double crmkitPrefill = (System.nanoTime() - t0) / 1e9;
    t0 = System.nanoTime();
    for (int i = 0; i < prefilled; i++) {
      plain.convert(plainIds[i], "bench");
    }
    double plainPrefill = (System.nanoTime() - t0) / 1e9;
    System.gc();
    Reference.reachabilityFence(plain);
    if (report) {
      System.out.printf("%,d leads converted before measuring: crmkit %.1f s (%,.0f/s), plain maps %.1f s (%,.0f/s);"
          + " heap used %,d MB%n", prefilled, crmkitPrefill, prefilled / crmkitPrefill, plainPrefill,
          prefilled / plainPrefill, (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    SliceMeter meter = new SliceMeter();
    ExecutorService pool = meter.pool(2);
    // Conversions per second of the converting threads' CPU time (single, bulk, plainOne) and of wall-clock time
    // (singleWall, plainWall).
    double[] single = new double[rounds];
    double[] bulk = new double[rounds];
    double[] plainOne = new double[rounds];
    double[] singleWall = new double[rounds];
    double[] plainWall = new double[rounds];
    // Per conversion, what load on the machine hardly moves: allocated bytes (one call per lead, and the plain maps),
    // and, summed over all rounds, the collections and the time the converting threads waited (parked on a lock)
    // while crmkit (then the plain maps) converted on one thread and on two.
    double[] singleBytes = new double[rounds];
    double[] plainBytes = new double[rounds];
    // Each side on one thread and on two: per round the rates (wall clock, CPU, the busier thread's own time), and
    // over all rounds what the converting threads, the collector and the JIT did.
    SliceMeter.Runs crmkitOne = new SliceMeter.Runs(rounds);
    SliceMeter.Runs crmkitTwo = new SliceMeter.Runs(rounds);
    SliceMeter.Runs plainOneThread = new SliceMeter.Runs(rounds);
    SliceMeter.Runs plainTwo = new SliceMeter.Runs(rounds);
    int next = prefilled;
    for (int r = 0; r < rounds; r++) {
      int a = next;
      int b = a + slice;
      int c = b + slice;
      int d = c + slice;
      next = d + slice;
      boolean crmkitFirst = r % 2 == 0;
      // Single conversions and convertAll, and the hand-written conversion of the same leads.
      for (int side = 0; side < 2; side++) {
        if ((side == 0) == crmkitFirst) {
          singleWall[r] = meter.rate(slice, () -> {
            for (int i = a; i < b; i++) {
              if (!(crm.conversions().convert(ACTOR, ConvertLead.of(ids.get(i))) instanceof ConversionOutcome.Converted)) {
                throw new IllegalStateException("lead " + i + " was not converted");
              }
            }
          });
          single[r] = meter.lastCpuRate();
          singleBytes[r] = meter.last().bytes / (double) slice;
          meter.rate(slice, () -> requireConverted(crm.conversions().convertAll(ACTOR, ids.subList(b, c), null)));
          bulk[r] = meter.lastCpuRate();
        } else {
          plainWall[r] = meter.rate(2 * slice, () -> {
            for (int i = a; i < c; i++) {
              plain.convert(plainIds[i], "bench");
            }
          });
          plainOne[r] = meter.lastCpuRate();
          plainBytes[r] = meter.last().bytes / (2.0 * slice);
        }
      }
      // One thread, then two threads, each converting its own half, with single conversions.
      IntConsumer crmkitConvert = i -> {
        if (!(crm.conversions().convert(ACTOR, ConvertLead.of(ids.get(i))) instanceof ConversionOutcome.Converted)) {
          throw new IllegalStateException("lead " + i + " was not converted");
        }
      };
      IntConsumer plainConvert = i -> plain.convert(plainIds[i], "bench");
      int half = slice / 2;
      for (int side = 0; side < 2; side++) {
        if ((side == 0) == crmkitFirst) {
          crmkitOne.measure(r, meter, slice, () -> meter.onThreads(pool, crmkitConvert, c, d));
          crmkitTwo.measure(r, meter, slice,
              () -> meter.onThreads(pool, crmkitConvert, d, d + half, d + half, d + slice));
        } else {
          plainOneThread.measure(r, meter, slice, () -> meter.onThreads(pool, plainConvert, c, d));
          plainTwo.measure(r, meter, slice,
              () -> meter.onThreads(pool, plainConvert, d, d + half, d + half, d + slice));
        }
      }
      if (!report) {
        continue;
      }
      System.out.printf(Locale.ROOT, "round %d: per CPU second: crmkit single %,.0f/s, convertAll %,.0f/s, plain"
          + " %,.0f/s; wall clock: crmkit 1 thread %,.0f/s, 2 threads %,.0f/s; plain 1 thread %,.0f/s, 2 threads"
          + " %,.0f/s%n", r + 1, single[r], bulk[r], plainOne[r], crmkitOne.wall[r], crmkitTwo.wall[r], plainOneThread.wall[r],
          plainTwo.wall[r]);
    }
    pool.shutdown();
    if (!report) {
      return;
    }
    double[] singleRatio = new double[rounds];
    double[] bulkRatio = new double[rounds];
    double[] singleWallRatio = new double[rounds];
    double[] crmkitScaling = new double[rounds];
    double[] crmkitCpuPerConversion = new double[rounds];
    double[] plainScaling = new double[rounds];
    double[] plainCpuPerConversion = new double[rounds];
    double[] crmkitOwnScaling = new double[rounds];
    double[] plainOwnScaling = new double[rounds];
    double[] crmkitReleasedScaling = new double[rounds];
    double[] plainReleasedScaling = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      crmkitReleasedScaling[r] = crmkitTwo.released[r] / crmkitOne.released[r];
      plainReleasedScaling[r] = plainTwo.released[r] / plainOneThread.released[r];
      crmkitOwnScaling[r] = crmkitTwo.own[r] / crmkitOne.own[r];
      plainOwnScaling[r] = plainTwo.own[r] / plainOneThread.own[r];
      plainCpuPerConversion[r] = plainOneThread.cpu[r] / plainTwo.cpu[r];
      singleRatio[r] = single[r] / plainOne[r];
      bulkRatio[r] = bulk[r] / plainOne[r];
      singleWallRatio[r] = singleWall[r] / plainWall[r];
      crmkitCpuPerConversion[r] = crmkitOne.cpu[r] / crmkitTwo.cpu[r];
      crmkitScaling[r] = crmkitTwo.wall[r] / crmkitOne.wall[r];
      plainScaling[r] = plainTwo.wall[r] / plainOneThread.wall[r];
    }
    System.out.printf(Locale.ROOT, "%n%,d leads (%,d converted before measuring), medians of %d rounds of %d leads:%n",
        n, prefilled, rounds, slice);
    System.out.printf(Locale.ROOT, "  per CPU second of the converting threads: crmkit convert (one call per lead) %,.0f/s,"
        + " convertAll %,.0f/s, plain maps %,.0f/s%n", median(single), median(bulk), median(plainOne));
    System.out.printf(Locale.ROOT, "  crmkit / plain maps: convert %.2fx, convertAll %.2fx (median of per-round ratios;"
        + " wall clock: convert %.2fx)%n", median(singleRatio), median(bulkRatio), median(singleWallRatio));
    System.out.printf(Locale.ROOT, "  two threads / one thread, wall clock: crmkit %.2fx (%,.0f/s vs %,.0f/s), plain maps"
        + " %.2fx; CPU time per conversion on two threads / on one: crmkit %.2fx, plain maps %.2fx%n",
        median(crmkitScaling), median(crmkitTwo.wall), median(crmkitOne.wall), median(plainScaling), median(crmkitCpuPerConversion),
        median(plainCpuPerConversion));
    System.out.printf(Locale.ROOT, "  two threads / one thread, from the moment the converting threads were released"
        + " together to the last one's end (without waking parked pool threads): crmkit %.2fx (%,.0f/s vs %,.0f/s),"
        + " plain maps %.2fx%n", median(crmkitReleasedScaling), median(crmkitTwo.released), median(crmkitOne.released),
        median(plainReleasedScaling));
    System.out.printf(Locale.ROOT, "  two threads / one thread, per second of the busier converting thread's own time (its"
        + " CPU time and its waits for a lock; not the time the machine gave it no core): crmkit %.2fx, plain maps"
        + " %.2fx%n", median(crmkitOwnScaling), median(plainOwnScaling));
    System.out.printf(Locale.ROOT, "  allocated per conversion: crmkit %,.0f bytes, plain maps %,.0f bytes (medians)%n",
        median(singleBytes), median(plainBytes));
    System.out.printf(Locale.ROOT, "  per 1,000 conversions on one / two threads (all rounds): crmkit %s; plain maps %s%n",
        crmkitOne.totals.perThousand(crmkitTwo.totals),
        plainOneThread.totals.perThousand(plainTwo.totals));
    System.gc();
    System.out.printf("  heap used at the end, both stores: %,d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
    // Both stores stay reachable until the heap is measured.
    Reference.reachabilityFence(crm);
    Reference.reachabilityFence(storage);
    Reference.reachabilityFence(plain);
  }

  private static void requireConverted(BulkConversionResult result) {
    long converted = result.items().stream().filter(BulkConversionResult.Item::converted).count();
    if (converted != result.items().size()) {
      throw new IllegalStateException(converted + " of " + result.items().size() + " leads converted: "
          + result.items().stream().filter(i -> !i.converted()).findFirst().orElseThrow());
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  static String first(int i) {
    return "Ada" + i;
  }

  static String company(int i) {
    return "Company " + i + " Oy";
  }

  static String email(int i) {
    return "ada" + i + "@company" + i + ".example";
  }
}
