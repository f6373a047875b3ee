package org.crmkit.shared;

/**
 * A request is well formed but breaks a business rule in the current state of the records, for example
 * deleting an account that still has contacts. Subclasses name specific rules.
 */
public class RuleViolationException extends CrmException {
  private static final long serialVersionUID = 1L;

  public RuleViolationException(String message) {
    super(message);
  }
}
