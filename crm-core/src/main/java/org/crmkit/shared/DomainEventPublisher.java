package org.crmkit.shared;

/**
 * Port: hands domain events to the host application (a message bus, an outbox, a log). Called after the unit of
 * work that produced the events has committed, on the committing thread. Implementations must be thread-safe; an
 * exception thrown here does not undo the committed change.
 */
@FunctionalInterface
public interface DomainEventPublisher {

  void publish(DomainEvent event);

  /** A publisher that drops every event: the default. */
  static DomainEventPublisher none() {
    return event -> {};
  }
}
