package org.crmkit.segment;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.crmkit.shared.RecordType;

/**
 * One segment dimension (for example industry, company size, region, customer type): its key, label, the values
 * it allows and the record types it applies to. Immutable.
 *
 * @param key stable identifier stored on records (letters, digits, _ and -; max 40); never null
 * @param label name shown to users; never blank
 * @param allowedValues the value keys allowed, in display order; never null, at least one, no blanks or
 *     duplicates (copied, unmodifiable)
 * @param appliesTo the record types that carry it: {@link RecordType#ACCOUNT} and/or
 *     {@link RecordType#OPPORTUNITY}; never null or empty
 */
public record SegmentDimension(String key, String label, List<String> allowedValues, Set<RecordType> appliesTo) {
  private static final Pattern KEY =
      Pattern.compile("[A-Za-z0-9_-]{1," + org.crmkit.shared.Limits.SEGMENT_KEY + "}");
  private static final Set<RecordType> SEGMENTED = EnumSet.of(RecordType.ACCOUNT, RecordType.OPPORTUNITY);

  public SegmentDimension {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(allowedValues, "allowedValues");
    Objects.requireNonNull(appliesTo, "appliesTo");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("segment dimension key '" + key + "' must be 1-40 letters, digits, _ or -");
    }
    if (label.isBlank()) {
      throw new IllegalArgumentException("segment dimension " + key + " needs a label");
    }
    LinkedHashSet<String> values = new LinkedHashSet<>();
    for (String v : allowedValues) {
      if (v == null || v.isBlank()) {
        throw new IllegalArgumentException("segment dimension " + key + " has a blank value");
      }
      if (!values.add(v)) {
        throw new IllegalArgumentException("segment dimension " + key + " lists value '" + v + "' twice");
      }
    }
    if (values.isEmpty()) {
      throw new IllegalArgumentException("segment dimension " + key + " needs at least one allowed value");
    }
    if (appliesTo.isEmpty() || !SEGMENTED.containsAll(appliesTo)) {
      throw new IllegalArgumentException(
          "segment dimension " + key + " must apply to accounts and/or opportunities, was " + appliesTo);
    }
    allowedValues = List.copyOf(values);
    appliesTo = Collections.unmodifiableSet(EnumSet.copyOf(appliesTo));
  }

  /** A dimension for both accounts and opportunities. */
  public static SegmentDimension of(String key, String label, String... allowedValues) {
    return new SegmentDimension(key, label, List.of(allowedValues), SEGMENTED);
  }

  /** This dimension restricted to the given record types. */
  public SegmentDimension onlyFor(RecordType first, RecordType... more) {
    return new SegmentDimension(key, label, allowedValues, EnumSet.of(first, more));
  }

  /** @return true when records of the type carry this dimension */
  public boolean appliesTo(RecordType type) {
    return appliesTo.contains(type);
  }

  /** @return true when the value is one of the allowed values */
  public boolean allows(String value) {
    return allowedValues.contains(value);
  }
}
