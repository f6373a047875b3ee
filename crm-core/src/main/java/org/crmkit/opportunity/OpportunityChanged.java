package org.crmkit.opportunity;

import java.time.Instant;
import java.util.UUID;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.ChangeOrigin;
import org.crmkit.shared.RecordChanged;
import org.crmkit.shared.RecordType;

/**
 * An opportunity was created, changed or deleted. Stage history is derived from these events.
 *
 * @param kind what happened
 * @param origin which path the change came through
 * @param before the state before; null when created
 * @param after the state after (with its new version); null when deleted
 * @param occurredAt when
 * @param actor who
 */
public record OpportunityChanged(
    ChangeKind kind,
    ChangeOrigin origin,
    OpportunitySnapshot before,
    OpportunitySnapshot after,
    Instant occurredAt,
    Actor actor)
    implements RecordChanged<OpportunitySnapshot> {
  public OpportunityChanged {
    RecordChanged.checkParts(kind, origin, before, after, occurredAt, actor);
  }

  @Override
  public RecordType recordType() {
    return RecordType.OPPORTUNITY;
  }

  @Override
  public UUID recordId() {
    return (after != null ? after : before).id().value();
  }

  /** @return true when the stage differs between before and after */
  public boolean stageChanged() {
    return before != null && after != null && !before.stage().equals(after.stage());
  }

  /** @return true when a field tracked by stage history differs (or the opportunity is new) */
  public boolean trackedChanged() {
    return kind == ChangeKind.CREATED
        || (kind == ChangeKind.UPDATED && !before.tracked().equals(after.tracked()));
  }
}
