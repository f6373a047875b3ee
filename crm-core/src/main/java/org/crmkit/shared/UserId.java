package org.crmkit.shared;

import java.util.Objects;

/**
 * The host application's identifier of a user (an owner of records, or an actor). crmkit does not manage users;
 * it stores this id as given.
 *
 * @param value the id, not blank, at most 100 characters
 */
public record UserId(String value) {
  public UserId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank() || value.length() > 100) {
      throw new IllegalArgumentException("a user id must be 1 to 100 characters, was '" + value + "'");
    }
  }

  public static UserId of(String value) {
    return new UserId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
