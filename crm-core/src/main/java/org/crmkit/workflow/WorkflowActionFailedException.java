package org.crmkit.workflow;

/**
 * A rule's action failed (a conversion was rejected, a field value was invalid, a record read-only, ...); the
 * triggering change and everything the rules did were not saved. The message names the rule, the action and the
 * reason; the cause, when any, is the original exception.
 */
public class WorkflowActionFailedException extends WorkflowException {
  private static final long serialVersionUID = 1L;
  private final String ruleId;
  private final ActionType action;

  /**
   * @param ruleId the rule; never null
   * @param action the failing action's type; never null
   * @param reason why; never null
   * @param cause the original exception, or null
   */
  public WorkflowActionFailedException(String ruleId, ActionType action, String reason, Throwable cause) {
    super("workflow rule '" + ruleId + "' failed at " + action + ": " + reason
        + "; the change that triggered it was not saved", cause);
    this.ruleId = ruleId;
    this.action = action;
  }

  /** @return the failing rule's id */
  public String ruleId() {
    return ruleId;
  }

  /** @return the failing action's type */
  public ActionType action() {
    return action;
  }
}
