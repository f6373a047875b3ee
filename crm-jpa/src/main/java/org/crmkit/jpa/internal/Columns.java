package org.crmkit.jpa.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.crmkit.shared.EmailAddress;

/** Conversions that several entities share between a column's value and the core's. */
final class Columns {
  private Columns() {}

  /**
   * Instants are cut to microseconds on the way in, which is what {@code TIMESTAMP(6)} keeps, so an aggregate
   * returned by {@code save} equals the one loaded later.
   */
  static Instant micros(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }

  static EmailAddress email(String value) {
    return value == null ? null : EmailAddress.of(value);
  }

  static String email(EmailAddress value) {
    return value == null ? null : value.value();
  }

  static String emailNormalized(EmailAddress value) {
    return value == null ? null : value.normalized();
  }
}
