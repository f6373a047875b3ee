package org.crmkit.report;

import java.util.List;
import java.util.Objects;

/**
 * A read of single rows: the rows of {@code source} matching every condition, with the values of {@code columns}
 * (a money column as {@link org.crmkit.shared.Money}), sorted by {@code sorts} (missing values last, then by the
 * record's creation and id so that pages are stable), one page of them.
 *
 * @param source never null
 * @param conditions never null
 * @param columns never null, not empty
 * @param sorts field and direction; never null
 * @param offset rows skipped
 * @param limit rows returned at most
 */
public record DetailQuery(
    ReportSource source,
    List<ReportCondition> conditions,
    List<ReportField> columns,
    List<SortKey> sorts,
    long offset,
    int limit) {
  public DetailQuery {
    Objects.requireNonNull(source, "source");
    conditions = List.copyOf(conditions);
    columns = List.copyOf(columns);
    sorts = List.copyOf(sorts);
  }

  /**
   * One sort key of a detail read.
   *
   * @param field never null
   * @param descending largest first
   */
  public record SortKey(ReportField field, boolean descending) {
    public SortKey {
      Objects.requireNonNull(field, "field");
    }
  }
}
