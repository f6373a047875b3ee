package org.crmkit.shared;

/**
 * A write was based on a stale version of a record: somebody else changed it in between. Nothing of the failed
 * unit of work was written. Reload the record and apply the change again.
 */
public class ConflictException extends CrmException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The standard message for a stale version of one record. */
  public static ConflictException staleVersion(RecordType type, Object id, long expected, long actual) {
    return new ConflictException(
        type.label()
            + " "
            + id
            + " was changed by someone else (you had version "
            + expected
            + ", the stored one is "
            + actual
            + "); reload it and apply your change again");
  }
}
