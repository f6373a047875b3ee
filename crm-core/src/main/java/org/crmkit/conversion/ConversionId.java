package org.crmkit.conversion;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one {@link ConversionRecord}.
 *
 * @param value the UUID; never null
 */
public record ConversionId(UUID value) {
  public ConversionId {
    Objects.requireNonNull(value, "conversion id");
  }

  public static ConversionId of(UUID value) {
    return new ConversionId(value);
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
