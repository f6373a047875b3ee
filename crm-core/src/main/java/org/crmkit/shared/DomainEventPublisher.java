package org.crmkit.shared;

/**
 * Port: hands domain events to the host application (a message bus, an outbox, a log). Called after the unit of
 * work that produced the events has committed, on the committing thread. Implementations must be thread-safe; an
 * exception thrown here does not undo the committed change.
 */
@FunctionalInterface
public interface DomainEventPublisher {

  void publish(DomainEvent event);

  /**
   * A publisher that drops every event: the default. Always the same instance, so a Crm built with it knows that
   * nobody receives its events and need not queue them.
   */
  static DomainEventPublisher none() {
    return Dropping.INSTANCE;
  }
}

/** The one publisher that drops every event. */
enum Dropping implements DomainEventPublisher {
  INSTANCE;

  @Override
  public void publish(DomainEvent event) {
    // dropped
  }
}
