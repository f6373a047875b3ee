package org.crmkit.bi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One kept day of the daily snapshots of a tenant.
 *
 * @param day the day; never null
 * @param takenAt when the snapshot was stored (the Crm's clock); never null
 * @param source copied from the current opportunities, or rebuilt from history; never null
 * @param opportunities how many opportunities the day's state holds (open, or closed recently, on that day)
 * @param rowsStored how many rows storing the day added: the opportunities whose state differed from the last stored
 *     state (0 when nothing changed); at most {@code opportunities} for a day taken in order
 */
public record SnapshotDay(LocalDate day, Instant takenAt, SnapshotSource source, long opportunities,
    long rowsStored) {

  public SnapshotDay {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(source, "source");
    if (opportunities < 0 || rowsStored < 0) {
      throw new IllegalArgumentException("counts cannot be negative");
    }
  }
}
