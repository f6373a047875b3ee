package org.crmkit.pipeline;

/** What a lead status means to the lifecycle. */
public enum LeadStatusKind {
  /** Still being worked (new, contacted, nurturing, ...). */
  OPEN,
  /** Qualified: ready to be converted. */
  QUALIFIED,
  /** Disqualified; a reason is required. */
  UNQUALIFIED,
  /** Converted: the lead is read-only from then on. */
  CONVERTED
}
