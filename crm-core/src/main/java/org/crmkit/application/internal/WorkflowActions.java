package org.crmkit.application.internal;

import java.time.DateTimeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmkit.application.ConvertLead;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.Actor;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.LeadId;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowActionFailedException;
import org.crmkit.workflow.WorkflowEvent;
import org.crmkit.workflow.WorkflowException;
import org.crmkit.workflow.WorkflowRule;

/**
 * Runs one workflow action for a record change, inside the triggering unit of work: converts the lead, sets a
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

  void run(WorkflowRule rule, WorkflowAction action, RecordChange change) {
    // The rule acts for the user whose change triggered it, marked as an automated process.
    Actor actor = new Actor(change.actor().userId(), true, change.actor().tenant());
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
    } catch (WorkflowException e) {
      throw e;
    } catch (CrmException | IllegalArgumentException | IllegalStateException | ArithmeticException
        | NullPointerException | DateTimeException e) {
      throw new WorkflowActionFailedException(rule.id(), action.type(), String.valueOf(e.getMessage()), e);
    }
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
