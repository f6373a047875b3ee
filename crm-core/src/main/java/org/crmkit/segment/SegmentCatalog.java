package org.crmkit.segment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Segments;
import org.crmkit.shared.ValidationException;

/**
 * The segment dimensions configured for one CRM, and the check of a record's segment values against them.
 * Immutable and thread-safe. Configure it with {@code Crm.builder().segments(SegmentCatalog.of(...))}.
 *
 * <p>Two kinds exist. A <em>configured</em> catalog ({@link #of}) accepts only its dimensions, each only on the
 * record types it applies to, and only its allowed values. The {@link #unrestricted()} catalog, the default when
 * none is configured, accepts any dimension and value (so segments can be used before they are designed).
 */
public final class SegmentCatalog {
  private static final SegmentCatalog UNRESTRICTED = new SegmentCatalog(List.of(), false);
  private final Map<String, SegmentDimension> dimensions;
  private final boolean restricted;

  private SegmentCatalog(Collection<SegmentDimension> dimensions, boolean restricted) {
    Map<String, SegmentDimension> map = new LinkedHashMap<>();
    for (SegmentDimension d : dimensions) {
      Objects.requireNonNull(d, "dimension");
      if (map.putIfAbsent(d.key(), d) != null) {
        throw new IllegalArgumentException("segment dimension " + d.key() + " is defined twice");
      }
    }
    this.dimensions = java.util.Collections.unmodifiableMap(map);
    this.restricted = restricted;
  }

  /** The default: no dimensions configured, any dimension and value accepted. */
  public static SegmentCatalog unrestricted() {
    return UNRESTRICTED;
  }

  /**
   * A catalog of exactly these dimensions (none at all means records may carry no segments).
   *
   * @throws IllegalArgumentException when a dimension key appears twice
   */
  public static SegmentCatalog of(Collection<SegmentDimension> dimensions) {
    return new SegmentCatalog(List.copyOf(dimensions), true);
  }

  /** @see #of(Collection) */
  public static SegmentCatalog of(SegmentDimension... dimensions) {
    return of(List.of(dimensions));
  }

  /** @return false for {@link #unrestricted()} */
  public boolean restricted() {
    return restricted;
  }

  /** @return the dimensions in configuration order; empty when unrestricted */
  public Collection<SegmentDimension> dimensions() {
    return dimensions.values();
  }

  /** @return the dimensions records of the type carry, in configuration order */
  public List<SegmentDimension> dimensions(RecordType type) {
    return dimensions.values().stream().filter(d -> d.appliesTo(type)).toList();
  }

  public Optional<SegmentDimension> dimension(String key) {
    return Optional.ofNullable(dimensions.get(key));
  }

  /** @return true when records of the type may carry the dimension (always true when unrestricted) */
  public boolean carries(RecordType type, String dimension) {
    return !restricted || (dimensions.containsKey(dimension) && dimensions.get(dimension).appliesTo(type));
  }

  /**
   * Checks a record's segment values: every dimension known and applying to the record type, every value
   * allowed.
   *
   * @param type the record type (account or opportunity); never null
   * @param segments the values; never null
   * @throws ValidationException listing every problem, with field paths {@code segments.DIMENSION}
   */
  public void validate(RecordType type, Segments segments) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(segments, "segments");
    if (!restricted) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    segments.values().forEach((key, value) -> {
      String path = "segments." + key;
      SegmentDimension d = dimensions.get(key);
      if (d == null) {
        errors.add(new FieldError(path, "is not a segment dimension; known dimensions are " + dimensions.keySet()));
      } else if (!d.appliesTo(type)) {
        errors.add(new FieldError(path, "does not apply to " + type.label() + " records (only to "
            + d.appliesTo().stream().map(RecordType::label).toList() + ")"));
      } else if (!d.allows(value)) {
        errors.add(new FieldError(path, "'" + value + "' is not one of " + d.allowedValues()));
      }
    });
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  /**
   * The values a new record of {@code type} takes from another record by default: those of {@code source} whose
   * dimension applies to {@code type}, overridden by {@code given} dimension by dimension.
   *
   * @param type the new record's type; never null
   * @param given the values given for the new record; never null
   * @param source the values of the record it comes from (for example its account); never null
   * @return the merged values; never null
   */
  public Segments inherit(RecordType type, Segments given, Segments source) {
    if (source.isEmpty()) {
      return Objects.requireNonNull(given, "given"); // nothing to inherit: the given values as they are (already checked)
    }
    Map<String, String> merged = new LinkedHashMap<>();
    source.values().forEach((k, v) -> {
      if (carries(type, k)) {
        merged.put(k, v);
      }
    });
    merged.putAll(given.values());
    return Segments.of(merged);
  }
}
