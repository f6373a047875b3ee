package org.crmkit.workflow;

import java.util.Objects;
import org.crmkit.shared.RecordType;

/**
 * When a {@link WorkflowRule} fires: plain data. Changes are judged on the values before and after one save; a
 * newly created record counts as changed from "empty" for every field it has a value in, so "status changed to
 * qualified" also fires for a lead created as qualified.
 *
 * @param type never null
 * @param recordType the record type: LEAD, ACCOUNT, CONTACT or OPPORTUNITY; never null (OPPORTUNITY for
 *     STAGE_CHANGED, LEAD for LEAD_STATUS_CHANGED)
 * @param field the field for FIELD_CHANGED (a standard field name, {@code owner}, {@code status},
 *     {@code customFields.KEY}, ...); null for the other types
 * @param value the value the field, stage or status must change to (compared as text); null for "any change"
 */
public record Trigger(TriggerType type, RecordType recordType, String field, String value) {
  public Trigger {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(recordType, "recordType");
    if (recordType == RecordType.CONVERSION_RECORD) {
      throw new IllegalArgumentException("workflows react to leads, accounts, contacts and opportunities only");
    }
    switch (type) {
      case RECORD_CREATED -> {
        if (field != null || value != null) {
          throw new IllegalArgumentException("RECORD_CREATED takes no field or value");
        }
      }
      case FIELD_CHANGED -> {
        if (field == null || field.isBlank()) {
          throw new IllegalArgumentException("FIELD_CHANGED needs a field");
        }
      }
      case STAGE_CHANGED -> {
        if (recordType != RecordType.OPPORTUNITY || field != null) {
          throw new IllegalArgumentException("STAGE_CHANGED is a trigger of opportunities and takes no field");
        }
      }
      case LEAD_STATUS_CHANGED -> {
        if (recordType != RecordType.LEAD || field != null) {
          throw new IllegalArgumentException("LEAD_STATUS_CHANGED is a trigger of leads and takes no field");
        }
      }
    }
  }

  /** A record of the type is created. */
  public static Trigger created(RecordType recordType) {
    return new Trigger(TriggerType.RECORD_CREATED, recordType, null, null);
  }

  /** The field changes in any way. */
  public static Trigger fieldChanged(RecordType recordType, String field) {
    return new Trigger(TriggerType.FIELD_CHANGED, recordType, field, null);
  }

  /** The field changes to the value (compared as text). */
  public static Trigger fieldChangedTo(RecordType recordType, String field, String value) {
    return new Trigger(TriggerType.FIELD_CHANGED, recordType, field, Objects.requireNonNull(value, "value"));
  }

  /** An opportunity moves to any other stage (or is created). */
  public static Trigger stageChanged() {
    return new Trigger(TriggerType.STAGE_CHANGED, RecordType.OPPORTUNITY, null, null);
  }

  /** An opportunity moves to the stage (or is created in it). */
  public static Trigger stageChangedTo(String stageKey) {
    return new Trigger(TriggerType.STAGE_CHANGED, RecordType.OPPORTUNITY, null, Objects.requireNonNull(stageKey));
  }

  /** A lead's status changes (or a lead is created). */
  public static Trigger leadStatusChanged() {
    return new Trigger(TriggerType.LEAD_STATUS_CHANGED, RecordType.LEAD, null, null);
  }

  /** A lead's status becomes the status (or a lead is created in it). */
  public static Trigger leadStatusChangedTo(String statusKey) {
    return new Trigger(TriggerType.LEAD_STATUS_CHANGED, RecordType.LEAD, null, Objects.requireNonNull(statusKey));
  }

  /** @return the field this trigger watches: {@code stage}, {@code status}, the given field, or null */
  public String watchedField() {
    return switch (type) {
      case RECORD_CREATED -> null;
      case FIELD_CHANGED -> field;
      case STAGE_CHANGED -> "stage";
      case LEAD_STATUS_CHANGED -> "status";
    };
  }
}
