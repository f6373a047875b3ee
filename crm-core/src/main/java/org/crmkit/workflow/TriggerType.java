package org.crmkit.workflow;

/** What a {@link Trigger} reacts to. */
public enum TriggerType {
  /** A record of the type was created. */
  RECORD_CREATED,
  /** A field changed (optionally: to a given value). */
  FIELD_CHANGED,
  /** An opportunity's sales stage changed (optionally: to a given stage key). */
  STAGE_CHANGED,
  /** A lead's status changed (optionally: to a given status key). */
  LEAD_STATUS_CHANGED
}
