package org.crmkit.conversion;

import java.util.Objects;
import java.util.UUID;

/**
 * What a stored conversion did to one target.
 *
 * @param action the action requested (after applying the policy's default)
 * @param disposition what was done; never null
 * @param recordId the created or linked record, null for {@link Disposition#NONE}
 * @param versionAfter the record's version when the conversion committed (undo refuses when it changed since);
 *     0 for NONE
 */
public record TargetResult(ConversionAction action, Disposition disposition, UUID recordId, long versionAfter) {
  public TargetResult {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(disposition, "disposition");
    if ((disposition == Disposition.NONE) != (recordId == null)) {
      throw new IllegalArgumentException("a record id is required exactly when something was created or linked");
    }
  }

  /** Nothing done for the target. */
  public static TargetResult none(ConversionAction action) {
    return new TargetResult(action, Disposition.NONE, null, 0);
  }
}
