package org.crmkit.shared;

/**
 * The storage behind crmkit failed for a reason that is not a business rule or a concurrent change: the
 * database is unreachable, a statement failed, the schema does not match, the storage was closed. Nothing of the
 * failed unit of work was written, except when this is an {@link OutcomeUnknownException} (the connection failed
 * during the commit itself). The cause carries the storage's own exception; check the database and its schema,
 * then retry.
 */
public class StorageException extends CrmException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
