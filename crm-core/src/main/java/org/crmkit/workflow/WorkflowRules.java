package org.crmkit.workflow;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The workflow rules of one CRM and the depth limit of chains: plain data. Rules fire in list order.
 *
 * <p><b>Chains.</b> A rule's action may change a record and so fire further rules, inside the same unit of work.
 * A change made by a use case fires rules at depth 1; a change made by a depth-1 rule's action fires rules at depth
 * 2, and so on. A rule that would run deeper than {@link #maxDepth()} is never skipped silently: the whole save
 * fails with {@link WorkflowDepthExceededException} naming the chain, and nothing is written.
 *
 * <p>Every problem with the data itself (null rules or entries, a depth out of range, a rule id used twice) is a
 * {@link org.crmkit.shared.ConfigurationException} naming it; the rules are checked against the pipeline and custom
 * fields when the Crm is built. An empty list is valid: no automation.
 *
 * @param rules never null, no null entries; ids unique (may be empty: no rules)
 * @param maxDepth the deepest a chain may go, {@value #MIN_DEPTH}..{@value #MAX_DEPTH} (default
 *     {@value #DEFAULT_MAX_DEPTH})
 */
public record WorkflowRules(List<WorkflowRule> rules, int maxDepth) {

  /** The default depth limit of rule chains. */
  public static final int DEFAULT_MAX_DEPTH = 5;

  /** The smallest depth limit: rules run, but no rule's change fires further rules. */
  public static final int MIN_DEPTH = 1;

  /** The largest depth limit: deeper chains are almost always rules that feed each other by mistake. */
  public static final int MAX_DEPTH = 20;

  /** @throws org.crmkit.shared.ConfigurationException naming the problem */
  public WorkflowRules {
    rules = RuleInput.list(rules, "workflow rules", false);
    RuleInput.check(maxDepth >= MIN_DEPTH && maxDepth <= MAX_DEPTH,
        "workflow rules: maxDepth must be " + MIN_DEPTH + ".." + MAX_DEPTH + ", was " + maxDepth);
    Set<String> ids = new HashSet<>();
    for (WorkflowRule r : rules) {
      RuleInput.check(ids.add(r.id()), "workflow rule id " + r.id() + " appears twice; rule ids must be unique");
    }
  }

  /** No rules: the default. */
  public static WorkflowRules none() {
    return new WorkflowRules(List.of(), DEFAULT_MAX_DEPTH);
  }

  /** The rules, with the default depth limit. */
  public static WorkflowRules of(WorkflowRule... rules) {
    return new WorkflowRules(Arrays.asList(RuleInput.required(rules, "workflow rules")), DEFAULT_MAX_DEPTH);
  }

  /** @return a copy with another depth limit */
  public WorkflowRules withMaxDepth(int value) {
    return new WorkflowRules(rules, value);
  }
}
