package org.crmkit.application.internal;

import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmkit.application.ConvertLead;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.AccessDeniedException;
import org.crmkit.shared.Actor;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.LeadId;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowActionFailedException;
import org.crmkit.workflow.WorkflowEvent;
import org.crmkit.workflow.WorkflowException;
import org.crmkit.workflow.WorkflowRule;

/**
 * Runs one workflow action for a record change, inside the triggering unit of work, as the actor the rule acts as
 * ({@link #actingActor}): converts the lead, sets a
 * field through the record's writer ({@link FieldSetter}), or publishes an event. A refusal of the action (a
 * {@link CrmException}) or a bad value (IllegalArgument, Arithmetic, NullPointer, DateTime exceptions) becomes a
 * {@link WorkflowActionFailedException} naming the rule and action; a storage's own failure passes unchanged.
 * Stateless and thread-safe.
 */
final class WorkflowActions {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

  private final Context ctx;
  private final FieldSetter fields;
  private final DefaultConversionService conversions;

  WorkflowActions(Context ctx, FieldSetter fields, DefaultConversionService conversions) {
    this.ctx = ctx;
    this.fields = fields;
    this.conversions = conversions;
  }

  /**
   * @param actor who the rule acts as ({@link #actingActor}): the triggering actor with its own rights, or the
   *     system actor the rule names
   */
  void run(WorkflowRule rule, WorkflowAction action, RecordChange change, Actor actor) {
    try {
      switch (action.type()) {
        case CONVERT_LEAD -> convert(rule, action, change, actor);
        case SET_FIELD -> fields.set(actor, change.type(), change.id(), action.field(), action.value());
        case PUBLISH_EVENT -> {
          Map<String, String> data = new LinkedHashMap<>();
          action.eventData().forEach((k, v) -> data.put(k, render(v, change.after())));
          ctx.emit(new WorkflowEvent(action.eventName(), rule.id(), change.type(), change.id(), data, ctx.now(),
              actor));
        }
      }
    } catch (WorkflowException | AccessDeniedException e) {
      // an access refusal stays what it is: the triggering use case fails with it, nothing written
      throw e;
    } catch (CrmException | IllegalArgumentException | IllegalStateException | ArithmeticException
        | NullPointerException | DateTimeException e) {
      throw new WorkflowActionFailedException(rule.id(), action.type(), String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * Who a rule acts as: the actor whose change triggered it, unchanged (so with exactly that actor's rights: a
   * system-flagged copy would be another actor to the access policy), or, when the rule names one with
   * {@code runAs}, that system actor in the trigger's tenant, if the access policy lets the trigger run rules as it.
   *
   * @throws AccessDeniedException when the policy does not let the trigger run rules as the named system actor
   */
  Actor actingActor(WorkflowRule rule, Actor trigger) {
    if (rule.runAs() == null) {
      return trigger;
    }
    Actor runAs = Actor.system(rule.runAs()).in(trigger.tenant());
    if (!ctx.policy().mayRunRulesAs(trigger, runAs)) {
      throw new AccessDeniedException(trigger, "run workflow rule " + rule.id() + " as system actor "
          + rule.runAs(), "the host's access policy does not let this actor's changes run rules as that system"
          + " actor (mayRunRulesAs); trust the system actor in the policy, or remove runAs from the rule");
    }
    return runAs;
  }

  private void convert(WorkflowRule rule, WorkflowAction action, RecordChange change, Actor actor) {
    ConversionOutcome outcome = conversions.convert(
        actor, ConvertLead.of(LeadId.of(change.id())).policyId(action.policyId()), true, rule.id());
    if (outcome instanceof ConversionOutcome.Rejected r) {
      throw new WorkflowActionFailedException(rule.id(), action.type(),
          "lead " + change.id() + " was not converted with policy " + action.policyId() + ": " + r.problems(), null);
    }
  }

  /** @return the template with every {@code {field}} replaced by the record's value (empty when it has none) */
  private static String render(String template, Map<String, CustomValue> values) {
    if (template == null) {
      return "";
    }
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = RecordFields.asText(values.get(m.group(1).strip()));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(out);
    return out.toString();
  }
}
