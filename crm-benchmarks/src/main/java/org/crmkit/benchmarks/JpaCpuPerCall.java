package org.crmkit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * CPU time (and wall time) per call of crmkit beside its JDBC baseline, alternating blocks of calls in one thread:
 * {@code card} (JpaReadBenchmark's account card, 200 calls per block) or {@code insert} (JpaBulkInsertBenchmark's
 * 1,000 opportunities, one call per block), on {@code h2} or {@code postgresql}. Prints the medians of the last two
 * thirds of the blocks. Not a JMH benchmark: a profiling aid for a shared machine, where the thread's CPU time
 * varies far less than wall time (on H2 all the work is in this thread; on PostgreSQL read the wall time, the
 * server's work is not in this thread's CPU time). A plain program, not a timed test.
 *
 * <pre>{@code java -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.JpaCpuPerCall card h2 30}</pre>
 */
public final class JpaCpuPerCall {
  private JpaCpuPerCall() {}

  /**
   * @param args {@code card|insert}, {@code h2|postgresql}, number of blocks
   * @throws Exception when the database or a call fails
   */
  public static void main(String[] args) throws Exception {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String what = args[0];
    String database = args[1];
    int blocks = Integer.parseInt(args[2]);
    if (what.equals("card")) {
      JpaReadBenchmark b = new JpaReadBenchmark();
      b.database = database;
      b.setUp();
      run(mx, blocks, 200, "card crmkit", () -> b.card_crmkit(), "card jdbc", () -> b.card_jdbcGroupBy());
      b.tearDown();
    } else {
      JpaBulkInsertBenchmark b = new JpaBulkInsertBenchmark();
      b.database = database;
      b.setUp();
      run(mx, blocks, 1, "insert crmkit", () -> { b.insert1000_crmkit(); b.empty(); },
          "insert jdbc", () -> { b.insert1000_jdbcBatch(); b.empty(); });
      b.tearDown();
    }
    System.exit(0);
  }

  interface Call {
    void run() throws Exception;
  }

  static void run(ThreadMXBean mx, int blocks, int per, String an, Call a, String bn, Call b) throws Exception {
    List<Double> ta = new ArrayList<>();
    List<Double> tb = new ArrayList<>();
    List<Double> wa = new ArrayList<>();
    List<Double> wb = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      for (int j = 0; j < per; j++) {
        a.run();
      }
      long c1 = mx.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      for (int j = 0; j < per; j++) {
        b.run();
      }
      long c2 = mx.getCurrentThreadCpuTime();
      long w2 = System.nanoTime();
      if (i >= blocks / 3) {
        ta.add((c1 - c0) / 1000.0 / per);
        tb.add((c2 - c1) / 1000.0 / per);
        wa.add((w1 - w0) / 1000.0 / per);
        wb.add((w2 - w1) / 1000.0 / per);
      }
    }
    Collections.sort(ta);
    Collections.sort(tb);
    Collections.sort(wa);
    Collections.sort(wb);
    double ma = ta.get(ta.size() / 2);
    double mb = tb.get(tb.size() / 2);
    System.out.printf("CPU us/op median: %s %.1f  %s %.1f  ratio %.2f | wall median %.1f vs %.1f ratio %.2f%n", an, ma,
        bn, mb, ma / mb, wa.get(wa.size() / 2), wb.get(wb.size() / 2), wa.get(wa.size() / 2) / wb.get(wb.size() / 2));
  }
}
