package org.crmkit.lead;

import java.time.Instant;
import java.util.UUID;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.RecordChanged;
import org.crmkit.shared.RecordType;

/**
 * A lead was created, changed or deleted.
 *
 * @param kind what happened
 * @param origin which path the change came through
 * @param before the state before; null when created
 * @param after the state after; null when deleted
 * @param occurredAt when
 * @param actor who
 */
public record LeadChanged(
    ChangeKind kind, ChangeOrigin origin, LeadSnapshot before, LeadSnapshot after, Instant occurredAt, Actor actor)
    implements RecordChanged<LeadSnapshot> {
  public LeadChanged {
    RecordChanged.checkParts(kind, origin, before, after, occurredAt, actor);
  }

  /** A change made directly through a use case ({@link ChangeOrigin#DIRECT}). */
  public LeadChanged(ChangeKind kind, LeadSnapshot before, LeadSnapshot after, Instant occurredAt, Actor actor) {
    this(kind, ChangeOrigin.DIRECT, before, after, occurredAt, actor);
  }

  @Override
  public RecordType recordType() {
    return RecordType.LEAD;
  }

  @Override
  public UUID recordId() {
    return (after != null ? after : before).id().value();
  }
}
