package org.crmkit.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes a {@link ReportResult} as CSV (RFC 4180: comma separated, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break). The first column says what a row is ({@code detail}, {@code group},
 * {@code subtotal}, {@code total}); the header holds the column names. Money cells hold every currency's amount
 * ({@code 1500.00 EUR; 20.00 USD}).
 *
 * <p>Text that a spreadsheet would run as a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab
 * or a carriage return) is neutralised with a leading apostrophe, so a record named {@code =HYPERLINK(...)} stays
 * text when the file is opened.
 */
public final class ReportCsv {
  private ReportCsv() {}

  /**
   * @param result never null
   * @return the CSV text: header, rows, subtotals, total
   */
  public static String write(ReportResult result) {
    Objects.requireNonNull(result, "result");
    StringBuilder out = new StringBuilder();
    List<String> header = new ArrayList<>();
    header.add("row");
    result.columns().forEach(c -> header.add(c.name()));
    line(out, header);
    for (ReportRow row : result.rows()) {
      line(out, cells(result, row));
    }
    for (ReportRow row : result.subtotals()) {
      line(out, cells(result, row));
    }
    if (result.total() != null) {
      line(out, cells(result, result.total()));
    }
    return out.toString();
  }

  private static List<String> cells(ReportResult result, ReportRow row) {
    List<String> cells = new ArrayList<>();
    cells.add(row.kind().name().toLowerCase(Locale.ROOT));
    for (int i = 0; i < row.cells().size(); i++) {
      Object v = row.cell(i);
      ValueType type = result.columns().get(i).type();
      String text = v == null ? "" : v.toString();
      cells.add(type == ValueType.INTEGER || type == ValueType.DECIMAL ? text : neutralise(text));
    }
    return cells;
  }

  /** @return {@code text} with a leading apostrophe when a spreadsheet would read it as a formula */
  public static String neutralise(String text) {
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }

  private static void line(StringBuilder out, List<String> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String f = fields.get(i);
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
        out.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        out.append(f);
      }
    }
    out.append("\r\n");
  }
}
