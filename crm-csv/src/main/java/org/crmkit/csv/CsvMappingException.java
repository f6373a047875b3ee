package org.crmkit.csv;

import org.crmkit.shared.CrmException;

/** A mapping file (or a CSV file's header) that cannot drive an import; the message says what to fix. */
public class CsvMappingException extends CrmException {
  private static final long serialVersionUID = 1L;

  /** @param message what is wrong and how to fix it */
  public CsvMappingException(String message) {
    super(message);
  }

  /** @param message what is wrong and how to fix it; {@code cause} the parser's error */
  public CsvMappingException(String message, Throwable cause) {
    super(message, cause);
  }
}
