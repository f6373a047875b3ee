package org.crmkit.workflow;

import java.util.List;

/**
 * A chain of rules went deeper than {@link WorkflowRules#maxDepth()}: usually rules that trigger each other in a
 * loop. The triggering change was not saved. Break the loop (a condition, or a trigger on a specific value) or
 * raise the limit.
 */
public class WorkflowDepthExceededException extends WorkflowException {
  private static final long serialVersionUID = 1L;
  private final List<String> chain;

  /**
   * @param chain the rule ids from the first to the one refused; never null
   * @param maxDepth the limit
   */
  public WorkflowDepthExceededException(List<String> chain, int maxDepth) {
    super("workflow rules chained deeper than the limit of " + maxDepth + ": " + String.join(" -> ", chain)
        + "; nothing was saved. Break the loop with a condition, or raise WorkflowRules.maxDepth", null);
    this.chain = List.copyOf(chain);
  }

  /** @return the rule ids from the first to the one refused */
  public List<String> chain() {
    return chain;
  }
}
