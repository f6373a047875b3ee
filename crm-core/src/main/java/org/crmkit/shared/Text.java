package org.crmkit.shared;

import java.util.Optional;

/** Small helpers for optional text fields: blank means absent. Not part of the public API promise. */
public final class Text {
  private Text() {}

  /** @return the stripped value, or null when null or blank */
  public static String clean(String value) {
    if (value == null) {
      return null;
    }
    String s = value.strip();
    return s.isEmpty() ? null : s;
  }

  /** Checks an optional text's length after cleaning; returns the cleaned value. */
  public static String optional(String field, String value, int maxLength) {
    String s = clean(value);
    if (s != null && s.length() > maxLength) {
      throw ValidationException.of(field, "must be at most " + maxLength + " characters, was " + s.length());
    }
    return s;
  }

  /** Checks a required text; returns the cleaned value. */
  public static String required(String field, String value, int maxLength) {
    String s = optional(field, value, maxLength);
    if (s == null) {
      throw ValidationException.of(field, "is required");
    }
    return s;
  }

  public static Optional<String> opt(String value) {
    return Optional.ofNullable(value);
  }
}
