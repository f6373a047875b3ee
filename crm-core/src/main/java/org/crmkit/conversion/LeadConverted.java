package org.crmkit.conversion;

import java.time.Instant;
import java.util.Objects;
import org.crmkit.shared.Actor;
import org.crmkit.shared.DomainEvent;

/**
 * A lead was converted; published to the host after commit.
 *
 * @param record the stored conversion record; never null
 * @param occurredAt never null
 * @param actor never null
 */
public record LeadConverted(ConversionRecord record, Instant occurredAt, Actor actor) implements DomainEvent {
  public LeadConverted {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
  }
}
