package org.crmkit.shared;

/**
 * The storage lost contact while committing a unit of work: the commit was sent, but whether it was written is
 * unknown. Unlike other {@link StorageException}s this does not promise that nothing was written. Reload the
 * records concerned before trying again; crmkit's use cases are safe to retry after reloading (a lead that was in
 * fact converted is found converted, a stale version is refused as a conflict).
 */
public class OutcomeUnknownException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what was being committed and what to do
   * @param cause the storage's own exception
   */
  public OutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
