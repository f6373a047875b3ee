package org.crmkit.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Measures slices of conversions for {@link InMemoryConversionRates}: per slice the wall-clock rate, the rate per
 * second of the converting threads' CPU time, the own time of the busier thread when the slice runs on several, and
 * what the converting threads, the collector and the JIT did meanwhile ({@link Totals}). The converting threads are
 * the thread that made the meter and the threads of its {@link #pool}. Not thread-safe: one thread measures.
 */
final class SliceMeter {
  /** The threads that convert: the thread that made the meter and the pool's threads. */
  private final List<Long> converting = new CopyOnWriteArrayList<>(List.of(Thread.currentThread().getId()));
  /**
   * The time pool threads waited (parked on a lock, or blocked) while they converted, in milliseconds: not the time the
   * measuring thread waits for them, nor an idle pool thread's.
   */
  private final AtomicLong waitedMillis = new AtomicLong();
  /**
   * The own time of the busiest thread of the last {@link #onThreads} call, in nanoseconds: its CPU time and the time
   * it waited for a lock, that is its wall-clock time less the time it was ready to run but had no core. The rate per
   * second of this time shows what two threads would gain if nothing else wanted the cores; the wall clock shows what
   * they gained here, where the collector's own threads want them too (docs/PERFORMANCE.md, "Issue 16, seventh pass":
   * the sixth pass took those for the host's).
   */
  private final AtomicLong busiestNanos = new AtomicLong();
  /**
   * When the threads of the last {@link #onThreads} call were released together, and when the last of them finished
   * (nanoTime): the span in which they converted once all were running, without the time a parked pool thread took to
   * wake up (on a virtual machine, waking a thread on an idle virtual core took up to milliseconds, as long as a whole
   * slice), nor the measuring thread's own wake-up at the end.
   */
  private final AtomicLong released = new AtomicLong();
  private final AtomicLong finished = new AtomicLong();
  /** What the last {@link #rate} call did per second of the converting threads' CPU time. */
  private double lastCpuRate;
  /** What the converting threads and the collector did during the last {@link #rate} call. */
  private Totals last = new Totals();

  SliceMeter() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    if (threads.isThreadContentionMonitoringSupported()) {
      threads.setThreadContentionMonitoringEnabled(true); // the time the converting threads wait for a lock
    }
  }

  /** @return a pool of {@code size} daemon threads whose CPU time, allocations and waits the meter counts */
  ExecutorService pool(int size) {
    return Executors.newFixedThreadPool(size, work -> {
      Thread t = new Thread(work);
      t.setDaemon(true);
      converting.add(t.getId());
      return t;
    });
  }

  /** @return what the last {@link #rate} call did per second of the converting threads' CPU time */
  double lastCpuRate() {
    return lastCpuRate;
  }

  /** @return what the converting threads, the collector and the JIT did during the last {@link #rate} call */
  Totals last() {
    return last;
  }

  /**
   * @return {@code count} per second of the last {@link #onThreads} call's span from the moment its threads were
   *     released together to the moment the last of them finished
   */
  double lastReleasedRate(int count) {
    return count / ((finished.get() - released.get()) / 1e9);
  }

  /** @return {@code count} per second of the own time of the busiest thread of the last {@link #onThreads} call */
  double lastOwnRate(int count) {
    return count / (busiestNanos.get() / 1e9);
  }

  /**
   * The CPU time of the converting threads so far, in nanoseconds (not the JIT's nor the garbage collector's: the
   * converting threads' CPU time is counted in 10 ms steps here, too coarse for a slice of plain-map conversions).
   */
  private long cpuNanos() {
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (long id : converting) {
      sum += Math.max(0, threads.getThreadCpuTime(id));
    }
    return sum;
  }

  /** @return how long the current thread has waited (parked, in {@code Object.wait}) or been blocked so far, in ms */
  private static long waitedSoFar() {
    ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(Thread.currentThread().getId());
    return info == null ? 0 : Math.max(0, info.getWaitedTime()) + Math.max(0, info.getBlockedTime());
  }

  /** Conversions, bytes the converting threads allocated, collections, their time, time the threads waited. */
  static final class Totals {
    long conversions;
    long bytes;
    long collections;
    long collectionMillis;
    long waitedMillis;
    long compiledMillis;

    void add(Totals t) {
      conversions += t.conversions;
      bytes += t.bytes;
      collections += t.collections;
      collectionMillis += t.collectionMillis;
      waitedMillis += t.waitedMillis;
      compiledMillis += t.compiledMillis;
    }

    String perThousand(Totals two) {
      return String.format(Locale.ROOT, "collections %.2f / %.2f (%.1f / %.1f ms), waited (parked, blocked) %.1f /"
          + " %.1f ms, JIT compilation %.1f / %.1f ms", 1000.0 * collections / conversions,
          1000.0 * two.collections / two.conversions, 1000.0 * collectionMillis / conversions,
          1000.0 * two.collectionMillis / two.conversions, 1000.0 * waitedMillis / conversions,
          1000.0 * two.waitedMillis / two.conversions, 1000.0 * compiledMillis / conversions,
          1000.0 * two.compiledMillis / two.conversions);
    }
  }

  /** One side's slices on a number of threads: per round the rates, and over all rounds the {@link Totals}. */
  static final class Runs {
    /**
     * Per round: conversions per second of wall-clock time, of the converting threads' CPU time, of own time, and of
     * the span from the threads' release to the last one's end ({@link #lastReleasedRate}).
     */
    final double[] wall;
    final double[] cpu;
    final double[] own;
    final double[] released;
    final Totals totals = new Totals();

    Runs(int rounds) {
      wall = new double[rounds];
      cpu = new double[rounds];
      own = new double[rounds];
      released = new double[rounds];
    }

    /** Runs {@code work} (an {@link SliceMeter#onThreads} call of {@code count} conversions) as round {@code r}. */
    void measure(int r, SliceMeter meter, int count, ThrowingRunnable work) throws Exception {
      wall[r] = meter.rate(count, work);
      cpu[r] = meter.lastCpuRate();
      own[r] = meter.lastOwnRate(count);
      released[r] = meter.lastReleasedRate(count);
      totals.add(meter.last());
    }
  }

  /**
   * The current totals of the converting threads (bytes, waited time), of the collectors and of the JIT's compiler
   * threads (their compilation time: on two cores a compilation takes the core a second converting thread needs).
   */
  private Totals now() {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Totals t = new Totals();
    for (long id : converting) {
      t.bytes += Math.max(0, threads.getThreadAllocatedBytes(id));
    }
    t.waitedMillis = waitedMillis.get();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      t.collections += Math.max(0, gc.getCollectionCount());
      t.collectionMillis += Math.max(0, gc.getCollectionTime());
    }
    t.compiledMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    return t;
  }

  /**
   * Runs {@code work} and returns how many of {@code count} it did per second of wall-clock time; sets
   * {@link #lastCpuRate} and {@link #last}. On a machine shared with other work, wall-clock time also counts the time
   * the process waited for a core, which hurts the side whose slice lasts longer; CPU time does not.
   */
  double rate(int count, ThrowingRunnable work) throws Exception {
    Totals before = now();
    long cpu = cpuNanos();
    long started = System.nanoTime();
    work.run();
    long wall = System.nanoTime() - started;
    lastCpuRate = count / ((cpuNanos() - cpu) / 1e9);
    Totals after = now();
    last = new Totals();
    last.conversions = count;
    last.bytes = after.bytes - before.bytes;
    last.collections = after.collections - before.collections;
    last.collectionMillis = after.collectionMillis - before.collectionMillis;
    last.waitedMillis = after.waitedMillis - before.waitedMillis;
    last.compiledMillis = after.compiledMillis - before.compiledMillis;
    return count / (wall / 1e9);
  }

  /**
   * Converts the leads of each range {@code [from, to)} on its own thread of {@code pool} (made by {@link #pool}) and
   * waits for all. The threads start converting together: each that arrives first spins until the last has arrived,
   * which records the moment it released them ({@link #lastReleasedRate}).
   */
  void onThreads(ExecutorService pool, IntConsumer convert, int... ranges) throws Exception {
    busiestNanos.set(0);
    released.set(0);
    finished.set(0);
    int parties = ranges.length / 2;
    AtomicInteger arrived = new AtomicInteger();
    List<Future<?>> running = new ArrayList<>();
    for (int k = 0; k < ranges.length; k += 2) {
      int from = ranges[k];
      int to = ranges[k + 1];
      running.add(pool.submit(() -> {
        if (arrived.incrementAndGet() == parties) {
          released.set(System.nanoTime());
        } else {
          while (released.get() == 0) {
            Thread.onSpinWait();
          }
        }
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long waited = waitedSoFar();
        for (int i = from; i < to; i++) {
          convert.accept(i);
        }
        long waitedHere = waitedSoFar() - waited;
        waitedMillis.addAndGet(waitedHere);
        long own = threads.getCurrentThreadCpuTime() - cpu + waitedHere * 1_000_000;
        busiestNanos.accumulateAndGet(own, Math::max);
        finished.accumulateAndGet(System.nanoTime(), Math::max);
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
