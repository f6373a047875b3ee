package org.crmkit.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.crmkit.Crm;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateLead;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.shared.Actor;
import org.crmkit.shared.LeadId;

/**
 * Lead conversion in memory without pause, seconds at a time, on one thread and on two in turn: what a host that
 * converts a large store gets, the garbage collector included, and where the machine's CPU time goes. One side per
 * run (its own JVM, so that the other side's store does not weigh on its collections): {@code crmkit} (one
 * {@code convert} call per lead) or {@code plain} (the hand-written conversion on plain maps, {@link
 * PlainConversions}).
 *
 * <p>The store holds {@code n} leads of {@code n} companies (as in {@link InMemoryConversionRates}); a fraction of
 * them is converted first, untimed, so that the JIT has compiled the conversion; then phases of the given seconds
 * alternate one converting thread and two, each thread taking the next leads in blocks of 100, until the leads run
 * out. Per phase and over all phases but the first, it prints the conversions per second of wall-clock time, the
 * collector's pauses per conversion, and the CPU time per conversion of each kind of thread: the converting threads,
 * the collector's workers (its pauses), its refinement threads (which scan the cards that stores of new objects into
 * old arrays dirtied, concurrently), its concurrent marking, the JIT and the rest. These come from Linux's
 * {@code /proc/self/task} (in 10 ms steps; elsewhere only the wall clock and the pauses are printed). On two cores, a
 * second converting thread gains only what the collector's threads leave of the second core
 * (docs/PERFORMANCE.md, "Issue 16, seventh pass").
 *
 * <pre>{@code
 * mvn -o -q -pl crm-benchmarks -am package -DskipTests
 * java -Xms8g -Xmx8g -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.InMemorySustainedConversion crmkit 2000000 3 11
 * java -Xms8g -Xmx8g -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.InMemorySustainedConversion plain 2000000 3 11
 * }</pre>
 *
 * Arguments: the side ({@code crmkit} or {@code plain}), then optionally the leads (default 2,000,000), the seconds
 * per phase (default 3), the phases (default 11) and the fraction converted first (default 0.2).
 */
public final class InMemorySustainedConversion {
  private static final Actor ACTOR = Actor.user("bench");
  private static final int BLOCK = 100;
  private static final String[] KINDS = {"converting", "collector pauses", "refinement", "marking", "JIT", "other"};

  private InMemorySustainedConversion() {}

  public static void main(String[] args) throws Exception {
    String side = args.length > 0 ? args[0] : "crmkit";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 3;
    int phases = args.length > 3 ? Integer.parseInt(args[3]) : 11;
    double first = args.length > 4 ? Double.parseDouble(args[4]) : 0.2;
    IntConsumer convert = switch (side) {
      case "crmkit" -> crmkit(n);
      case "plain" -> plain(n);
      default -> throw new IllegalArgumentException("the side is crmkit or plain, was " + side);
    };
    int converted = (int) (n * first);
    for (int i = 0; i < converted; i++) {
      convert.accept(i);
    }
    System.out.printf(Locale.ROOT, "%s: %,d leads, %,d converted first; phases of %.1f s on 1 and 2 threads in turn%n",
        side, n, converted, seconds);
    AtomicInteger next = new AtomicInteger(converted);
    ExecutorService pool = Executors.newFixedThreadPool(2, work -> {
      Thread t = new Thread(work, "convert-" + System.nanoTime());
      t.setDaemon(true);
      return t;
    });
    Totals[] totals = {null, new Totals(), new Totals()};
    for (int phase = 0; phase < phases && next.get() < n; phase++) {
      int threads = phase % 2 == 0 ? 1 : 2;
      Totals t = phase(pool, convert, next, n, threads, seconds);
      System.out.printf(Locale.ROOT, "phase %d, %d thread(s): %s%n", phase, threads, t);
      if (phase > 0) {
        totals[threads].add(t);
      }
    }
    pool.shutdown();
    System.out.printf(Locale.ROOT, "%nall phases but the first, %s:%n  1 thread:  %s%n  2 threads: %s%n", side,
        totals[1], totals[2]);
    System.out.printf(Locale.ROOT, "  two threads / one, wall clock: %.2fx%n", totals[2].rate() / totals[1].rate());
    System.exit(0);
  }

  private static IntConsumer crmkit(int n) {
    Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
    LeadId[] ids = new LeadId[n];
    for (int i = 0; i < n; i++) {
      ids[i] = crm.leads().create(ACTOR, CreateLead.of(InMemoryConversionRates.first(i), "Lovelace",
          InMemoryConversionRates.company(i), InMemoryConversionRates.email(i))).id();
    }
    return i -> {
      if (!(crm.conversions().convert(ACTOR, ConvertLead.of(ids[i])) instanceof ConversionOutcome.Converted)) {
        throw new IllegalStateException("lead " + i + " was not converted");
      }
    };
  }

