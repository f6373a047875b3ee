package org.crmkit.csv;

/** Told how far an import is, after every batch and once at the end; a host shows a progress bar with it. */
@FunctionalInterface
public interface ImportProgress {
  /**
   * @param rowsRead data rows read so far
   * @param bytesRead bytes of the file consumed so far (approximate: the parser reads ahead)
   * @param report the counts so far
   */
  void progress(long rowsRead, long bytesRead, ImportReport report);

  /** @return a progress callback that does nothing */
  static ImportProgress none() {
    return (rows, bytes, report) -> { };
  }
}
