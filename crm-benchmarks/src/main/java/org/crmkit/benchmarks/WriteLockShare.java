package org.crmkit.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The share of crmkit's lead conversions' CPU time spent holding the in-memory database's write lock, read from a
 * flight recording of {@link InMemoryConversionRates}: of the CPU samples (any thread) inside a conversion, those with
 * {@code InMemoryDatabase.write} on the stack, and what they did under the lock. Unlike the wall-clock two-thread
 * speed-up this can be measured on a loaded machine. Threads converting different leads serialise only while they
 * hold the lock (one runs the rest of its conversion while the other commits), so the lock saturates at
 * {@code 1 / share} threads' worth of conversions, and two threads, which wait for it by turns, reach at most
 * {@code 2 / (1 + share²)} of one thread's rate (mean-value analysis of two threads, the lock as a queue and the rest
 * as a delay). Passes before the sixth bounded them by Amdahl's law, {@code 1 / (share + (1 - share) / 2)}, which
 * holds for one task whose serial part runs alone, not for independent conversions. A plain program:
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -XX:StartFlightRecording=settings=profile.jfc,filename=conversions.jfr \
 *     -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.InMemoryConversionRates 10000 5 250
 * java -cp crm-benchmarks/target/benchmarks.jar org.crmkit.benchmarks.WriteLockShare conversions.jfr
 * }</pre>
 *
 * ({@code profile.jfc}: the JDK's {@code lib/jfr/profile.jfc} with the {@code jdk.ExecutionSample} period set to
 * 1 ms.)
 */
public final class WriteLockShare {
  private static final String CONVERSION = "org.crmkit.application.internal.DefaultConversionService.convert";
  private static final String WRITE_LOCK = "org.crmkit.inmemory.internal.InMemoryDatabase.write";

  private WriteLockShare() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: WriteLockShare <recording.jfr> (a flight recording of"
          + " InMemoryConversionRates with execution samples)");
    }
    int conversion = 0;
    int locked = 0;
    Map<String, Integer> underLock = new HashMap<>();
    try (RecordingFile recording = new RecordingFile(Path.of(args[0]))) {
      while (recording.hasMoreEvents()) {
        RecordedEvent event = recording.readEvent();
        RecordedStackTrace stack = event.getStackTrace();
        if (!event.getEventType().getName().equals("jdk.ExecutionSample") || stack == null) {
          continue;
        }
        List<RecordedFrame> frames = stack.getFrames();
        boolean converting = false;
        String doing = null;
        for (int i = 0; i < frames.size(); i++) {
          String method = name(frames.get(i));
          converting |= method.startsWith(CONVERSION);
          if (method.equals(WRITE_LOCK)) {
            // the commit's lambda and its call sit between the lock and what the commit does
            doing = i >= 3 ? name(frames.get(i - 3)) : "the lock itself";
          }
        }
        if (converting) {
          conversion++;
          if (doing != null) {
            locked++;
            underLock.merge(doing, 1, Integer::sum);
          }
        }
      }
    }
    if (conversion == 0) {
      throw new IllegalArgumentException(args[0] + " holds no execution sample inside a crmkit conversion: record"
          + " InMemoryConversionRates with jdk.ExecutionSample enabled");
    }
    double share = (double) locked / conversion;
    // Two threads that convert different leads each hold the lock for this share of a conversion, and while one holds
    // it the other can do the rest of its own: the lock only saturates at 1 / share threads' worth of conversions.
    // Below that, the lock's queue costs each thread a wait: by mean-value analysis of a closed system of two threads,
    // one queue (the lock) and one delay (the rest), two threads reach 2 / (1 + share^2) of one thread's rate.
    System.out.printf(Locale.ROOT, "CPU samples inside crmkit conversions: %,d; holding the write lock: %,d = %.1f %%"
        + " (the lock saturates at %.1f threads' worth of conversions; two threads, waiting for it by turns, at most"
        + " %.2fx one)%n", conversion, locked, 100.0 * share, 1 / share, 2 / (1 + share * share));
    underLock.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(8)
        .forEach(e -> System.out.printf(Locale.ROOT, "  %,6d %s%n", e.getValue(), e.getKey()));
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }
}
