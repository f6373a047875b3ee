package org.crmkit.workflow;

/** What a {@link WorkflowAction} does. */
public enum ActionType {
  /** Convert the triggering lead with a conversion policy that allows automatic conversion. */
  CONVERT_LEAD,
  /** Set a field of the triggering record (an empty value clears it). */
  SET_FIELD,
  /** Publish a {@link WorkflowEvent} to the host after commit. */
  PUBLISH_EVENT
}
