package org.crmkit.conversion;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.crmkit.shared.RecordId;

/**
 * What a stored conversion did to one target.
 *
 * @param action the action requested (after applying the policy's default); never null
 * @param disposition what was done; never null
 * @param recordId the created or linked record ({@code AccountId}, {@code ContactId} or {@code OpportunityId} as
 *     the target is); empty exactly for {@link Disposition#NONE}; never null
 * @param versionAfter the record's version when the conversion committed (undo refuses when it changed since);
 *     0 for NONE
 * @param fills the fields the conversion wrote into a linked record, with their values before, so that undo can
 *     restore them; empty for created records and NONE; never null
 */
public record TargetResult(
    ConversionAction action,
    Disposition disposition,
    Optional<RecordId> recordId,
    long versionAfter,
    List<FieldFill> fills) {
  public TargetResult {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(disposition, "disposition");
    Objects.requireNonNull(recordId, "recordId");
    fills = List.copyOf(fills);
    if ((disposition == Disposition.NONE) != recordId.isEmpty()) {
      throw new IllegalArgumentException("a record id is required exactly when something was created or linked");
    }
    if (!fills.isEmpty() && disposition != Disposition.LINKED) {
      throw new IllegalArgumentException("only a linked record has fields filled by the conversion");
    }
  }

  /** Nothing done for the target. */
  public static TargetResult none(ConversionAction action) {
    return new TargetResult(action, Disposition.NONE, Optional.empty(), 0, List.of());
  }

  /** A created or linked record, without fills. */
  public static TargetResult of(ConversionAction action, Disposition disposition, RecordId id, long versionAfter) {
    return new TargetResult(action, disposition, Optional.of(Objects.requireNonNull(id, "id")), versionAfter,
        List.of());
  }

  /**
   * For adapters reading a stored result: the record id as the UUID they store, typed by the target.
   *
   * @param recordId the stored UUID, or null for NONE
   */
  public static TargetResult restore(ConversionTarget target, ConversionAction action, Disposition disposition,
      UUID recordId, long versionAfter, List<FieldFill> fills) {
    return new TargetResult(action, disposition, Optional.ofNullable(recordId).map(target::recordId), versionAfter,
        fills);
  }

  /** @return a copy with the given fills */
  public TargetResult withFills(List<FieldFill> value) {
    return new TargetResult(action, disposition, recordId, versionAfter, value);
  }

  /** @return the record id as a UUID, for adapters; null for NONE */
  public UUID recordUuid() {
    return recordId.map(RecordId::value).orElse(null);
  }
}
