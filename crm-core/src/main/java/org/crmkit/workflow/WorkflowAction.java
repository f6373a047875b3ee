package org.crmkit.workflow;

import java.util.Map;
import java.util.TreeMap;
import org.crmkit.shared.ConfigurationException;

/**
 * One thing a rule does, in the triggering unit of work: plain data (a type and strings).
 *
 * @param type never null
 * @param policyId the conversion policy for CONVERT_LEAD; null otherwise
 * @param field the field to set for SET_FIELD; null otherwise
 * @param value the text to set for SET_FIELD (null clears the field; money as {@code "1200.00 EUR"}, dates ISO);
 *     null otherwise
 * @param eventName the event's name for PUBLISH_EVENT; null otherwise
 * @param eventData the event's data for PUBLISH_EVENT, values may hold placeholders {@code {field}} of the record;
 *     never null (empty for other types); no null names or values
 * @throws org.crmkit.shared.ConfigurationException naming the problem (a missing type, parts that do not belong
 *     to the type, null event data)
 */
public record WorkflowAction(
    ActionType type, String policyId, String field, String value, String eventName, Map<String, String> eventData) {
  public WorkflowAction {
    RuleInput.required(type, "action type");
    TreeMap<String, String> data = new TreeMap<>();
    if (eventData != null) {
      for (Map.Entry<String, String> e : eventData.entrySet()) {
        RuleInput.check(e.getKey() != null, "a " + type + " action's event data has a null name");
        RuleInput.check(e.getValue() != null, "a " + type + " action's event data '" + e.getKey()
            + "' has a null value; give a text (it may hold {field} placeholders) or leave the entry out");
        data.put(e.getKey(), e.getValue());
      }
    }
    eventData = java.util.Collections.unmodifiableMap(data);
    boolean ok = switch (type) {
      case CONVERT_LEAD -> policyId != null && !policyId.isBlank() && field == null && value == null
          && eventName == null && eventData.isEmpty();
      case SET_FIELD -> field != null && !field.isBlank() && policyId == null && eventName == null
          && eventData.isEmpty();
      case PUBLISH_EVENT -> eventName != null && !eventName.isBlank() && policyId == null && field == null
          && value == null;
    };
    if (!ok) {
      throw new ConfigurationException(
          "a " + type + " action takes only " + switch (type) {
            case CONVERT_LEAD -> "a policy id";
            case SET_FIELD -> "a field and a value";
            case PUBLISH_EVENT -> "an event name and data";
          });
    }
  }

  /** Converts the triggering lead with the policy (which must allow automatic conversion). */
  public static WorkflowAction convertLead(String policyId) {
    return new WorkflowAction(ActionType.CONVERT_LEAD, policyId, null, null, null, Map.of());
  }

  /** Sets a field of the triggering record; a null value clears it. */
  public static WorkflowAction setField(String field, String value) {
    return new WorkflowAction(ActionType.SET_FIELD, null, field, value, null, Map.of());
  }

  /** Publishes a named event with data to the host, after commit. */
  public static WorkflowAction publishEvent(String name, Map<String, String> data) {
    return new WorkflowAction(ActionType.PUBLISH_EVENT, null, null, null, name, data);
  }
}
