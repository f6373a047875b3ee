package org.crmkit.forecast;

import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Money;
import org.crmkit.shared.Text;
import org.crmkit.shared.ValidationException;

/**
 * One line of a billing forecast: how much the seller expects to invoice in one calendar month. Immutable.
 *
 * @param month the invoicing month; never null
 * @param amount the expected invoice amount; never null, never negative (zero is allowed: a month explicitly
 *     planned without invoicing)
 * @param note an optional note (stripped, max 255 characters); null when absent, blank becomes null
 */
public record ForecastLine(YearMonth month, Money amount, String note) {
  /** The longest note a line may carry. */
  public static final int MAX_NOTE = Limits.NOTE;

  /**
   * @throws ValidationException naming {@code lines[YYYY-MM].amount} when the amount is negative, or
   *     {@code lines[YYYY-MM].note} when the note is too long
   */
  public ForecastLine {
    Objects.requireNonNull(month, "month");
    Objects.requireNonNull(amount, "amount");
    Limits.month("lines[" + month + "].month", month);
    if (amount.isNegative()) {
      throw ValidationException.of(field(month, "amount"), "must not be negative, was " + amount);
    }
    note = Text.multiline(field(month, "note"), note, MAX_NOTE);
  }

  /** A line without a note. */
  public static ForecastLine of(YearMonth month, Money amount) {
    return new ForecastLine(month, amount, null);
  }

  /** @return the note, if any */
  public Optional<String> noteText() {
    return Optional.ofNullable(note);
  }

  /** @return this line with another amount (same month and note) */
  public ForecastLine withAmount(Money newAmount) {
    return new ForecastLine(month, newAmount, note);
  }

  /** The field path used in validation errors about one line, e.g. {@code lines[2026-04].amount}. */
  static String field(YearMonth month, String property) {
    return "lines[" + month + "]." + property;
  }
}
