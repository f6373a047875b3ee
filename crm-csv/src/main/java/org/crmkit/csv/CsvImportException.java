package org.crmkit.csv;

import org.crmkit.shared.CrmException;

/**
 * A CSV file that cannot be read to the end (malformed quoting, bytes that are not in the mapping's encoding, an
 * I/O error). Rows before the failure that were already committed (policy {@link BadRowPolicy#SKIP}) stay
 * written; {@link #partialReport()} says which.
 */
public class CsvImportException extends CrmException {
  private static final long serialVersionUID = 1L;
  private final transient ImportReport partialReport;

  /** @param message what failed and where; {@code partialReport} the counts up to the failure */
  public CsvImportException(String message, ImportReport partialReport, Throwable cause) {
    super(message, cause);
    this.partialReport = partialReport;
  }

  /** @return the counts of what was read and written before the file failed (never null) */
  public ImportReport partialReport() {
    return partialReport;
  }
}
