package org.crmkit.examples.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.crmkit.report.ReportColumn;
import org.crmkit.report.ReportResult;
import org.crmkit.report.ReportRow;

/** Prints a report result as an aligned text table: its rows, then the subtotals and the grand total. */
final class Table {
  private Table() {}

  static void print(ReportResult result, PrintWriter out) {
    List<List<String>> lines = new ArrayList<>();
    List<String> header = new ArrayList<>();
    for (ReportColumn c : result.columns()) {
      header.add(c.name());
    }
    lines.add(header);
    for (ReportRow r : result.rows()) {
      lines.add(cells(r));
    }
    for (ReportRow r : result.subtotals()) {
      List<String> cells = cells(r);
      cells.set(0, "subtotal " + cells.get(0));
      lines.add(cells);
    }
    if (result.total() != null) {
      List<String> cells = cells(result.total());
      cells.set(0, "total");
      lines.add(cells);
    }
    int[] width = new int[header.size()];
    for (List<String> l : lines) {
      for (int i = 0; i < l.size(); i++) {
        width[i] = Math.max(width[i], l.get(i).length());
      }
    }
    for (int n = 0; n < lines.size(); n++) {
      StringBuilder b = new StringBuilder();
      List<String> l = lines.get(n);
      for (int i = 0; i < l.size(); i++) {
        String cell = l.get(i);
        boolean number = n > 0 && !cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.charAt(0) == '-');
        b.append(number ? " ".repeat(width[i] - cell.length()) + cell : cell + " ".repeat(width[i] - cell.length()));
        b.append(i + 1 < l.size() ? "  " : "");
      }
      out.println(b.toString().stripTrailing());
      if (n == 0) {
        out.println("-".repeat(b.length()));
      }
    }
    out.println("(" + result.totalRows() + (result.columns().isEmpty() ? "" : " rows") + ", as of " + result.asOf()
        + ")");
  }

  private static List<String> cells(ReportRow r) {
    List<String> cells = new ArrayList<>();
    for (Object c : r.cells()) {
      cells.add(c == null ? "(none)" : c instanceof BigDecimal d ? d.toPlainString() : c.toString());
    }
    return cells;
  }
}
