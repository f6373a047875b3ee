package org.crmkit.conversion;

import java.time.Instant;
import java.util.Objects;
import org.crmkit.shared.Actor;
import org.crmkit.shared.DomainEvent;

/**
 * A lead's conversion was undone; published to the host after commit.
 *
 * @param record the conversion record, marked undone; never null
 * @param occurredAt never null
 * @param actor never null
 */
public record LeadConversionUndone(ConversionRecord record, Instant occurredAt, Actor actor) implements DomainEvent {
  public LeadConversionUndone {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
  }
}
