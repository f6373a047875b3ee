package org.crmkit.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Figures derived from one opportunity's stage history. */
public final class StageDurations {
  private StageDurations() {}

  /**
   * Time spent in each stage: from the entry that entered a stage to the entry that left it, and for the current
   * stage up to {@code until}. A stage visited twice adds up both stays.
   *
   * @param entries one opportunity's history, in any order
   * @param until the end of the current stay (usually now)
   * @return stage key to total time, in order of first visit
   */
  public static Map<String, Duration> timeInStage(List<StageHistoryEntry> entries, Instant until) {
    Objects.requireNonNull(until, "until");
    List<StageHistoryEntry> sorted =
        entries.stream().sorted(Comparator.comparingLong(StageHistoryEntry::version)).toList();
    Map<String, Duration> result = new LinkedHashMap<>();
    String current = null;
    Instant since = null;
    for (StageHistoryEntry e : sorted) {
      if (current == null || !current.equals(e.stage())) {
        if (current != null) {
          result.merge(current, Duration.between(since, e.changedAt()), Duration::plus);
        }
        current = e.stage();
        since = e.changedAt();
        result.putIfAbsent(current, Duration.ZERO);
      }
    }
    if (current != null && until.isAfter(since)) {
      result.merge(current, Duration.between(since, until), Duration::plus);
    }
    return result;
  }
}
