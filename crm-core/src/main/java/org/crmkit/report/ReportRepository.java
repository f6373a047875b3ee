package org.crmkit.report;

import java.util.List;
import org.crmkit.shared.Visibility;

/**
 * Port: runs report reads where the data is: in one pass over the rows in memory, in one SQL statement per call in
 * the JPA adapter (never loading records to add them up). Only rows of the unit of work's tenant whose owner
 * {@code visible} admits count (for stage history and forecast lines: the opportunity's owner). Read-only; use
 * inside a unit of work. Every adapter must give the same answers: the {@code ReportContract} of crm-testkit checks.
 */
public interface ReportRepository {

  /**
   * @param query never null
   * @param visible whose rows count; applied in the query
   * @return one row per group: the key values (in {@code query.keys()} order, null for a missing value) followed
   *     by the measure values; any order; at most {@code query.maxRows() + 1} rows
   */
  List<List<Object>> aggregate(AggregateQuery query, Visibility visible);

  /**
   * @param query never null
   * @param visible whose rows count; applied in the query
   * @return the page's rows (values in {@code query.columns()} order) and the number of all matching rows
   */
  DetailRows details(DetailQuery query, Visibility visible);

  /**
   * A page of detail rows.
   *
   * @param rows never null
   * @param total all matching rows
   */
  record DetailRows(List<List<Object>> rows, long total) {
    public DetailRows {
      rows = List.copyOf(rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r)))
          .toList());
    }
  }
}
