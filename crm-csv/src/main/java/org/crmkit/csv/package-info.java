/**
 * CSV import and export for crmkit.
 *
 * <p>{@link org.crmkit.csv.CsvImporter} streams a CSV file into leads, accounts, contacts or opportunities through
 * the core's use cases (so validation, access and tenant rules apply to every row), driven by a {@link
 * org.crmkit.csv.CsvMapping} that is plain data (read from JSON with {@link org.crmkit.csv.CsvMapping#fromJson}).
 * {@link org.crmkit.csv.CsvExporter} writes records as CSV with spreadsheet formulas neutralised ({@link
 * org.crmkit.csv.CsvCells}). CSV is parsed and written by Apache Commons CSV; nothing here parses quotes by hand.
 */
package org.crmkit.csv;
