package org.crmkit.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.crmkit.testkit.stress.MixedWorkloadStress;
import org.crmkit.testkit.stress.StressReport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mixed concurrent work on the in-memory storage keeps every invariant (see {@link MixedWorkloadStress}). Runs only
 * in the {@code stress} profile ({@code mvn -Pstress verify}); {@code -Dcrmkit.stress.seconds} and
 * {@code -Dcrmkit.stress.rounds} bound it (defaults 20 s, 3,000 rounds).
 */
@Tag("stress")
class InMemoryStressTest {

  @Test
  void mixedConcurrentWorkKeepsEveryInvariant() {
    StressReport report = MixedWorkloadStress.on(InMemoryStorage.create(), "in-memory storage")
        .duration(Duration.ofSeconds(Integer.getInteger("crmkit.stress.seconds", 20)))
        .maxRounds(Integer.getInteger("crmkit.stress.rounds", 3_000))
        .seed(Long.getLong("crmkit.stress.seed", 9))
        .run();
    System.out.println(report.summary());

    assertThat(report.rounds()).as("rounds run").isPositive();
    assertThat(report.successes()).as("acknowledged operations").isPositive();
    assertThat(report.violations()).as(report.summary()).isEmpty();
  }
}
