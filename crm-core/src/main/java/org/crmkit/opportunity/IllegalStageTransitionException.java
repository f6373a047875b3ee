package org.crmkit.opportunity;

import org.crmkit.shared.RuleViolationException;

/** A stage change the opportunity's current state does not allow, e.g. advancing a won opportunity. */
public class IllegalStageTransitionException extends RuleViolationException {
  private static final long serialVersionUID = 1L;

  public IllegalStageTransitionException(String message) {
    super(message);
  }
}
