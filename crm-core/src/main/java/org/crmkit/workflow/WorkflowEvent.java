package org.crmkit.workflow;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.crmkit.shared.Actor;
import org.crmkit.shared.DomainEvent;
import org.crmkit.shared.RecordType;

/**
 * A custom event published by a rule's {@link ActionType#PUBLISH_EVENT} action, delivered to the host's
 * {@link org.crmkit.shared.DomainEventPublisher} only if the triggering unit of work commits.
 *
 * @param name the action's event name; never null
 * @param ruleId the rule; never null
 * @param recordType the triggering record's type; never null
 * @param recordId the triggering record's id; never null
 * @param data the action's data with placeholders filled; never null
 * @param occurredAt never null
 * @param actor the actor of the triggering change (marked as system); never null
 */
public record WorkflowEvent(
    String name, String ruleId, RecordType recordType, UUID recordId, Map<String, String> data, Instant occurredAt,
    Actor actor) implements DomainEvent {
  public WorkflowEvent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(recordType, "recordType");
    Objects.requireNonNull(recordId, "recordId");
    data = Map.copyOf(data);
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
  }
}
