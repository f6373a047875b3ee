package org.crmkit.shared;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The limits of every value crmkit stores, defined once: the core refuses input beyond them with a
 * {@link ValidationException} naming the field, on every storage, and crm-jpa's schema is sized from them (a test
 * compares the database's column sizes with these constants, so the two cannot drift apart).
 *
 * <p>Lengths count UTF-16 {@code char}s ({@link String#length()}), which is never less than the characters a
 * database counts. Texts must also be valid: see {@link Text#optional} (one line) and {@link Text#multiline}.
 */
public final class Limits {
  private Limits() {}

  // ---- dates

  /** The first supported date: every date (close dates, custom dates) lies in {@code MIN_DATE..MAX_DATE}. */
  public static final LocalDate MIN_DATE = LocalDate.of(1, 1, 1);

  /** The last supported date. */
  public static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);

  /** The first supported month (forecast and budget lines, account card ranges). */
  public static final YearMonth MIN_MONTH = YearMonth.from(MIN_DATE);

  /** The last supported month. */
  public static final YearMonth MAX_MONTH = YearMonth.from(MAX_DATE);

  // ---- amounts

  /** Significant digits of a stored amount ({@code NUMERIC(19,4)}). */
  public static final int AMOUNT_PRECISION = 19;

  /** Decimals a stored amount can hold; every ISO 4217 currency has at most this many. */
  public static final int AMOUNT_SCALE = 4;

  /** Digits before the decimal point: every amount is below 10^15 in absolute value. */
  public static final int AMOUNT_INTEGER_DIGITS = AMOUNT_PRECISION - AMOUNT_SCALE;

  /** The smallest amount too large to store: 10^15. */
  public static final BigDecimal AMOUNT_BOUND = BigDecimal.ONE.scaleByPowerOfTen(AMOUNT_INTEGER_DIGITS);

  /** Length of an ISO 4217 currency code. */
  public static final int CURRENCY_CODE = 3;

  /** Digits before the decimal point of a custom NUMBER value. */
  public static final int NUMBER_INTEGER_DIGITS = 38;

  /** Decimals of a custom NUMBER value. */
  public static final int NUMBER_SCALE = 38;

  // ---- texts, by field

  /** User ids (owners, actors). */
  public static final int USER_ID = 100;

  /** Tenant ids ({@link TenantId}). */
  public static final int TENANT_ID = 64;

  /** Names of accounts and opportunities, a lead's company. */
  public static final int NAME = 200;

  /** First and last names of people. */
  public static final int PERSON_NAME = 80;

  /** A person's job title. */
  public static final int JOB_TITLE = 120;

  /** Phone numbers. */
  public static final int PHONE = 40;

  /** Websites. */
  public static final int WEBSITE = 255;

  /** Short categories: industry, lead source, city, country. */
  public static final int CATEGORY = 80;

  /** Descriptions (multi-line). */
  public static final int DESCRIPTION = 4000;

  /** Reasons: why a lead is unqualified, why an opportunity was lost (multi-line). */
  public static final int REASON = 500;

  /** An opportunity's next step. */
  public static final int NEXT_STEP = 255;

  /** A forecast line's note (multi-line). */
  public static final int NOTE = 255;

  /** E-mail addresses, as given and in lower case. */
  public static final int EMAIL = 254;

  /** Keys of sales stages and lead statuses. */
  public static final int KEY = 40;

  /** Ids of conversion policies and workflow rules. */
  public static final int RULE_ID = 100;

  // ---- segments

  /** Length of a segment dimension key. */
  public static final int SEGMENT_KEY = 40;

  /** Length of a segment value. */
  public static final int SEGMENT_VALUE = 80;

  /** How many segment dimensions a record can carry. */
  public static final int SEGMENT_DIMENSIONS = 16;

  // ---- custom fields

  /** Length of a custom field key. */
  public static final int CUSTOM_FIELD_KEY = 60;

  /** Length of a custom TEXT value (multi-line), and the largest max length a text field can declare. */
  public static final int CUSTOM_TEXT = 4000;

  /** How many custom values a record can carry. */
  public static final int CUSTOM_FIELDS = 100;

  /** The keys and values (as text) of one record's custom values together. */
  public static final int CUSTOM_FIELDS_TOTAL = 30_000;

  // ---- search

  /** Length of an account name's search form ({@link Text#fold}), which can be longer than the name itself. */
  public static final int FOLDED_NAME = 4 * NAME;

  /**
   * @param field the field path for the error
   * @param date a date, or null
   * @return {@code date}
   * @throws ValidationException when the date lies outside {@link #MIN_DATE}..{@link #MAX_DATE}
   */
  public static LocalDate date(String field, LocalDate date) {
    if (date != null && (date.isBefore(MIN_DATE) || date.isAfter(MAX_DATE))) {
      throw ValidationException.of(field, "must lie between " + MIN_DATE + " and " + MAX_DATE + ", was " + date);
    }
    return date;
  }

  /**
   * @param field the field path for the error
   * @param month a month, or null
   * @return {@code month}
   * @throws ValidationException when the month lies outside {@link #MIN_MONTH}..{@link #MAX_MONTH}
   */
  public static YearMonth month(String field, YearMonth month) {
    if (month != null && (month.isBefore(MIN_MONTH) || month.isAfter(MAX_MONTH))) {
      throw ValidationException.of(field, "must lie between " + MIN_MONTH + " and " + MAX_MONTH + ", was " + month);
    }
    return month;
  }

  /**
   * For queries: a date limited to the supported range, so that a search from {@link LocalDate#MIN} to
   * {@link LocalDate#MAX} means "every date" on every storage.
   *
   * @param date a date, or null
   * @return the date moved into {@link #MIN_DATE}..{@link #MAX_DATE}; null for null
   */
  public static LocalDate clamp(LocalDate date) {
    if (date == null) {
      return null;
    }
    return date.isBefore(MIN_DATE) ? MIN_DATE : date.isAfter(MAX_DATE) ? MAX_DATE : date;
  }
}
