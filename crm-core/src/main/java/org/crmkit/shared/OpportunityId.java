package org.crmkit.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one Opportunity. Other aggregates refer to a opportunity only through this id.
 *
 * @param value the UUID; never null
 */
public record OpportunityId(UUID value) implements RecordId {
  public OpportunityId {
    Objects.requireNonNull(value, "opportunity id");
  }

  public static OpportunityId of(UUID value) {
    return new OpportunityId(value);
  }

  /**
   * Parses the text form of a UUID.
   *
   * @throws IllegalArgumentException when the text is not a UUID
   */
  public static OpportunityId parse(String text) {
    return new OpportunityId(UUID.fromString(Objects.requireNonNull(text, "text")));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
