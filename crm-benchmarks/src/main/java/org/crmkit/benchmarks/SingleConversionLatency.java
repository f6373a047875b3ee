package org.crmkit.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Single lead conversions, one transaction each, crmkit beside the hand-written JDBC of {@link ConversionBaseline},
 * alternating in one thread of one JVM on the same pool and server ({@link JpaConversionBenchmark}'s set-up: 10,000
 * analysed background accounts, every lead of its own company): block after block, {@code per} crmkit conversions
 * then {@code per} JDBC conversions, each call timed on its own. After a warm-up of a third of the blocks it prints,
 * for each side, p50, p90 and p99 of the calls' wall time and their ratio, the median CPU time per call of this
 * thread, and where the wall time went: the time spent in the driver per conversion on each kind of statement and on
 * the commit ({@link CountingDataSource}), and the rest (the client's own work, and waiting for a core on a busy
 * machine). Alternating blocks expose both sides to the same load, which JMH's separate runs cannot on a shared
 * machine. A plain program, not a timed test.
 *
 * <pre>{@code CRM_PG_URL=jdbc:postgresql://localhost:5432/convpg CRM_PG_USER=postgres CRM_PG_PASSWORD=postgres \
 *   java -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.SingleConversionLatency 180 100}</pre>
 *
 * <p>A third of the blocks warm up. The command runs 180 blocks (60 of warm-up, about 40 s after the set-up, near
 * JMH's default warm-up of 50 s; 12,000 conversions a side measured): with 30 blocks crmkit's CPU per call was 2.5
 * to 2.9 times the JDBC side's on a quiet 2-core machine, with 90 blocks 1.8 to 2.4 times, and with 90 blocks the JIT
 * still compiled crmkit's code during the measured calls (about a second of compilation, twice the JDBC side's),
 * which made crmkit's p99 1.8 to 2.4 times the JDBC side's where 180 blocks gave 1.2 to 1.4 (docs/PERFORMANCE.md,
 * "Issue 16, fifth pass").
 *
 * <p>It also prints how much JIT compilation time ended during each side's measured calls
 * ({@code CompilationMXBean}): the compiler threads run on the same cores as this thread and the server, and a side
 * whose code is still being compiled waits for a core more often, which is what its slowest calls are made of.
 *
 * <p>A fourth argument {@code trace} then prints the driver's wire messages (pgjdbc's log at FINEST) of two
 * conversions of each side, to compare their conversations with the server message by message.
 *
 * <p>Each block's set-up inserts its leads and runs {@code ANALYZE}, after which the server plans every statement
 * afresh: the first conversion after it, whichever side makes it, costs the server 2 to 3 ms more than the others.
 * The set-up is the harness's own doing (a host does not analyse its tables between two conversions), so one untimed
 * conversion of each side follows it; {@code -Dsettle=false} leaves them out, and then the side that runs first after
 * the set-up pays for the fresh plans once a block (crmkit in the default order: with 20 measured blocks, exactly the
 * rank of its p99).
 *
 * <p>{@code -Dorder=abba} runs the JDBC block first in every second block, and {@code -Dorder=interleaved} runs
 * the two sides' calls in turn, one by one (each block starting with the other side than the block before), so that
 * neither side is always the first after the block's set-up (inserting the leads, {@code ANALYZE}) and a burst of
 * load on the machine meets both sides alike; reported beside the default, never instead of it.
 *
 * <p>With {@code -Dsamples=FILE} it also writes every call (warm-up blocks included) as a line of CSV: side, block,
 * position in its block, wall time, this thread's CPU time, the time it waited for a core (Linux's
 * {@code /proc/thread-self/schedstat}), the collections and collection time of all garbage collectors, and the time
 * in the driver on statements and on the commit, (a server on this machine) the run time and run-queue wait of the
 * server processes of the pool's connections, and this thread's minor page faults, user and system clock ticks
 * ({@code /proc/thread-self/stat}); and it prints what the 1 % slowest calls of each side were made of, to tell
 * apart client CPU, waits for a core, the server's work, garbage collection and the first call after a block's
 * set-up.
 */
public final class SingleConversionLatency {
  private SingleConversionLatency() {}

