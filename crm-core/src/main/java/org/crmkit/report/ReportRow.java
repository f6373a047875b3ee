package org.crmkit.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One row of a {@link ReportResult}: cells in column order (null for a missing value), typed as
 * {@link ValueType} says.
 *
 * @param kind never null
 * @param level the number of group columns that hold this row's group (DETAIL: 0; GROUP: all groups; SUBTOTAL: 1
 *     up to groups - 1, the later group cells are null; TOTAL: 0, every group cell null)
 * @param cells never null (copied; may hold nulls)
 */
public record ReportRow(Kind kind, int level, List<Object> cells) {
  public ReportRow {
    Objects.requireNonNull(kind, "kind");
    cells = Collections.unmodifiableList(new ArrayList<>(Objects.requireNonNull(cells, "cells")));
  }

  /** @return the cell at {@code index} */
  public Object cell(int index) {
    return cells.get(index);
  }

  /** What a row stands for. */
  public enum Kind {
    /** One record (detail report). */
    DETAIL,
    /** One group of the innermost level. */
    GROUP,
    /** All rows sharing the first {@code level} group values. */
    SUBTOTAL,
    /** Every matching row. */
    TOTAL
  }
}
