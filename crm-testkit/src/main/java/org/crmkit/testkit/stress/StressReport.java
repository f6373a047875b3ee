package org.crmkit.testkit.stress;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a {@link MixedWorkloadStress} run did and found: how much work ran, how it ended, and every invariant that
 * did not hold afterwards. Immutable.
 *
 * @param storage a description of the storage the run used; never null
 * @param rounds the rounds run (each a burst of concurrent operations on fresh records)
 * @param operations the concurrent operations run (setup writes not counted)
 * @param successes operations the API acknowledged as done
 * @param conflicts operations refused with a {@link org.crmkit.shared.ConflictException} (stale version)
 * @param refusals other expected "no"s: rejected or refused outcomes, read-only or still-referenced records,
 *     records deleted by a concurrent operation
 * @param unexpected operations that ended in an exception their use case does not document for that situation
 * @param outcomes every operation's end, by operation and result (for the figures in docs/RELIABILITY.md)
 * @param violations every invariant that did not hold, one line each, its kind before " -- "; empty when all
 *     held
 * @param elapsed how long the concurrent phase and the checks took
 */
public record StressReport(
    String storage,
    int rounds,
    long operations,
    long successes,
    long conflicts,
    long refusals,
    long unexpected,
    Map<String, Long> outcomes,
    List<String> violations,
    Duration elapsed) {

  /** Copies the collections; none may be null. */
  public StressReport {
    Objects.requireNonNull(storage, "storage");
    outcomes = Map.copyOf(outcomes);
    violations = List.copyOf(violations);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** @return how many violations of each kind (the text before " -- " in each violation) */
  public Map<String, Long> violationsByKind() {
    Map<String, Long> counts = new TreeMap<>();
    violations.forEach(v -> counts.merge(kind(v), 1L, Long::sum));
    return counts;
  }

  private static String kind(String violation) {
    int dash = violation.indexOf(" -- ");
    return dash < 0 ? violation : violation.substring(0, dash);
  }

  /** @return a few lines with the figures and the first violations, for the test log */
  public String summary() {
    StringBuilder s = new StringBuilder();
    s.append("[crmkit stress] ").append(storage).append(": ").append(rounds).append(" rounds, ")
        .append(operations).append(" concurrent operations in ").append(elapsed.toMillis()).append(" ms: ")
        .append(successes).append(" acknowledged, ").append(conflicts).append(" conflicts, ")
        .append(refusals).append(" refusals, ").append(unexpected).append(" unexpected errors; ")
        .append("invariant violations: ").append(violations.size()).append('\n');
    new TreeMap<>(outcomes).forEach((k, v) -> s.append("  ").append(k).append(": ").append(v).append('\n'));
    Map<String, List<String>> byKind = new TreeMap<>();
    violations.forEach(v -> byKind.computeIfAbsent(kind(v), k -> new java.util.ArrayList<>()).add(v));
    byKind.forEach((kind, all) -> {
      s.append("  VIOLATION ").append(kind).append(": ").append(all.size()).append(", e.g. ").append(all.get(0))
          .append('\n');
    });
    return s.toString();
  }
}
