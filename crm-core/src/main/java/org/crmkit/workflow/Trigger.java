package org.crmkit.workflow;

import java.util.EnumSet;
import java.util.Set;
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
 * @throws org.crmkit.shared.ConfigurationException naming the problem (a missing type, a record type without
 *     workflows, a field where none belongs or none where one is needed, STAGE_CHANGED on anything but
 *     opportunities, LEAD_STATUS_CHANGED on anything but leads)
 */
public record Trigger(TriggerType type, RecordType recordType, String field, String value) {
  private static final Set<RecordType> WORKFLOW_RECORD_TYPES =
      EnumSet.of(RecordType.LEAD, RecordType.ACCOUNT, RecordType.CONTACT, RecordType.OPPORTUNITY);

  public Trigger {
    RuleInput.required(type, "trigger type");
    RuleInput.required(recordType, "trigger recordType");
    RuleInput.check(WORKFLOW_RECORD_TYPES.contains(recordType),
        "workflows react to leads, accounts, contacts and opportunities only, not " + recordType);
    switch (type) {
      case RECORD_CREATED -> RuleInput.check(field == null && value == null, "RECORD_CREATED takes no field or value");
      case FIELD_CHANGED -> RuleInput.check(field != null && !field.isBlank(), "FIELD_CHANGED needs a field");
      case STAGE_CHANGED -> RuleInput.check(recordType == RecordType.OPPORTUNITY && field == null,
          "STAGE_CHANGED is a trigger of opportunities and takes no field, was on " + recordType
              + (field == null ? "" : " with field " + field));
      case LEAD_STATUS_CHANGED -> RuleInput.check(recordType == RecordType.LEAD && field == null,
          "LEAD_STATUS_CHANGED is a trigger of leads and takes no field, was on " + recordType
              + (field == null ? "" : " with field " + field));
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
    return new Trigger(TriggerType.FIELD_CHANGED, recordType, field, RuleInput.required(value, "the value the field changes to"));
  }

  /** An opportunity moves to any other stage (or is created). */
  public static Trigger stageChanged() {
    return new Trigger(TriggerType.STAGE_CHANGED, RecordType.OPPORTUNITY, null, null);
  }

  /** An opportunity moves to the stage (or is created in it). */
  public static Trigger stageChangedTo(String stageKey) {
    return new Trigger(TriggerType.STAGE_CHANGED, RecordType.OPPORTUNITY, null, RuleInput.required(stageKey, "the stage"));
  }

  /** A lead's status changes (or a lead is created). */
  public static Trigger leadStatusChanged() {
    return new Trigger(TriggerType.LEAD_STATUS_CHANGED, RecordType.LEAD, null, null);
  }

  /** A lead's status becomes the status (or a lead is created in it). */
  public static Trigger leadStatusChangedTo(String statusKey) {
    return new Trigger(TriggerType.LEAD_STATUS_CHANGED, RecordType.LEAD, null, RuleInput.required(statusKey, "the lead status"));
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
