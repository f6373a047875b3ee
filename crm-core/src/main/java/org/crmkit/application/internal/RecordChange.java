package org.crmkit.application.internal;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.Actor;
import org.crmkit.shared.ChangeKind;
import org.crmkit.shared.DomainEvent;
import org.crmkit.shared.RecordChanged;
import org.crmkit.shared.RecordType;

/**
 * One created or updated record as the workflow rules see it: its values by field name before and after.
 *
 * @param type the record type
 * @param id the record's id
 * @param before the values before; empty when the record was created
 * @param after the values after
 * @param created true when the record was created by the change
 * @param actor who changed it
 * @param at when
 */
record RecordChange(
    RecordType type, UUID id, Map<String, CustomValue> before, Map<String, CustomValue> after, boolean created,
    Actor actor, Instant at) {

  /** @return the change an event describes; empty for deletions and for events that are not record changes */
  static Optional<RecordChange> of(DomainEvent event) {
    if (!(event instanceof RecordChanged<?> e) || e.kind() == ChangeKind.DELETED) {
      return Optional.empty();
    }
    Map<String, CustomValue> before = e.before() == null ? Map.of() : RecordFields.of(e.recordType(), e.before());
    return Optional.of(new RecordChange(e.recordType(), e.recordId(), before, RecordFields.of(e.recordType(), e.after()),
        e.kind() == ChangeKind.CREATED, e.actor(), e.occurredAt()));
  }
}
