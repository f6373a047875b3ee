package org.crmkit.report;

import java.util.List;
import java.util.Objects;

/**
 * A filter as storage adapters receive it: a whitelisted field, a comparison and typed values (String, Long,
 * BigDecimal, LocalDate, Instant or Boolean, by the field's {@link ValueType}; a money field compares its amount as
 * BigDecimal). Relative dates are already resolved into days. Adapters bind the values as parameters.
 *
 * @param field never null
 * @param comparison never null
 * @param values never null, no nulls; one value except for IN (one or more) and IS_NULL/NOT_NULL (none)
 */
public record ReportCondition(ReportField field, Comparison comparison, List<Object> values) {
  public ReportCondition {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(comparison, "comparison");
    values = List.copyOf(values);
  }

  /** @return the single value */
  public Object value() {
    return values.get(0);
  }
}
