package org.crmkit.shared;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Segment values of a record: segment dimension key to value key (for example {@code industry -> retail}).
 * Immutable, sorted by dimension. Which dimensions and values exist is configuration, checked by the use cases.
 *
 * @param values dimension to value; never null, no null or blank keys or values; at most
 *     {@link Limits#SEGMENT_DIMENSIONS} dimensions, keys of at most {@link Limits#SEGMENT_KEY} and values of at most
 *     {@link Limits#SEGMENT_VALUE} characters of one-line text
 */
public record Segments(Map<String, String> values) {
  private static final Segments NONE = new Segments(Map.of());

  /** @throws ValidationException naming {@code segments} or {@code segments.DIMENSION} for values beyond the limits */
  public Segments {
    Objects.requireNonNull(values, "values");
    if (values.size() > Limits.SEGMENT_DIMENSIONS) {
      throw ValidationException.of("segments", "at most " + Limits.SEGMENT_DIMENSIONS + " dimensions, were "
          + values.size());
    }
    TreeMap<String, String> copy = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k == null || k.isBlank() || v == null || v.isBlank()) {
            throw new IllegalArgumentException("segment dimension and value must not be blank: " + k + "=" + v);
          }
          Text.exact("segments", k, Limits.SEGMENT_KEY, false);
          Text.exact("segments." + k, v, Limits.SEGMENT_VALUE, false);
          copy.put(k, v);
        });
    values = Collections.unmodifiableMap(copy);
  }

  public static Segments none() {
    return NONE;
  }

  public static Segments of(Map<String, String> values) {
    return new Segments(values);
  }

  public Optional<String> get(String dimension) {
    return Optional.ofNullable(values.get(dimension));
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }
}
