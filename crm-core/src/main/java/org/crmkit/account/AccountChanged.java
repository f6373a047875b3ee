package org.crmkit.account;

import java.time.Instant;
import java.util.Objects;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.DomainEvent;

/**
 * An account was created, changed or deleted.
 *
 * @param kind what happened
 * @param before the state before; null when created
 * @param after the state after; null when deleted
 * @param occurredAt when
 * @param actor who
 */
public record AccountChanged(
    ChangeKind kind, AccountSnapshot before, AccountSnapshot after, Instant occurredAt, Actor actor)
    implements DomainEvent {
  public AccountChanged {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
  }
}
