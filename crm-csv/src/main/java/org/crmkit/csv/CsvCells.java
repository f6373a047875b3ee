package org.crmkit.csv;

import org.crmkit.report.ReportCsv;

/**
 * Makes a cell safe to open in a spreadsheet: a text that starts with {@code =}, {@code +}, {@code -}, {@code @},
 * a tab or a carriage return would be run as a formula (CSV injection), so it gets a leading apostrophe, which
 * spreadsheets show as text and do not display. It is the report module's rule ({@link ReportCsv#neutralise}),
 * reused so that record exports and report exports cannot drift apart.
 */
public final class CsvCells {
  private CsvCells() {}

  /** @return {@code value} with a leading apostrophe when a spreadsheet would read it as a formula; null stays "" */
  public static String neutralise(String value) {
    return value == null ? "" : ReportCsv.neutralise(value);
  }
}
