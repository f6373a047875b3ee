package org.crmkit.application.internal;

import java.time.YearMonth;
import java.util.Map;
import org.crmkit.customfield.CustomFields;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.ConflictException;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.Limits;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.Segments;
import org.crmkit.shared.Text;
import org.crmkit.shared.UserId;
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

  /**
   * The owner an update command names, or {@code null} when it leaves the owner as it is.
   *
   * @throws ValidationException on {@code owner} when the command names the owner with {@code null} (a command built
   *     with the canonical constructor or read from JSON can): a record always has an owner
   */
  static UserId owner(boolean named, UserId owner) {
    if (named && owner == null) {
      throw ValidationException.of("owner",
          "cannot be cleared: every record has an owner; name the new owner or leave the field out to keep it");
    }
    return named ? owner : null;
  }

  /** The first month forecasts, budgets and account cards may name (the core's one limit). */
  static final YearMonth FIRST_MONTH = Limits.MIN_MONTH;

  /** The last month forecasts, budgets and account cards may name (month arithmetic beyond it cannot overflow). */
  static final YearMonth LAST_MONTH = Limits.MAX_MONTH;

  /**
   * @throws ValidationException on {@code field} when the month is missing or outside {@link #FIRST_MONTH} ..
   *     {@link #LAST_MONTH}
   */
  static YearMonth month(String field, YearMonth month) {
    if (month == null) {
      throw ValidationException.of(field, "is required");
    }
    if (month.isBefore(FIRST_MONTH) || month.isAfter(LAST_MONTH)) {
      throw ValidationException.of(field, "must be a month from " + FIRST_MONTH + " to " + LAST_MONTH + ", was " + month);
    }
    return month;
  }

  /** Checks {@code count} consecutive months from {@code start}: the first and the last must be supported months. */
  static void months(String field, YearMonth start, int count) {
    month(field, start);
    if (count > 1 && start.plusMonths(count - 1L).isAfter(LAST_MONTH)) {
      throw ValidationException.of(field, count + " months from " + start + " would end after " + LAST_MONTH);
    }
  }

  static void checkVersion(RecordType type, Object id, Long expected, long actual) {
    if (expected != null && expected != actual) {
      throw ConflictException.staleVersion(type, id, expected, actual);
    }
  }
}
