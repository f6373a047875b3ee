// Throw-away measurement for docs/PERFORMANCE.md, "Issue 16, eighth pass" and "ninth pass": how long the in-memory
// commit holds the write lock and keeps its stamp odd, and how often a read without a lock waits for it, on one
// converting thread and on two; and (ninth pass) how long each part of the commit takes when the commit before it
// was this thread's own and when it was the other thread's. It reads counters that only a build with
// issue16-commit-counters.patch has:
//
//   git apply docs/performance/issue16-commit-counters.patch
//   mvn -q -o -pl crm-benchmarks -am package -DskipTests
//   java -Xms8g -Xmx8g -XX:+AlwaysPreTouch -cp crm-benchmarks/target/benchmarks.jar \
//       docs/performance/CommitWaits.java 1600000 3 5
//   git checkout crm-inmemory   # the counters are not for a real build
//
// Arguments: leads, seconds per phase, phases (even phases one thread, odd phases two). A tenth of the leads is
// converted first; each phase converts further leads, one unit of work each, and prints the counters per conversion.
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.crmkit.Crm;
import org.crmkit.application.ConvertLead;
import org.crmkit.application.CreateLead;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.inmemory.InMemoryStorage;
import org.crmkit.shared.Actor;
import org.crmkit.shared.LeadId;

public class CommitWaits {
  static final Actor ACTOR = Actor.user("bench");
  static final String[] COUNTERS = {"READ_SPINS", "READ_FALLBACKS", "LOCKREAD_SPINS", "WRITE_SPINS", "WRITE_PARKS",
      "WAIT_NS", "HELD_NS", "ODD_NS", "COMMITS"};
  /** The parts of a commit the patch times, by index in PART_NS (tables in the order InMemoryStorage makes them). */
  static final String[] PARTS = {"foreign-keys", "lead", "account", "contact", "opportunity", "conversion-record",
      "forecast", "budget", "-", "-", "logs", "participants", "validate"};

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    double seconds = Double.parseDouble(args[1]);
    int phases = Integer.parseInt(args[2]);
    Crm crm = Crm.builder().storage(InMemoryStorage.create()).build();
    LeadId[] ids = new LeadId[n];
    for (int i = 0; i < n; i++) {
      ids[i] = crm.leads().create(ACTOR, CreateLead.of("Ada" + i, "Lovelace", "Company " + i + " Oy",
          "ada" + i + "@company" + i + ".example")).id();
    }
    AtomicInteger next = new AtomicInteger();
    for (int i = 0; i < n / 10; i++) {
      convert(crm, ids[next.getAndIncrement()]);
    }
    System.gc();
    report(-1, 0, 1, 1); // resets the counters
    for (int p = 0; p < phases; p++) {
      int threads = p % 2 == 0 ? 1 : 2;
      long end = System.nanoTime() + (long) (seconds * 1e9);
      AtomicLong done = new AtomicLong();
      List<Thread> running = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        Thread thread = new Thread(() -> {
          long converted = 0;
          while (System.nanoTime() < end) {
            for (int k = 0; k < 100; k++) {
              convert(crm, ids[next.getAndIncrement()]);
            }
            converted += 100;
          }
          done.addAndGet(converted);
        });
        running.add(thread);
        thread.start();
      }
      for (Thread thread : running) {
        thread.join();
      }
      report(p, threads, done.get(), (System.nanoTime() - t0) / 1e9);
    }
  }

  static void convert(Crm crm, LeadId id) {
    if (!(crm.conversions().convert(ACTOR, ConvertLead.of(id)) instanceof ConversionOutcome.Converted)) {
      throw new IllegalStateException("lead " + id + " was not converted");
    }
  }

  static void report(int phase, int threads, long conversions, double seconds) throws Exception {
    Class<?> db = Class.forName("org.crmkit.inmemory.internal.InMemoryDatabase");
    long[] v = new long[COUNTERS.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = ((LongAdder) db.getField(COUNTERS[i]).get(null)).sumThenReset();
    }
    String[] histograms = {"ODD_HIST", "HELD_HIST"};
    StringBuilder h = new StringBuilder();
    for (String name : histograms) {
      LongAdder[] buckets = (LongAdder[]) db.getField(name).get(null);
      long[] c = new long[buckets.length];
      long total = 0;
      for (int i = 0; i < c.length; i++) {
        c[i] = buckets[i].sumThenReset();
        total += c[i];
      }
      h.append("\n  ").append(name.equals("ODD_HIST") ? "stamp odd per commit:" : "lock held per commit:");
      for (int i = 0; i < c.length; i++) {
        if (c[i] * 1000 >= total && total > 0) {
          h.append(String.format(" <%,dns %.1f%%", 2L << i, 100.0 * c[i] / total));
        }
      }
    }
    long[][] parts = (long[][]) db.getField("PART_NS").get(null);
    long[] partCommits = (long[]) db.getField("PART_COMMITS").get(null);
    for (int x = 0; x < 2; x++) {
      h.append(x == 0 ? "\n  ns per commit after a commit of the same thread (" : "\n  ns per commit after a commit of"
          + " the other thread (").append(partCommits[x]).append(" commits):");
      for (int i = 0; i < PARTS.length; i++) {
        if (partCommits[x] > 0) {
          h.append(String.format(" %s %.0f", PARTS[i], parts[x][i] / (double) partCommits[x]));
        }
        parts[x][i] = 0;
      }
      partCommits[x] = 0;
    }
    if (phase < 0) {
      return;
    }
    System.out.printf("phase %d, %d thread(s): %,.0f conversions/s; per conversion: readOne spins %.1f, readOne under"
        + " the lock %.3f, write-lock spins %.1f, parked %.3f, waited for the write lock %.2f us; per commit: lock held"
        + " %.2f us, stamp odd %.2f us; lock busy %.0f %%%s%n", phase, threads, conversions / seconds,
        v[0] / (double) conversions, v[1] / (double) conversions, v[3] / (double) conversions,
        v[4] / (double) conversions, v[5] / 1e3 / conversions, v[6] / 1e3 / v[8], v[7] / 1e3 / v[8],
        100.0 * v[6] / (seconds * 1e9), h);
  }
}
