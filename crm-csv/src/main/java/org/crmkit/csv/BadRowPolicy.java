package org.crmkit.csv;

/** What a rejected row does to the rest of an import. */
public enum BadRowPolicy {
  /** The row is reported (line, column, reason) and the import goes on; the good rows are written. */
  SKIP,
  /** The first rejected row stops the import and nothing at all is written (one unit of work for the file). */
  ABORT
}
