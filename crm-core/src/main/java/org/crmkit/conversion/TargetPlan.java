package org.crmkit.conversion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.crmkit.customfield.CustomValue;

/**
 * What a conversion would do to one target, as a dry run reports it.
 *
 * @param action the requested action (after the policy's default); never null
 * @param disposition what would happen; never null
 * @param existingId the record that would be linked, or null
 * @param values the values the target would receive, by target field: every mapped value for a new record, only
 *     the fields that would be filled or overwritten for a linked one; never null
 * @param candidates possible duplicates found; never null
 */
public record TargetPlan(
    ConversionAction action,
    Disposition disposition,
    UUID existingId,
    Map<String, CustomValue> values,
    List<DuplicateCandidate> candidates) {
  public TargetPlan {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(disposition, "disposition");
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    candidates = List.copyOf(candidates);
  }
}
