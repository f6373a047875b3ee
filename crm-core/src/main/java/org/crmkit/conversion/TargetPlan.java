package org.crmkit.conversion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.RecordId;

/**
 * What a conversion would do to one target, as a dry run reports it.
 *
 * @param action the requested action (after the policy's default); never null
 * @param disposition what would happen; never null
 * @param existingId the record that would be linked ({@code AccountId} or {@code ContactId}); empty unless the
 *     disposition is {@link Disposition#LINKED}; never null
 * @param values the values the target would receive, by target field: every mapped value for a new record, only
 *     the fields that would be filled or overwritten for a linked one; never null
 * @param candidates possible duplicates found, best first; never null
 */
public record TargetPlan(
    ConversionAction action,
    Disposition disposition,
    Optional<RecordId> existingId,
    Map<String, CustomValue> values,
    List<DuplicateCandidate> candidates) {
  public TargetPlan {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(disposition, "disposition");
    Objects.requireNonNull(existingId, "existingId");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    candidates = List.copyOf(candidates);
  }
}
