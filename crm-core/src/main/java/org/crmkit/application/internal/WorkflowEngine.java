package org.crmkit.application.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crmkit.application.ConvertLead;
import org.crmkit.conversion.ConversionOutcome;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.customfield.CustomValue;
import org.crmkit.customfield.FieldType;
import org.crmkit.opportunity.Opportunity;
import org.crmkit.pipeline.LeadStatus;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.CrmException;
import org.crmkit.shared.DomainEvent;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.RecordChanged;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.UserId;
import org.crmkit.shared.ValidationException;
import org.crmkit.workflow.FieldCondition;
import org.crmkit.workflow.Trigger;
import org.crmkit.workflow.TriggerType;
import org.crmkit.workflow.WorkflowAction;
import org.crmkit.workflow.WorkflowActionFailedException;
import org.crmkit.workflow.WorkflowDepthExceededException;
import org.crmkit.workflow.WorkflowEvent;
import org.crmkit.workflow.WorkflowException;
import org.crmkit.workflow.WorkflowRule;
import org.crmkit.workflow.WorkflowRules;

/**
 * Runs workflow rules synchronously on every record event, inside the unit of work that produced it. Actions write
 * through the same repositories and emit their own events, which may fire further rules; the chain of rules running
 * on this thread is tracked so a chain deeper than the limit fails the whole unit of work. Thread-safe (the chain is
 * per thread).
 */
