package org.crmkit.application.internal;

import java.util.Objects;
import org.crmkit.workflow.FieldCondition;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.TriggerType;
import org.crmkit.workflow.WorkflowRule;

/** Decides whether a workflow rule fires for a record change: its trigger, then every condition. Stateless. */
final class TriggerMatcher {
  private TriggerMatcher() {}

  /** @return true when the rule is enabled, its trigger matches the change and all its conditions hold */
  static boolean fires(WorkflowRule rule, RecordChange change) {
    return rule.enabled() && triggered(rule.trigger(), change) && conditionsHold(rule, change);
  }

  private static boolean triggered(Trigger trigger, RecordChange change) {
    if (trigger.recordType() != change.type()) {
      return false;
    }
    if (trigger.type() == TriggerType.RECORD_CREATED) {
      return change.created();
    }
    String field = trigger.watchedField();
    String before = RecordFields.asText(change.before().get(field));
    String after = RecordFields.asText(change.after().get(field));
    return !Objects.equals(before, after) && (trigger.value() == null || trigger.value().equals(after));
  }

  private static boolean conditionsHold(WorkflowRule rule, RecordChange change) {
    for (FieldCondition condition : rule.conditions()) {
      if (!condition.test(RecordFields.asText(change.after().get(condition.field())))) {
        return false;
      }
    }
    return true;
  }
}
