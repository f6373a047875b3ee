package org.crmkit.application.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.RecordType;
import org.crmkit.workflow.FieldCondition;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.TriggerType;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;

/**
 * Checks workflow rules against the pipeline, the custom fields and the conversion policies when the Crm is built,
 * so a rule that can never work is refused up front: fields that do not exist, statuses and stages the pipeline
 * lacks, conversion policies not registered or not automatic, and {@code SET_FIELD} values that cannot be written
 * to their field (read exactly as the action will read them, by {@link FieldSetter}). Stateless.
 */
final class WorkflowCheck {
  private final Context ctx;
  private final FieldSetter fields;
  private final Collection<ConversionPolicy> policies;

  WorkflowCheck(Context ctx, FieldSetter fields, Collection<ConversionPolicy> policies) {
    this.ctx = ctx;
    this.fields = fields;
    this.policies = policies;
  }

  /** @throws ConfigurationException listing every problem, each prefixed with its rule's id */
  void check(WorkflowRules rules) {
    List<String> problems = new ArrayList<>();
    for (WorkflowRule rule : rules.rules()) {
      String where = "rule " + rule.id() + ": ";
      Trigger t = rule.trigger();
      RecordType type = t.recordType();
      checkTrigger(t, where, problems);
      for (FieldCondition c : rule.conditions()) {
        if (!known(type, c.field())) {
          problems.add(where + "condition field " + c.field() + " is not a field of " + type.label());
        }
      }
      for (WorkflowAction a : rule.actions()) {
        checkAction(type, a, where, problems);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("invalid workflow rules: " + String.join("; ", problems));
    }
  }

  private void checkTrigger(Trigger t, String where, List<String> problems) {
    if (t.type() == TriggerType.FIELD_CHANGED && !known(t.recordType(), t.field())) {
      problems.add(where + "trigger field " + t.field() + " is not a field of " + t.recordType().label());
    }
    if (t.type() == TriggerType.LEAD_STATUS_CHANGED && t.value() != null
        && ctx.pipeline().findLeadStatus(t.value()).isEmpty()) {
      problems.add(where + t.value() + " is not a lead status");
    }
    if (t.type() == TriggerType.STAGE_CHANGED && t.value() != null && ctx.pipeline().findStage(t.value()).isEmpty()) {
      problems.add(where + t.value() + " is not a sales stage");
    }
  }

  private void checkAction(RecordType type, WorkflowAction a, String where, List<String> problems) {
    switch (a.type()) {
      case CONVERT_LEAD -> {
        if (type != RecordType.LEAD) {
          problems.add(where + "CONVERT_LEAD needs a trigger on leads, not " + type.label());
        }
        ConversionPolicy policy =
            policies.stream().filter(p -> p.id().equals(a.policyId())).findFirst().orElse(null);
        if (policy == null) {
          problems.add(where + "conversion policy " + a.policyId() + " is not registered");
        } else if (!policy.automaticConversionAllowed()) {
          problems.add(where + "conversion policy " + a.policyId() + " does not allow automatic conversion");
        }
      }
      case SET_FIELD -> {
        if (!known(type, a.field()) || a.field().equals("fullName")) {
          problems.add(where + "SET_FIELD: " + a.field() + " is not a settable field of " + type.label());
        } else {
          try {
            fields.check(type, a.field(), a.value());
          } catch (CrmException | IllegalArgumentException | ArithmeticException e) {
            problems.add(where + "SET_FIELD " + a.field() + " to '" + a.value() + "': " + e.getMessage());
          }
        }
      }
      case PUBLISH_EVENT -> { }
    }
  }

  private boolean known(RecordType type, String field) {
    return RecordFields.typeOf(type, field, ctx.customFields()).isPresent();
  }
}
