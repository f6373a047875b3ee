package org.crmkit.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One condition of a report: a field, an operator and its values, all as text so that a definition is plain data
 * (JSON-friendly). Values are read by the field's type when the report is validated: decimals as {@code 1500.00},
 * dates as {@code 2026-03-31} or a {@link RelativeDate} such as {@code this_month} or {@code last_30_days},
 * booleans as {@code true}/{@code false}; money is compared by its amount.
 *
 * @param field a field name of the report's source ({@link ReportFields}); never null
 * @param operator never null
 * @param values the values (how many depends on the operator); never null, no null entries (copied)
 */
public record ReportFilter(String field, Operator operator, List<String> values) {
  public ReportFilter {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(values, "values");
    List<String> copy = new ArrayList<>(values.size());
    for (String v : values) {
      copy.add(Objects.requireNonNull(v, "a filter value"));
    }
    values = Collections.unmodifiableList(copy);
  }

  /** A filter with the given values. */
  public static ReportFilter of(String field, Operator operator, String... values) {
    return new ReportFilter(field, operator, List.of(values));
  }
}
