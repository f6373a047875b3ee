package org.crmkit.csv;

import java.util.List;

/**
 * What an import did. The counts add up: {@code read == imported + updated + rejected + notWritten}, where
 * {@code notWritten} is non-zero only for an aborted import (the rows that were fine but were not written because
 * another row was rejected under {@link BadRowPolicy#ABORT}).
 *
 * @param read data rows read (the header excluded)
 * @param imported rows that created a record
 * @param updated rows whose external id was already known, so they updated that record
 * @param rejected rows not written because of what they hold
 * @param notWritten good rows left unwritten by an abort
 * @param aborted whether the import was aborted (then nothing was written)
 * @param rejections every rejection, in file order (at most {@link CsvImporter#MAX_KEPT_REJECTIONS} kept here;
 *     all of them reach the listener)
 */
public record ImportReport(
    long read, long imported, long updated, long rejected, long notWritten, boolean aborted,
    List<RowRejection> rejections) {
  /** Copies the rejections. */
  public ImportReport {
    rejections = List.copyOf(rejections);
  }

  /** @return a one-line summary */
  public String summary() {
    return read + " read, " + imported + " imported, " + updated + " updated, " + rejected + " rejected"
        + (aborted ? ", aborted: nothing written" : "");
  }
}
