package org.crmkit.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one Contact. Other aggregates refer to a contact only through this id.
 *
 * @param value the UUID; never null
 */
public record ContactId(UUID value) implements RecordId {
  public ContactId {
    Objects.requireNonNull(value, "contact id");
  }

  public static ContactId of(UUID value) {
    return new ContactId(value);
  }

  /**
   * Parses the text form of a UUID.
   *
   * @throws IllegalArgumentException when the text is not a UUID
   */
  public static ContactId parse(String text) {
    return new ContactId(UUID.fromString(Objects.requireNonNull(text, "text")));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
