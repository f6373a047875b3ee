package org.crmkit.shared;

import java.time.Instant;

/**
 * Something that happened to a record, stamped with the injected clock's time and the actor. Events are
 * immutable values; the host receives them through {@link DomainEventPublisher} after the unit of work commits.
 */
public interface DomainEvent {

  /** @return when it happened */
  Instant occurredAt();

  /** @return who made it happen */
  Actor actor();
}