final class WorkflowEngine implements Consumer<DomainEvent> {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]+)}");

  private final Context ctx;
  private final WorkflowRules rules;
  private final DefaultConversionService conversions;
  private final ThreadLocal<Deque<String>> chain = ThreadLocal.withInitial(ArrayDeque::new);

  WorkflowEngine(Context ctx, WorkflowRules rules, DefaultConversionService conversions) {
    this.ctx = ctx;
    this.rules = rules;
    this.conversions = conversions;
    check();
  }

  /** One record change as field maps. */
  private record Change(
      RecordType type, UUID id, Map<String, CustomValue> before, Map<String, CustomValue> after, boolean created,
      Actor actor, Instant at) {}

  @Override
  public void accept(DomainEvent event) {
    Change change = changeOf(event);
    if (change == null) {
      return;
    }
    for (WorkflowRule rule : rules.rules()) {
      if (!rule.enabled() || !fires(rule, change)) {
        continue;
      }
      Deque<String> running = chain.get();
      if (running.size() >= rules.maxDepth()) {
        List<String> ids = new ArrayList<>(running);
        ids.add(rule.id());
        throw new WorkflowDepthExceededException(ids, rules.maxDepth());
      }
      running.addLast(rule.id());
      try {
        for (WorkflowAction action : rule.actions()) {
          run(rule, action, change);
        }
      } finally {
        running.removeLast();
        if (running.isEmpty()) {
          chain.remove();
        }
      }
    }
  }

  private static Change changeOf(DomainEvent event) {
    if (!(event instanceof RecordChanged<?> e) || e.kind() == ChangeKind.DELETED) {
      return null;
    }
    Map<String, CustomValue> before =
        e.before() == null ? Map.of() : RecordFields.of(e.recordType(), e.before());
    return new Change(e.recordType(), e.recordId(), before, RecordFields.of(e.recordType(), e.after()),
        e.kind() == ChangeKind.CREATED, e.actor(), e.occurredAt());
  }

  private static boolean fires(WorkflowRule rule, Change c) {
    Trigger t = rule.trigger();
    if (t.recordType() != c.type()) {
      return false;
    }
    if (t.type() == TriggerType.RECORD_CREATED) {
      if (!c.created()) {
        return false;
      }
    } else {
      String field = t.watchedField();
      String before = RecordFields.asText(c.before().get(field));
      String after = RecordFields.asText(c.after().get(field));
      if (Objects.equals(before, after) || (t.value() != null && !t.value().equals(after))) {
        return false;
      }
    }
    for (FieldCondition condition : rule.conditions()) {
      if (!condition.test(RecordFields.asText(c.after().get(condition.field())))) {
        return false;
      }
    }
    return true;
  }

  private void run(WorkflowRule rule, WorkflowAction action, Change c) {
    // The rule acts for the user whose change triggered it, marked as an automated process.
    Actor actor = new Actor(c.actor().userId(), true);
    try {
      switch (action.type()) {
        case CONVERT_LEAD -> {
          ConversionOutcome outcome = conversions.convert(
              actor, ConvertLead.of(LeadId.of(c.id())).withPolicy(action.policyId()), true, rule.id());
          if (outcome instanceof ConversionOutcome.Rejected r) {
            throw new WorkflowActionFailedException(rule.id(), action.type(),
                "lead " + c.id() + " was not converted with policy " + action.policyId() + ": " + r.problems(), null);
          }
        }
        case SET_FIELD -> setField(actor, c.type(), c.id(), action.field(), action.value());
        case PUBLISH_EVENT -> {
          Map<String, String> data = new LinkedHashMap<>();
          action.eventData().forEach((k, v) -> data.put(k, render(v, c.after())));
          ctx.emit(new WorkflowEvent(action.eventName(), rule.id(), c.type(), c.id(), data, ctx.now(), actor));
        }
      }
    } catch (WorkflowException e) {
      throw e;
    } catch (CrmException e) {
      throw new WorkflowActionFailedException(rule.id(), action.type(), e.getMessage(), e);
    }
  }

  private static String render(String template, Map<String, CustomValue> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = RecordFields.asText(values.get(m.group(1).strip()));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(out);
    return out.toString();
  }

  // ---------------------------------------------------------------- SET_FIELD

  private Map<String, CustomValue> with(RecordType type, Map<String, CustomValue> current, String field, String text) {
    Map<String, CustomValue> next = new LinkedHashMap<>(current);
    if (text == null || text.isBlank()) {
      next.remove(field);
      return next;
    }
    FieldType ft = RecordFields.typeOf(type, field, ctx.customFields)
        .orElseThrow(() -> ValidationException.of(field, "is not a field of " + type.label()));
    try {
      next.put(field, RecordFields.coerce(CustomValue.text(text), ft));
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(field, e.getMessage());
    }
    return next;
  }

  private void setField(Actor actor, RecordType type, UUID id, String field, String value) {
    ChangeOrigin origin = ChangeOrigin.WORKFLOW;
    switch (type) {
      case LEAD -> ctx.writers.leads().changeIfDifferent(actor, LeadId.of(id), null, origin, lead -> {
        Instant now = ctx.now();
        if (field.equals("status")) {
          LeadStatus status = ctx.pipeline.leadStatus(value);
          if (!status.key().equals(lead.status())) {
            lead.changeStatus(status, null, now);
          }
        } else if (field.equals("owner")) {
          if (!lead.owner().value().equals(value)) {
            lead.assignTo(UserId.of(value), now);
          }
        } else {
          Map<String, CustomValue> current = RecordFields.lead(lead.snapshot());
          Map<String, CustomValue> next = with(type, current, field, value);
          if (!next.equals(current)) {
            lead.edit(RecordFields.toLeadDetails(next), RecordFields.toCustomFields(next), now);
          }
        }
      });
      case ACCOUNT -> ctx.writers.accounts().changeIfDifferent(actor, AccountId.of(id), null, origin, account -> {
        Instant now = ctx.now();
        if (field.equals("owner")) {
          if (!account.owner().value().equals(value)) {
            account.assignTo(UserId.of(value), now);
          }
        } else {
          Map<String, CustomValue> current = RecordFields.account(account.snapshot());
          Map<String, CustomValue> next = with(type, current, field, value);
          if (!next.equals(current)) {
            account.edit(RecordFields.toAccountDetails(next), account.segments(), RecordFields.toCustomFields(next),
                now);
          }
        }
      });
      case CONTACT -> ctx.writers.contacts().changeIfDifferent(actor, ContactId.of(id), null, origin, contact -> {
        Instant now = ctx.now();
        if (field.equals("owner")) {
          if (!contact.owner().value().equals(value)) {
            contact.assignTo(UserId.of(value), now);
          }
        } else {
          Map<String, CustomValue> current = RecordFields.contact(contact.snapshot());
          Map<String, CustomValue> next = with(type, current, field, value);
          if (!next.equals(current)) {
            contact.edit(RecordFields.toContactDetails(next), RecordFields.toCustomFields(next), now);
          }
        }
      });
      case OPPORTUNITY -> ctx.writers.opportunities().changeIfDifferent(actor, OpportunityId.of(id), null, origin,
          o -> setOpportunityField(o, field, value));
      default -> throw new IllegalStateException(type.label() + " has no workflows");
    }
  }

  private void setOpportunityField(Opportunity o, String field, String value) {
    Instant now = ctx.now();
    Map<String, CustomValue> current = RecordFields.opportunity(o.snapshot());
    Map<String, CustomValue> next = with(RecordType.OPPORTUNITY, current, field, value);
    if (next.equals(current)) {
      return;
    }
    switch (field) {
      case "stage" -> o.advanceTo(ctx.pipeline, value, now);
      case "amount" -> o.changeAmount(next.get("amount") instanceof CustomValue.MoneyValue m ? m.value() : null, now);
      case "closeDate" -> o.changeCloseDate(ctx.pipeline,
          next.get("closeDate") instanceof CustomValue.DateValue d ? d.value() : (LocalDate) null, now);
      case "probability" -> {
        if (value == null || value.isBlank()) {
          o.resetProbability(ctx.pipeline, now);
        } else {
          o.overrideProbability(ctx.pipeline, Probability.of(((CustomValue.NumberValue) next.get("probability"))
              .value().intValueExact()), now);
        }
      }
      case "owner" -> o.assignTo(UserId.of(value), now);
      default -> o.describe(RecordFields.text(next, "name"), RecordFields.text(next, "leadSource"),
          RecordFields.text(next, "nextStep"), RecordFields.text(next, "description"), o.segments(),
          RecordFields.toCustomFields(next), now);
    }
  }

  // ---------------------------------------------------------------- configuration check

  private void check() {
    List<String> problems = new ArrayList<>();
    for (WorkflowRule rule : rules.rules()) {
      String where = "rule " + rule.id() + ": ";
      Trigger t = rule.trigger();
      RecordType type = t.recordType();
      if (t.type() == TriggerType.FIELD_CHANGED && !known(type, t.field())) {
        problems.add(where + "trigger field " + t.field() + " is not a field of " + type.label());
      }
      if (t.type() == TriggerType.LEAD_STATUS_CHANGED && t.value() != null
          && ctx.pipeline.findLeadStatus(t.value()).isEmpty()) {
        problems.add(where + t.value() + " is not a lead status");
      }
      if (t.type() == TriggerType.STAGE_CHANGED && t.value() != null && ctx.pipeline.findStage(t.value()).isEmpty()) {
        problems.add(where + t.value() + " is not a sales stage");
      }
      for (FieldCondition c : rule.conditions()) {
        if (!known(type, c.field())) {
          problems.add(where + "condition field " + c.field() + " is not a field of " + type.label());
        }
      }
      for (WorkflowAction a : rule.actions()) {
        switch (a.type()) {
          case CONVERT_LEAD -> {
            if (type != RecordType.LEAD) {
              problems.add(where + "CONVERT_LEAD needs a trigger on leads, not " + type.label());
            }
            ConversionPolicy policy = conversions.policies().stream()
                .filter(p -> p.id().equals(a.policyId())).findFirst().orElse(null);
            if (policy == null) {
              problems.add(where + "conversion policy " + a.policyId() + " is not registered");
            } else if (!policy.automaticConversionAllowed()) {
              problems.add(where + "conversion policy " + a.policyId() + " does not allow automatic conversion");
            }
          }
          case SET_FIELD -> {
            if (!known(type, a.field()) || a.field().equals("fullName")) {
              problems.add(where + "SET_FIELD: " + a.field() + " is not a settable field of " + type.label());
            } else if (a.field().equals("status")) {
              if (a.value() == null || ctx.pipeline.findLeadStatus(a.value()).filter(s -> !s.isConverted()).isEmpty()) {
                problems.add(where + "SET_FIELD status needs a lead status that is not a converted one, was "
                    + a.value());
              }
            } else if (a.field().equals("stage")) {
              if (a.value() == null || ctx.pipeline.findStage(a.value()).isEmpty()) {
                problems.add(where + "SET_FIELD stage needs a sales stage, was " + a.value());
              }
            } else if (a.value() != null && !a.value().isBlank() && !a.field().equals("owner")) {
              try {
                RecordFields.coerce(CustomValue.text(a.value()),
                    RecordFields.typeOf(type, a.field(), ctx.customFields).orElseThrow());
              } catch (IllegalArgumentException e) {
                problems.add(where + "SET_FIELD " + a.field() + ": " + e.getMessage());
              }
            }
          }
          case PUBLISH_EVENT -> { }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException("invalid workflow rules: " + String.join("; ", problems));
    }
  }

  private boolean known(RecordType type, String field) {
    return RecordFields.typeOf(type, field, ctx.customFields).isPresent();
  }
}
