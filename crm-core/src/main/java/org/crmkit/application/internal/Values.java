package org.crmkit.application.internal;

import java.util.Map;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Segments;
import org.crmkit.shared.Text;
import org.crmkit.shared.ValidationException;

/** Turns command values into domain values, reporting problems as field errors. */
final class Values {
  private Values() {}

  static EmailAddress email(String field, String text) {
    String clean = Text.clean(text);
    if (clean == null) {
      return null;
    }
    try {
      return EmailAddress.of(clean);
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(field, e.getMessage());
    }
  }

  static CustomFields customFields(Map<String, CustomValue> values) {
    if (values == null) {
      return CustomFields.empty();
    }
    try {
      return CustomFields.of(values);
    } catch (NullPointerException e) {
      throw ValidationException.of("customFields", "keys and values must not be null");
    }
  }

  static Segments segments(Map<String, String> values) {
    if (values == null) {
      return Segments.none();
    }
    try {
      return Segments.of(values);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ValidationException.of("segments", "dimension and value must not be blank");
    }
  }

  /** The value an update command names, or the current one when the command leaves the field as it is. */
  static <T> T pick(boolean changes, T value, T current) {
    return changes ? value : current;
  }

  static void checkVersion(RecordType type, Object id, Long expected, long actual) {
    if (expected != null && expected != actual) {
      throw ConflictException.staleVersion(type, id, expected, actual);
    }
  }
}