  private static IntConsumer plain(int n) {
    PlainConversions plain = new PlainConversions();
    UUID[] ids = new UUID[n];
    for (int i = 0; i < n; i++) {
      ids[i] = plain.createLead(InMemoryConversionRates.first(i), "Lovelace", InMemoryConversionRates.company(i),
          InMemoryConversionRates.email(i), "bench");
    }
    return i -> plain.convert(ids[i], "bench");
  }

  /** Converts on {@code threads} threads for {@code seconds} (or until the leads run out) and says what it took. */
  private static Totals phase(ExecutorService pool, IntConsumer convert, AtomicInteger next, int n, int threads,
      double seconds) throws Exception {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    AtomicLong done = new AtomicLong();
    Map<String, Long> cpuBefore = cpuByKind();
    long pausesBefore = pauseMillis();
    long started = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      running.add(pool.submit(() -> {
        long mine = 0;
        while (System.nanoTime() < end) {
          int from = next.getAndAdd(BLOCK);
          if (from >= n) {
            break;
          }
          for (int i = from; i < Math.min(n, from + BLOCK); i++) {
            convert.accept(i);
          }
          mine += Math.min(n, from + BLOCK) - from;
        }
        done.addAndGet(mine);
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    Totals t = new Totals();
    t.wallNanos = System.nanoTime() - started;
    t.conversions = done.get();
    t.pauseMillis = pauseMillis() - pausesBefore;
    Map<String, Long> cpuAfter = cpuByKind();
    cpuAfter.forEach((kind, ms) -> t.cpuMillis.merge(kind, ms - cpuBefore.getOrDefault(kind, 0L), Long::sum));
    return t;
  }

  private static long pauseMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, gc.getCollectionTime());
    }
    return sum;
  }

  /**
   * The CPU time so far of this process's threads by kind, in milliseconds, from {@code /proc/self/task/<id>/stat}
   * (user and system time, in clock ticks of 10 ms); empty where there is no such file. A thread that ended is no
   * longer counted, so only threads that live through the run (the pool's, the JVM's own) are compared.
   */
  private static Map<String, Long> cpuByKind() {
    Map<String, Long> byKind = new TreeMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return byKind;
    }
    try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
      for (Path task : all) {
        try {
          String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).trim();
          String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
          // the fields after the name, which is in parentheses and may hold spaces: state is field 3, utime 14
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          byKind.merge(kind(name), ticks * 10, Long::sum);
        } catch (IOException | RuntimeException ended) {
          // the thread ended while it was read: its time is no longer counted
        }
      }
    } catch (IOException e) {
      return byKind;
    }
    return byKind;
  }

  /** The kind of a thread by the name Linux keeps for it (the first 15 characters of the JVM's name). */
  private static String kind(String name) {
    if (name.startsWith("convert-")) {
      return KINDS[0];
    } else if (name.startsWith("GC Thread")) {
      return KINDS[1];
    } else if (name.startsWith("G1 Refine")) {
      return KINDS[2];
    } else if (name.startsWith("G1 Conc") || name.startsWith("G1 Main Marker")) {
      return KINDS[3];
    } else if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
      return KINDS[4];
    }
    return KINDS[5];
  }

  /** What a phase, or several, took. */
  private static final class Totals {
    long conversions;
    long wallNanos;
    long pauseMillis;
    final Map<String, Long> cpuMillis = new TreeMap<>();

    void add(Totals t) {
      conversions += t.conversions;
      wallNanos += t.wallNanos;
      pauseMillis += t.pauseMillis;
      t.cpuMillis.forEach((kind, ms) -> cpuMillis.merge(kind, ms, Long::sum));
    }

    double rate() {
      return conversions / (wallNanos / 1e9);
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%,d conversions, %,.0f/s wall clock;"
          + " collector pauses %.1f us a conversion (%.0f %% of the wall clock)", conversions, rate(),
          pauseMillis * 1e3 / conversions, pauseMillis * 1e8 / wallNanos));
      if (!cpuMillis.isEmpty()) {
        s.append("; CPU us a conversion:");
        for (String kind : KINDS) {
          s.append(String.format(Locale.ROOT, " %s %.1f,", kind,
              cpuMillis.getOrDefault(kind, 0L) * 1e3 / conversions));
        }
        s.setLength(s.length() - 1);
      }
      return s.toString();
    }
  }
}
