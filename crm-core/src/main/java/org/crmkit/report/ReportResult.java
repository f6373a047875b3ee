package org.crmkit.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed table a report produces: plain records all the way down, so a JSON mapper writes it as it is.
 *
 * @param source what was read; never null
 * @param asOf the day relative dates were resolved against (the Crm's clock and zone); never null
 * @param columns never null
 * @param rows detail rows, or the innermost groups, sorted and paged as the definition says; never null
 * @param subtotals for two or three groups: one row per group of each outer level, in group order; never null
 * @param total the grand total of a grouped report (over all groups, not only the page); null for a detail report
 * @param totalRows matching records (detail) or groups (grouped) before paging
 * @param rates the exchange rates used to convert into the reporting currency; empty when nothing was converted
 */
public record ReportResult(
    ReportSource source,
    LocalDate asOf,
    List<ReportColumn> columns,
    List<ReportRow> rows,
    List<ReportRow> subtotals,
    ReportRow total,
    long totalRows,
    List<RateUsed> rates) {
  public ReportResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(asOf, "asOf");
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
    subtotals = List.copyOf(subtotals);
    rates = List.copyOf(rates);
  }

  /**
   * @return the index of the column named {@code name}
   * @throws IllegalArgumentException when there is none
   */
  public int column(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no column '" + name + "'; columns are "
        + columns.stream().map(ReportColumn::name).toList());
  }

  /** @return the grand total, empty for a detail report */
  public Optional<ReportRow> grandTotal() {
    return Optional.ofNullable(total);
  }

  /** @return the row whose first cells equal {@code keys}, among {@link #rows()} */
  public Optional<ReportRow> row(Object... keys) {
    return rows.stream().filter(r -> {
      for (int i = 0; i < keys.length; i++) {
        if (!Objects.equals(r.cell(i), keys[i])) {
          return false;
        }
      }
      return true;
    }).findFirst();
  }
}
