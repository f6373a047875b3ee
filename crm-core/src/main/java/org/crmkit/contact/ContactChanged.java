package org.crmkit.contact;

import java.time.Instant;
import java.util.UUID;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.RecordChanged;
import org.crmkit.shared.RecordType;

/**
 * A contact was created, changed or deleted.
 *
 * @param kind what happened
 * @param origin which path the change came through
 * @param before the state before; null when created
 * @param after the state after; null when deleted
 * @param occurredAt when
 * @param actor who
 */
public record ContactChanged(
    ChangeKind kind, ChangeOrigin origin, ContactSnapshot before, ContactSnapshot after, Instant occurredAt, Actor actor)
    implements RecordChanged<ContactSnapshot> {
  public ContactChanged {
    RecordChanged.checkParts(kind, origin, before, after, occurredAt, actor);
  }

  /** A change made directly through a use case ({@link ChangeOrigin#DIRECT}). */
  public ContactChanged(ChangeKind kind, ContactSnapshot before, ContactSnapshot after, Instant occurredAt, Actor actor) {
    this(kind, ChangeOrigin.DIRECT, before, after, occurredAt, actor);
  }

  @Override
  public RecordType recordType() {
    return RecordType.CONTACT;
  }

  @Override
  public UUID recordId() {
    return (after != null ? after : before).id().value();
  }
}
