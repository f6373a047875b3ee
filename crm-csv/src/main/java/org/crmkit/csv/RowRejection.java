package org.crmkit.csv;

import java.util.Objects;

/**
 * One rejected row: its line in the file (1 = the header; a quoted field with newlines makes a row span lines, and
 * the line is where the row starts), the CSV column at fault ({@code ""} when the row as a whole is wrong) and why.
 */
public record RowRejection(long line, String column, String reason) {
  /** Checks that column and reason are present. */
  public RowRejection {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String toString() {
    return "line " + line + (column.isEmpty() ? "" : ", column '" + column + "'") + ": " + reason;
  }
}
