package org.crmkit.bi;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The open pipeline as it was at the end of a day, grouped.
 *
 * @param day the day asked for; never null
 * @param asOf the kept day that answered: {@code day} itself, or the kept day before it when retention keeps only
 *     weekly or monthly states that far back; never null
 * @param grouping how the groups were formed; never null
 * @param groups one per key, ordered by key (no value last); never null
 * @param total all open opportunities; never null
 */
public record PipelineAsOf(LocalDate day, LocalDate asOf, PipelineGrouping grouping, List<PipelineGroup> groups,
    PipelineGroup total) {

  public PipelineAsOf {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(grouping, "grouping");
    groups = List.copyOf(groups);
    Objects.requireNonNull(total, "total");
  }
}
