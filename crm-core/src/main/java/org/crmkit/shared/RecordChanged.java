package org.crmkit.shared;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A record (lead, account, contact or opportunity) was created, changed or deleted: the one shape every record
 * event shares, so a listener (the workflow rules, an audit log, a search index) reads every change the same way.
 * Each record package has its own event ({@code LeadChanged}, {@code AccountChanged}, {@code ContactChanged},
 * {@code OpportunityChanged}) that implements this interface with its own snapshot type.
 *
 * @param <S> the record's snapshot type (an immutable value of its whole state)
 */
public interface RecordChanged<S> extends DomainEvent {

  /** @return which kind of record changed; never null */
  RecordType recordType();

  /** @return the record's id; never null */
  UUID recordId();

  /** @return what happened; never null */
  ChangeKind kind();

  /** @return which path the change came through (a use case, conversion, a workflow rule, an import); never null */
  ChangeOrigin origin();

  /** @return the state before the change; null when the record was created */
  S before();

  /** @return the state after the change, with its new version; null when the record was deleted */
  S after();

  /**
   * The invariants every record event keeps, for implementations to call from their constructors: kind, origin,
   * time and actor are given; a change or deletion has the state before, a creation or change the state after.
   *
   * @throws NullPointerException naming a missing part
   * @throws IllegalArgumentException when a state the kind needs is missing
   */
  static void checkParts(ChangeKind kind, ChangeOrigin origin, Object before, Object after, Instant occurredAt,
      Actor actor) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(occurredAt, "occurredAt");
    Objects.requireNonNull(actor, "actor");
    if (kind != ChangeKind.CREATED && before == null) {
      throw new IllegalArgumentException(kind + " needs the state before");
    }
    if (kind != ChangeKind.DELETED && after == null) {
      throw new IllegalArgumentException(kind + " needs the state after");
    }
  }
}
