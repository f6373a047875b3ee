package org.crmkit.conversion;

/** What a conversion did (or, in a dry run, would do) to one target. */
public enum Disposition {
  /** A new record. */
  CREATED,
  /** An existing record was linked (its empty fields filled from the lead). */
  LINKED,
  /** Nothing. */
  NONE
}
