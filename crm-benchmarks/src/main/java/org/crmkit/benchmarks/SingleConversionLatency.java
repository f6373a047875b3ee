package org.crmkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 *   java -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.SingleConversionLatency 30 100}</pre>
 *
 * <p>A fourth argument {@code trace} then prints the driver's wire messages (pgjdbc's log at FINEST) of two
 * conversions of each side, to compare their conversations with the server message by message.
 */
public final class SingleConversionLatency {
  private SingleConversionLatency() {}

  /**
   * @param args number of blocks (default 30), conversions per side and block (default 100), database (default
   *     {@code postgresql}), optionally {@code trace}
   * @throws SQLException when the baseline fails
   */
  public static void main(String[] args) throws SQLException {
    int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int per = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    JpaConversionBenchmark b = new JpaConversionBenchmark();
    b.database = args.length > 2 ? args[2] : "postgresql";
    b.batchSize = "default";
    b.setUp();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int warmUp = blocks / 3;
    int measured = blocks - warmUp;
    long[] crmkit = new long[measured * per];
    long[] jdbc = new long[measured * per];
    double[] crmkitCpu = new double[measured];
    double[] jdbcCpu = new double[measured];
    Map<String, CountingDataSource.Count> crmkitSent = new TreeMap<>();
    Map<String, CountingDataSource.Count> jdbcSent = new TreeMap<>();
    for (int block = 0; block < blocks; block++) {
      int m = block - warmUp;
      b.seed(2 * per);
      b.counting.take();
      long c0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < per; i++) {
        long t0 = System.nanoTime();
        b.single_crmkit(null);
        if (m >= 0) {
          crmkit[m * per + i] = System.nanoTime() - t0;
        }
      }
      long c1 = mx.getCurrentThreadCpuTime();
      Map<String, CountingDataSource.Count> a = b.counting.take();
      for (int i = 0; i < per; i++) {
        long t0 = System.nanoTime();
        b.single_jdbc(null);
        if (m >= 0) {
          jdbc[m * per + i] = System.nanoTime() - t0;
        }
      }
      long c2 = mx.getCurrentThreadCpuTime();
      Map<String, CountingDataSource.Count> j = b.counting.take();
      if (m >= 0) {
        crmkitCpu[m] = (c1 - c0) / 1000.0 / per;
        jdbcCpu[m] = (c2 - c1) / 1000.0 / per;
        a.forEach((k, v) -> crmkitSent.merge(k, v, CountingDataSource.Count::plus));
        j.forEach((k, v) -> jdbcSent.merge(k, v, CountingDataSource.Count::plus));
      }
      b.empty();
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
