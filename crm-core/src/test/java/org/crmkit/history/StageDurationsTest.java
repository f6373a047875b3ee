package org.crmkit.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.UserId;
import org.junit.jupiter.api.Test;

class StageDurationsTest {
  private static final OpportunityId ID = OpportunityId.of(new UUID(0, 1));
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static StageHistoryEntry entry(long version, String previous, String stage, Duration after) {
    return new StageHistoryEntry(new UUID(1, version), ID, version,
        previous == null ? ChangeKind.CREATED : ChangeKind.UPDATED, ChangeOrigin.DIRECT, stage, null,
        Probability.of(10), false, null, previous, null, null, T0.plus(after), UserId.of("alice"));
  }

  @Test
  void addsUpRepeatedStaysAndIgnoresChangesWithinAStage() {
    List<StageHistoryEntry> entries = new ArrayList<>(List.of(
        entry(1, null, "a", Duration.ZERO),
        entry(2, "a", "a", Duration.ofDays(1)),
        entry(3, "a", "b", Duration.ofDays(2)),
        entry(4, "b", "a", Duration.ofDays(5))));
    java.util.Collections.reverse(entries);

    Map<String, Duration> time = StageDurations.timeInStage(entries, T0.plus(Duration.ofDays(6)));

    assertThat(time).containsExactly(Map.entry("a", Duration.ofDays(3)), Map.entry("b", Duration.ofDays(3)));
  }

  @Test
  void noHistoryMeansNoTime() {
    assertThat(StageDurations.timeInStage(List.of(), T0)).isEmpty();
  }
}
