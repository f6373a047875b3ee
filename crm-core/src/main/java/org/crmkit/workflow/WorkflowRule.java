package org.crmkit.workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.UserId;

/**
 * An automation rule: when the {@link Trigger} fires and every condition holds, the actions run in order inside
 * the triggering unit of work. Plain data (JSON-storable); build one in Java with {@link #builder(String)}:
 *
 * <pre>{@code
 * WorkflowRule.builder("auto-convert")
 *     .on(Trigger.leadStatusChangedTo("qualified"))
 *     .when(FieldCondition.isNotEmpty("company"))
 *     .then(WorkflowAction.convertLead("web-leads"))
 *     .build();
 * }</pre>
 *
 * @param id unique among the rules: 1 to {@link org.crmkit.shared.Limits#RULE_ID} (100) letters, digits, {@code _}
 *     or {@code -}; never null
 * @param enabled a disabled rule never fires
 * @param trigger never null
 * @param conditions all must hold (empty: always); never null
 * @param actions at least one; never null
 * @param runAs the name of the system actor the actions run as ({@code Actor.system(runAs)} in the triggering
 *     actor's tenant), which the access policy must allow ({@link org.crmkit.access.AccessPolicy#mayRunRulesAs});
 *     null (the default) to run them as the actor whose change triggered the rule, with that actor's rights
 * @throws org.crmkit.shared.ConfigurationException naming the problem: an id that is not 1-60 letters, digits, _ or
 *     -, no trigger, no actions, null entries, or a {@code runAs} that is not a valid user id
 */
public record WorkflowRule(
    String id,
    boolean enabled,
    Trigger trigger,
    List<FieldCondition> conditions,
    List<WorkflowAction> actions,
    String runAs) {
  private static final Pattern ID =
      Pattern.compile("[A-Za-z0-9_-]{1," + org.crmkit.shared.Limits.RULE_ID + "}");

  public WorkflowRule {
    RuleInput.check(id != null && ID.matcher(id).matches(),
        "workflow rule id '" + id + "' must be 1-" + org.crmkit.shared.Limits.RULE_ID + " letters, digits, _ or -");
    RuleInput.required(trigger, "rule " + id + ": the trigger");
    conditions = RuleInput.list(conditions, "rule " + id + ": conditions", true);
    actions = RuleInput.list(actions, "rule " + id + ": actions", false);
    RuleInput.check(!actions.isEmpty(), "rule " + id + " needs at least one action");
    if (runAs != null) {
      try {
        UserId.of(runAs);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("rule " + id + ": runAs must name a system actor by a valid user id ("
            + e.getMessage() + ")");
      }
    }
  }

  /** A rule whose actions run as the actor whose change triggered it (no {@code runAs}). */
  public WorkflowRule(
      String id, boolean enabled, Trigger trigger, List<FieldCondition> conditions, List<WorkflowAction> actions) {
    this(id, enabled, trigger, conditions, actions, null);
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds a {@link WorkflowRule}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private boolean enabled = true;
    private Trigger trigger;
    private final List<FieldCondition> conditions = new ArrayList<>();
    private final List<WorkflowAction> actions = new ArrayList<>();
    private String runAs;

    private Builder(String id) {
      this.id = id;
    }

    public Builder on(Trigger value) {
      this.trigger = RuleInput.required(value, "rule " + id + ": the trigger");
      return this;
    }

    public Builder when(FieldCondition... values) {
      conditions.addAll(RuleInput.list(Arrays.asList(RuleInput.required(values, "rule " + id + ": conditions")),
          "rule " + id + ": conditions", false));
      return this;
    }

    public Builder then(WorkflowAction... values) {
      actions.addAll(RuleInput.list(Arrays.asList(RuleInput.required(values, "rule " + id + ": actions")),
          "rule " + id + ": actions", false));
      return this;
    }

    public Builder enabled(boolean value) {
      this.enabled = value;
      return this;
    }

    /**
     * Runs the rule's actions as the named system actor ({@code Actor.system(name)} in the triggering actor's
     * tenant) instead of as the triggering actor; the access policy decides at run time whether the trigger may
     * ({@link org.crmkit.access.AccessPolicy#mayRunRulesAs}); a refusal fails the triggering change with an
     * {@link org.crmkit.shared.AccessDeniedException}, and nothing is written.
     *
     * @param systemActorName e.g. {@code "workflow"}; a valid user id
     */
    public Builder runAs(String systemActorName) {
      this.runAs = RuleInput.required(systemActorName, "rule " + id + ": runAs");
      return this;
    }

    public WorkflowRule build() {
      return new WorkflowRule(id, enabled, trigger, conditions, actions, runAs);
    }
  }
}
