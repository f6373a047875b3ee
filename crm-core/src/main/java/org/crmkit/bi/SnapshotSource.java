package org.crmkit.bi;

/** Where a kept day's states came from. */
public enum SnapshotSource {
  /** Copied from the opportunities as they were when the snapshot was taken (on that day). */
  CURRENT,
  /** Rebuilt from stage history afterwards (a back-filled day). */
  HISTORY
}
