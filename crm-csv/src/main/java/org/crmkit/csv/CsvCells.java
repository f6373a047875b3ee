package org.crmkit.csv;

/**
 * Makes a cell safe to open in a spreadsheet: a text that starts with {@code =}, {@code +}, {@code -}, {@code @},
 * a tab or a carriage return would be run as a formula (CSV injection), so it gets a leading apostrophe, which
 * spreadsheets show as text and do not display. The same rule as the report module's CSV.
 */
public final class CsvCells {
  private CsvCells() {}

  /** @return {@code value} with a leading apostrophe when a spreadsheet would read it as a formula; null stays "" */
  public static String neutralise(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char c = value.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
  }
}
