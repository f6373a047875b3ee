package org.crmkit.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * One call of {@link SingleConversionLatency} with {@code -Dsamples=FILE}: its counters before it; {@link #end}
 * writes the differences as a line of CSV, and {@link #summarize} prints what the slowest 1 % were made of.
 */
final class Sample {
  static final String HEADER = "side,block,pos,wall_us,cpu_us,runq_us,gc_n,gc_ms,driver_us,commit_us,"
      + "server_cpu_us,server_runq_us,minflt,utime_ticks,stime_ticks";
  private static final Path SCHEDSTAT = Path.of("/proc/thread-self/schedstat");
  private static final Path STAT = Path.of("/proc/thread-self/stat");
  /** The schedstat files of the server's backends of this database, when the server runs on this machine. */
  static List<Path> backends = List.of();
  private final CountingDataSource counting;
  private final ThreadMXBean mx;
  private final long runq;
  private final long gcCount;
  private final long gcTime;
  private final long driver;
  private final long commit;
  private final long cpu;
  private final long[] server;
  private final long[] stat;

  Sample(CountingDataSource counting, ThreadMXBean mx) {
    this.counting = counting;
    this.mx = mx;
    runq = runQueueNanos();
    gcCount = gc(true);
    gcTime = gc(false);
    driver = counting.driverNanos();
    commit = counting.commitNanos();
    server = serverNanos();
    stat = threadStat();
    cpu = mx.getCurrentThreadCpuTime();
  }

  /** One measured call, for the summary of the slowest ones ({@link #summarize}). */
  record Call(int side, int block, int pos, boolean first, double wall, double cpu, double runq, long gcs,
      double serverCpu, double serverRunq, long faults) {}

  /** The calls of the measured blocks, kept for the summary. */
  static final List<Call> CALLS = new java.util.ArrayList<>();

  /**
   * Writes the call's line and, when {@code keep}, keeps it for the summary.
   *
   * @param first whether this side ran first after the block's set-up
   * @return the call's CPU time in nanoseconds
   */
  long end(PrintWriter out, String side, int block, int pos, long wall, boolean keep, boolean first) {
    long c = mx.getCurrentThreadCpuTime() - cpu;
    long d = counting.driverNanos() - driver;
    long k = counting.commitNanos() - commit;
    long g = gc(true) - gcCount;
    long gt = gc(false) - gcTime;
    long r = runQueueNanos() - runq;
    long[] sv = serverNanos();
    long[] st = threadStat();
    out.printf(Locale.ROOT, "%s,%d,%d,%.1f,%.1f,%.1f,%d,%d,%.1f,%.1f,%.1f,%.1f,%d,%d,%d%n", side, block, pos,
        wall / 1e3, c / 1e3, r / 1e3, g, gt, d / 1e3, k / 1e3, (sv[0] - server[0]) / 1e3, (sv[1] - server[1]) / 1e3,
        st[0] - stat[0], st[1] - stat[1], st[2] - stat[2]);
    if (keep) {
      CALLS.add(new Call(side.equals("crmkit") ? 0 : 1, block, pos, first, wall / 1e3, c / 1e3, r / 1e3, g,
          (sv[0] - server[0]) / 1e3, (sv[1] - server[1]) / 1e3, st[0] - stat[0]));
    }
    return c;
  }

  /**
   * Prints, per side, what the 1 % slowest measured calls (those at or above the p99) were made of, beside the
   * median call and the first call of each block after its set-up (inserting the leads, {@code ANALYZE}).
   */
  static void summarize() {
    for (int side = 0; side < 2; side++) {
      int sd = side;
      List<Call> all = CALLS.stream().filter(c -> c.side() == sd)
          .sorted(java.util.Comparator.comparingDouble(Call::wall)).toList();
      if (all.isEmpty()) {
        continue;
      }
      List<Call> tail = all.subList((int) (0.99 * (all.size() - 1)), all.size());
      System.out.printf(Locale.ROOT, "%s, the %d slowest calls (p99 and above): %d at the first position of"
          + " their side's block, %d of those first after the block's set-up; in %d different blocks%n",
          side == 0 ? "crmkit" : "jdbc", tail.size(), tail.stream().filter(c -> c.pos() == 0).count(),
          tail.stream().filter(c -> c.pos() == 0 && c.first()).count(),
          tail.stream().mapToInt(Call::block).distinct().count());
      line("  slowest 1 % (mean)", tail);
      line("  all calls (mean)", all);
      line("  first after set-up (mean)", all.stream().filter(c -> c.pos() == 0 && c.first()).toList());
      line("  first, other side before (mean)", all.stream().filter(c -> c.pos() == 0 && !c.first()).toList());
    }
  }

  private static void line(String label, List<Call> calls) {
    if (calls.isEmpty()) {
      return;
    }
    double n = calls.size();
    System.out.printf(Locale.ROOT, "%-34s n=%4d wall %7.0f us, CPU %5.0f, waiting for a core %6.0f, server CPU"
        + " %5.0f, server waiting for a core %6.0f us; GCs %d, page faults %.1f%n", label, calls.size(),
        calls.stream().mapToDouble(Call::wall).sum() / n, calls.stream().mapToDouble(Call::cpu).sum() / n,
        calls.stream().mapToDouble(Call::runq).sum() / n, calls.stream().mapToDouble(Call::serverCpu).sum() / n,
        calls.stream().mapToDouble(Call::serverRunq).sum() / n, calls.stream().mapToLong(Call::gcs).sum(),
        calls.stream().mapToLong(Call::faults).sum() / n);
  }

  /** @return this thread's minor page faults, user and system time in clock ticks (/proc/thread-self/stat) */
  private static long[] threadStat() {
    try {
      String line = Files.readString(STAT);
      String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
      // after the command: state(0) ppid pgrp session tty tpgid flags minflt(7) cminflt majflt cmajflt utime(11) stime
      return new long[] {Long.parseLong(f[7]), Long.parseLong(f[11]), Long.parseLong(f[12])};
    } catch (IOException | RuntimeException e) {
      return new long[3];
    }
  }

  /** Finds the server processes of the benchmark's connections (only if they are visible in /proc). */
  static void findBackends(javax.sql.DataSource ds) throws SQLException {
    List<Path> found = new java.util.ArrayList<>();
    try (java.sql.Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("select pid from pg_stat_activity where datname = current_database()"
            + " and backend_type = 'client backend'")) {
      while (rs.next()) {
        Path p = Path.of("/proc/" + rs.getInt(1) + "/schedstat");
        if (Files.isReadable(p)) {
          found.add(p);
        }
      }
    }
    backends = List.copyOf(found);
    System.out.println("[samples] server backends on this machine: " + backends.size());
  }

  /** @return the summed run time and run-queue wait of the server's backends, nanoseconds */
  private static long[] serverNanos() {
    long[] sum = new long[2];
    for (Path p : backends) {
      try {
        String[] f = Files.readString(p).trim().split(" ");
        sum[0] += Long.parseLong(f[0]);
        sum[1] += Long.parseLong(f[1]);
      } catch (IOException | RuntimeException e) {
        // a backend that went away counts no more
      }
    }
    return sum;
  }

  private static long gc(boolean count) {
    long sum = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += count ? gc.getCollectionCount() : gc.getCollectionTime();
    }
    return sum;
  }

  /** @return nanoseconds this thread has waited on a run queue (second field of schedstat), or 0 if unknown */
  private static long runQueueNanos() {
    try {
      String[] f = Files.readString(SCHEDSTAT).trim().split(" ");
      return Long.parseLong(f[1]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
