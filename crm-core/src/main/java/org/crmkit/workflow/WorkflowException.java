package org.crmkit.workflow;

import org.crmkit.shared.CrmException;

/**
 * A workflow rule could not complete inside the triggering unit of work, so the triggering change was not saved.
 * Subclasses say why.
 */
public abstract class WorkflowException extends CrmException {
  private static final long serialVersionUID = 1L;

  protected WorkflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