  /**
   * @param args number of blocks (default 180), conversions per side and block (default 100), database (default
   *     {@code postgresql}), optionally {@code trace}
   * @throws SQLException when the baseline fails
   * @throws IOException when the samples file ({@code -Dsamples=FILE}) cannot be written
   */
  public static void main(String[] args) throws SQLException, IOException {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 180;
    int per = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    JpaConversionBenchmark b = new JpaConversionBenchmark();
    b.database = args.length > 2 ? args[2] : "postgresql";
    b.batchSize = "default";
    b.setUp();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    int warmUp = blocks / 3;
    int measured = blocks - warmUp;
    long[] crmkit = new long[measured * per];
    long[] jdbc = new long[measured * per];
    double[] crmkitCpu = new double[measured];
    double[] jdbcCpu = new double[measured];
    Map<String, CountingDataSource.Count> crmkitSent = new TreeMap<>();
    Map<String, CountingDataSource.Count> jdbcSent = new TreeMap<>();
    String samplesFile = System.getProperty("samples");
    PrintWriter samples = samplesFile == null ? null
        : new PrintWriter(Files.newBufferedWriter(Path.of(samplesFile)));
    if (samples != null) {
      samples.println(Sample.HEADER);
      if (b.database.equals("postgresql")) {
        Sample.findBackends(b.db.dataSource);
      }
    }
    Order order = Order.valueOf(System.getProperty("order", "blocks").toUpperCase(Locale.ROOT));
    System.out.println("[crmkit] order of the calls: " + order.description);
    boolean settle = !"false".equals(System.getProperty("settle"));
    System.out.println("[crmkit] after each block's set-up: " + (settle
        ? "one untimed call a side" : "no untimed call (-Dsettle=false): the first side pays the fresh plans"));
    int[] done = new int[2];
    // the JIT's compilation time (milliseconds, all compiler threads) that ended during each side's measured calls
    long[] compiled = new long[2];
    long measuredFrom = 0;
    for (int block = 0; block < blocks; block++) {
      int m = block - warmUp;
      b.seed(2 * per + (settle ? 2 : 0));
      if (settle) {
        // the set-up's ANALYZE makes the server plan afresh: one untimed call a side, so no side pays for it
        b.single_crmkit(null);
        b.single_jdbc(null);
      }
      b.counting.take();
      if (m == 0) {
        measuredFrom = System.nanoTime();
      }
      done[0] = 0;
      done[1] = 0;
      double[] cpu = new double[2];
      // with samples, the CPU of the calls alone: reading the counters around each call costs CPU of its own
      double[] callCpu = new double[2];
      List<Map<String, CountingDataSource.Count>> sent = List.of(new TreeMap<>(), new TreeMap<>());
      int side = order.side(block, 0, per);
      long c0 = mx.getCurrentThreadCpuTime();
      long j0 = jit.getTotalCompilationTime();
      for (int call = 0; call < 2 * per; call++) {
        int next = order.side(block, call, per);
        if (next != side) {
          long c1 = mx.getCurrentThreadCpuTime();
          cpu[side] += c1 - c0;
          if (m >= 0) {
            compiled[side] += jit.getTotalCompilationTime() - j0;
          }
          j0 = jit.getTotalCompilationTime();
          Map<String, CountingDataSource.Count> into = sent.get(side);
          b.counting.take().forEach((k, v) -> into.merge(k, v, CountingDataSource.Count::plus));
          side = next;
          c0 = mx.getCurrentThreadCpuTime();
        }
        int i = done[side]++;
        Sample s = samples == null ? null : new Sample(b.counting, mx);
        long t0 = System.nanoTime();
        if (side == 0) {
          b.single_crmkit(null);
        } else {
          b.single_jdbc(null);
        }
        long t = System.nanoTime() - t0;
        if (m >= 0) {
          (side == 0 ? crmkit : jdbc)[m * per + i] = t;
        }
        if (s != null) {
          callCpu[side] += s.end(samples, side == 0 ? "crmkit" : "jdbc", block, i, t, m >= 0,
              side == order.side(block, 0, per));
        }
      }
      cpu[side] += mx.getCurrentThreadCpuTime() - c0;
      if (m >= 0) {
        compiled[side] += jit.getTotalCompilationTime() - j0;
      }
      Map<String, CountingDataSource.Count> into = sent.get(side);
      b.counting.take().forEach((k, v) -> into.merge(k, v, CountingDataSource.Count::plus));
      if (m >= 0) {
        double[] spent = samples == null ? cpu : callCpu;
        crmkitCpu[m] = spent[0] / 1000.0 / per;
        jdbcCpu[m] = spent[1] / 1000.0 / per;
        sent.get(0).forEach((k, v) -> crmkitSent.merge(k, v, CountingDataSource.Count::plus));
        sent.get(1).forEach((k, v) -> jdbcSent.merge(k, v, CountingDataSource.Count::plus));
      }
      b.empty();
    }
    if (samples != null) {
      samples.close();
      Sample.summarize();
    }
    double crmkitMean = Arrays.stream(crmkit).average().orElseThrow() / 1000.0;
    double jdbcMean = Arrays.stream(jdbc).average().orElseThrow() / 1000.0;
    Arrays.sort(crmkit);
    Arrays.sort(jdbc);
    Arrays.sort(crmkitCpu);
    Arrays.sort(jdbcCpu);
    System.out.printf(Locale.ROOT, "%d conversions a side after %d warm-up blocks%n", crmkit.length, warmUp);
    for (double q : List.of(0.5, 0.9, 0.99)) {
      double x = crmkit[(int) (q * (crmkit.length - 1))] / 1000.0;
      double y = jdbc[(int) (q * (jdbc.length - 1))] / 1000.0;
      System.out.printf(Locale.ROOT, "p%-2d wall: crmkit %8.0f us  jdbc %8.0f us  ratio %.2f%n", Math.round(q * 100),
          x, y, x / y);
    }
    double x = crmkitCpu[measured / 2];
    double y = jdbcCpu[measured / 2];
    System.out.printf(Locale.ROOT, "CPU of this thread per call (median of blocks): crmkit %.0f us  jdbc %.0f us"
        + "  ratio %.2f%n", x, y, x / y);
    System.out.printf(Locale.ROOT, "JIT compilation ending in the measured calls (%.0f s): crmkit's %d ms, jdbc's %d ms"
        + " (the compiler threads share the cores with this thread and the server)%n",
        (System.nanoTime() - measuredFrom) / 1e9, compiled[0], compiled[1]);
    System.out.printf(Locale.ROOT, "mean wall per call: crmkit %.0f us  jdbc %.0f us; of which in the driver,"
        + " per conversion (calls, us):%n", crmkitMean, jdbcMean);
    double crmkitDriver = 0;
    double jdbcDriver = 0;
    TreeMap<String, Object> kinds = new TreeMap<>();
    crmkitSent.keySet().forEach(k -> kinds.put(k, k));
    jdbcSent.keySet().forEach(k -> kinds.put(k, k));
    int n = crmkit.length;
    for (String kind : kinds.keySet()) {
      CountingDataSource.Count ca = crmkitSent.getOrDefault(kind, new CountingDataSource.Count(0, 0));
      CountingDataSource.Count cj = jdbcSent.getOrDefault(kind, new CountingDataSource.Count(0, 0));
      crmkitDriver += ca.nanos() / 1000.0 / n;
      jdbcDriver += cj.nanos() / 1000.0 / n;
      System.out.printf(Locale.ROOT, "  %-36s crmkit %4.2f x %6.0f us   jdbc %4.2f x %6.0f us%n", kind,
          ca.calls() / (double) n, ca.nanos() / 1000.0 / n, cj.calls() / (double) n, cj.nanos() / 1000.0 / n);
    }
    System.out.printf(Locale.ROOT, "  %-36s crmkit %13.0f us   jdbc %13.0f us%n", "in the driver", crmkitDriver,
        jdbcDriver);
    System.out.printf(Locale.ROOT, "  %-36s crmkit %13.0f us   jdbc %13.0f us%n", "the rest (client work, waits)",
        crmkitMean - crmkitDriver, jdbcMean - jdbcDriver);
    if (args.length > 3 && args[3].equals("trace")) {
      trace(b);
    }
    b.tearDown();
    System.exit(0);
  }

