package org.crmkit.shared;

import java.util.Objects;

/**
 * The host application's identifier of a user (an owner of records, or an actor). crmkit does not manage users;
 * it stores this id as given.
 *
 * @param value the id, not blank, at most {@link Limits#USER_ID} characters, one line of valid text
 */
public record UserId(String value) {
  public UserId {
    Objects.requireNonNull(value, "value");
    if (value.isBlank() || value.length() > Limits.USER_ID) {
      throw new IllegalArgumentException("a user id must be 1 to " + Limits.USER_ID + " characters, was '"
          + (value.length() > Limits.USER_ID ? value.substring(0, Limits.USER_ID) + "..." : value) + "'");
    }
    String problem = Text.invalidCharacter(value, false);
    if (problem != null) {
      throw new IllegalArgumentException("a user id must be valid one-line text: it " + problem);
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
