package org.crmkit.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies one Account. Other aggregates refer to a account only through this id.
 *
 * @param value the UUID; never null
 */
public record AccountId(UUID value) implements RecordId {
  public AccountId {
    Objects.requireNonNull(value, "account id");
  }

  public static AccountId of(UUID value) {
    return new AccountId(value);
  }

  /**
   * Parses the text form of a UUID.
   *
   * @throws IllegalArgumentException when the text is not a UUID
   */
  public static AccountId parse(String text) {
    return new AccountId(UUID.fromString(Objects.requireNonNull(text, "text")));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
