package org.crmkit.shared;

/** Which path a change came through; recorded in history so reports can tell, e.g., converted deals apart. */
public enum ChangeOrigin {
  /** A use case called directly by the host (a user's edit, the Web Service API). */
  DIRECT,
  /** Lead conversion. */
  LEAD_CONVERSION,
  /** A workflow rule's action. */
  WORKFLOW,
  /** A bulk import. */
  IMPORT
}
