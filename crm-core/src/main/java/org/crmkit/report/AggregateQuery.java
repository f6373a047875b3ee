package org.crmkit.report;

import java.util.List;
import java.util.Objects;

/**
 * A grouped read: the rows of {@code source} matching every condition, grouped by the values of {@code keys} (a
 * date key by day: the core puts days into buckets), with one value per measure. Built and checked by the core from
 * a validated {@link ReportDefinition}: every field comes from the whitelist.
 *
 * @param source never null
 * @param conditions all must hold; never null
 * @param keys group keys (may be empty: one row for everything); never null
 * @param measures never null
 * @param maxRows the most groups the caller accepts; an adapter may stop reading after {@code maxRows + 1} groups
 */
public record AggregateQuery(
    ReportSource source,
    List<ReportCondition> conditions,
    List<ReportField> keys,
    List<ReportMeasure> measures,
    int maxRows) {
  public AggregateQuery {
    Objects.requireNonNull(source, "source");
    conditions = List.copyOf(conditions);
    keys = List.copyOf(keys);
    measures = List.copyOf(measures);
  }
}