  /** In which order the two sides' calls of a block run ({@code -Dorder=...}); side 0 is crmkit, 1 the JDBC. */
  enum Order {
    /** The default: each block's crmkit calls, then its JDBC calls. */
    BLOCKS("blocks of crmkit then blocks of JDBC (the default)"),
    /** Blocks, but the JDBC calls first in every second block. */
    ABBA("blocks, crmkit first in even blocks and JDBC first in odd ones"),
    /** One call a side in turn, crmkit first in even blocks and JDBC first in odd ones. */
    INTERLEAVED("one call a side in turn, crmkit first in even blocks and JDBC first in odd ones");

    final String description;

    Order(String description) {
      this.description = description;
    }

    /** @return the side of the {@code call}-th call of {@code block} (0 crmkit, 1 JDBC), of {@code 2 * per} calls */
    int side(int block, int call, int per) {
      return switch (this) {
        case BLOCKS -> call < per ? 0 : 1;
        case ABBA -> (call < per ? 0 : 1) ^ (block & 1);
        case INTERLEAVED -> (call & 1) ^ (block & 1);
      };
    }
  }

  /** Prints the driver's wire messages (pgjdbc at FINEST) of two conversions of each side. */
  static void trace(JpaConversionBenchmark b) throws SQLException {
    b.seed(4);
    Logger driver = Logger.getLogger("org.postgresql");
    ConsoleHandler handler = new ConsoleHandler();
    handler.setLevel(Level.FINEST);
    driver.addHandler(handler);
    driver.setLevel(Level.FINEST);
    for (int i = 0; i < 2; i++) {
      System.err.println("==== crmkit conversion " + i);
      b.single_crmkit(null);
    }
    for (int i = 0; i < 2; i++) {
      System.err.println("==== jdbc conversion " + i);
      b.single_jdbc(null);
    }
    driver.setLevel(Level.INFO);
    driver.removeHandler(handler);
    b.empty();
  }
}
