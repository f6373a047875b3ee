package org.crmkit.account;

import java.time.Instant;
import java.util.UUID;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.RecordChanged;
import org.crmkit.shared.RecordType;

/**
 * An account was created, changed or deleted.
 *
 * @param kind what happened
 * @param origin which path the change came through
 * @param before the state before; null when created
 * @param after the state after; null when deleted
 * @param occurredAt when
 * @param actor who
 */
public record AccountChanged(
    ChangeKind kind, ChangeOrigin origin, AccountSnapshot before, AccountSnapshot after, Instant occurredAt, Actor actor)
    implements RecordChanged<AccountSnapshot> {
  public AccountChanged {
    RecordChanged.checkParts(kind, origin, before, after, occurredAt, actor);
  }

  /** A change made directly through a use case ({@link ChangeOrigin#DIRECT}). */
  public AccountChanged(ChangeKind kind, AccountSnapshot before, AccountSnapshot after, Instant occurredAt, Actor actor) {
    this(kind, ChangeOrigin.DIRECT, before, after, occurredAt, actor);
  }

  @Override
  public RecordType recordType() {
    return RecordType.ACCOUNT;
  }

  @Override
  public UUID recordId() {
    return (after != null ? after : before).id().value();
  }
}
