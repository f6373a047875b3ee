package org.crmkit.shared;

/**
 * Root of every exception crmkit throws on purpose. All crmkit exceptions are unchecked; catch this type to
 * handle any library failure in one place, or a subclass to handle one kind of failure.
 *
 * <p>Messages say what was wrong and what to do about it.
 */
public abstract class CrmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected CrmException(String message) {
    super(message);
  }

  protected CrmException(String message, Throwable cause) {
    super(message, cause);
  }
}
