package org.crmkit.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one Lead. Other aggregates refer to a lead only through this id.
 *
 * @param value the UUID; never null
 */
public record LeadId(UUID value) implements RecordId {
  public LeadId {
    Objects.requireNonNull(value, "lead id");
  }

  public static LeadId of(UUID value) {
    return new LeadId(value);
  }

  /**
   * Parses the text form of a UUID.
   *
   * @throws IllegalArgumentException when the text is not a UUID
   */
  public static LeadId parse(String text) {
    return new LeadId(UUID.fromString(Objects.requireNonNull(text, "text")));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
