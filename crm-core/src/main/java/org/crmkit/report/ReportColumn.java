package org.crmkit.report;

import java.util.Objects;

/**
 * A column of a {@link ReportResult}.
 *
 * @param name the field name (detail), group column name ({@link ReportGroup#columnName()}) or aggregate column
 *     name ({@link ReportAggregate#columnName()}); never null
 * @param type the type of the column's cells; never null
 */
public record ReportColumn(String name, ValueType type) {
  public ReportColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
