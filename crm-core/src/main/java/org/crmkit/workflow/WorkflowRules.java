package org.crmkit.workflow;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The workflow rules of one CRM and the depth limit of chains: plain data. Rules fire in list order.
 *
 * <p><b>Chains.</b> A rule's action may change a record and so fire further rules, inside the same unit of work.
 * A change made by a use case fires rules at depth 1; a change made by a depth-1 rule's action fires rules at depth
 * 2, and so on. A rule that would run deeper than {@link #maxDepth()} is never skipped silently: the whole save
 * fails with {@link WorkflowDepthExceededException} naming the chain, and nothing is written.
 *
 * @param rules never null; ids unique
 * @param maxDepth the deepest a chain may go, 1..20 (default {@value #DEFAULT_MAX_DEPTH})
 */
public record WorkflowRules(List<WorkflowRule> rules, int maxDepth) {

  /** The default depth limit of rule chains. */
  public static final int DEFAULT_MAX_DEPTH = 5;

  public WorkflowRules {
    rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    if (maxDepth < 1 || maxDepth > 20) {
      throw new IllegalArgumentException("maxDepth must be 1..20, was " + maxDepth);
    }
    Set<String> ids = new HashSet<>();
    for (WorkflowRule r : rules) {
      if (!ids.add(r.id())) {
        throw new IllegalArgumentException("workflow rule id " + r.id() + " appears twice");
      }
    }
  }

  /** No rules: the default. */
  public static WorkflowRules none() {
    return new WorkflowRules(List.of(), DEFAULT_MAX_DEPTH);
  }

  /** The rules, with the default depth limit. */
  public static WorkflowRules of(WorkflowRule... rules) {
    return new WorkflowRules(List.of(rules), DEFAULT_MAX_DEPTH);
  }

  /** @return a copy with another depth limit */
  public WorkflowRules withMaxDepth(int value) {
    return new WorkflowRules(rules, value);
  }
}
