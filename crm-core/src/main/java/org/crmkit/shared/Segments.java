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
 * @param values dimension to value; never null, no null or blank keys or values
 */
public record Segments(Map<String, String> values) {
  private static final Segments NONE = new Segments(Map.of());

  public Segments {
    Objects.requireNonNull(values, "values");
    TreeMap<String, String> copy = new TreeMap<>();
    values.forEach(
        (k, v) -> {
          if (k == null || k.isBlank() || v == null || v.isBlank()) {
            throw new IllegalArgumentException("segment dimension and value must not be blank: " + k + "=" + v);
          }
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
