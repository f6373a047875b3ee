package org.crmkit.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

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
 */
public record WorkflowRule(
    String id, boolean enabled, Trigger trigger, List<FieldCondition> conditions, List<WorkflowAction> actions) {
  private static final Pattern ID =
      Pattern.compile("[A-Za-z0-9_-]{1," + org.crmkit.shared.Limits.RULE_ID + "}");

  public WorkflowRule {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("rule id '" + id + "' must be 1-" + org.crmkit.shared.Limits.RULE_ID
          + " letters, digits, _ or -");
    }
    Objects.requireNonNull(trigger, "trigger");
    conditions = List.copyOf(Objects.requireNonNullElse(conditions, List.of()));
    actions = List.copyOf(Objects.requireNonNull(actions, "actions"));
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("rule " + id + " needs at least one action");
    }
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

    private Builder(String id) {
      this.id = id;
    }

    public Builder on(Trigger value) {
      this.trigger = Objects.requireNonNull(value, "trigger");
      return this;
    }

    public Builder when(FieldCondition... values) {
      conditions.addAll(List.of(values));
      return this;
    }

    public Builder then(WorkflowAction... values) {
      actions.addAll(List.of(values));
      return this;
    }

    public Builder enabled(boolean value) {
      this.enabled = value;
      return this;
    }

    public WorkflowRule build() {
      return new WorkflowRule(id, enabled, trigger, conditions, actions);
    }
  }
}
