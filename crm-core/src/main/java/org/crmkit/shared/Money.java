package org.crmkit.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money in one currency. Immutable; never uses floating point.
 *
 * <p>The amount is kept at the currency's number of decimals (2 for EUR, 0 for JPY, 3 for BHD); creating money
 * with more decimals than the currency has is an error rather than a silent rounding. Every amount is below
 * {@link Limits#AMOUNT_BOUND} (10^15) in absolute value, what every storage keeps; the bound is checked before any
 * arithmetic, so even {@code "1E+100000000"} is refused at once. Arithmetic between two amounts requires the same
 * currency; a result beyond the bound is refused too.
 *
 * @param amount the amount, scaled to the currency's decimals; never null
 * @param currency the currency; never null
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  /**
   * @throws ValidationException naming {@code amount} when the amount is 10^15 or more in absolute value or has
   *     more decimals than the currency
   */
  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    requireBounded(amount);
    int digits = fractionDigits(currency);
    // Only an amount written with more decimals than the currency has can have too many that are not zero; the
    // common case (the currency's scale, e.g. the sum of two amounts) needs no stripped copy.
    if (amount.scale() > digits && amount.stripTrailingZeros().scale() > digits) {
      throw ValidationException.of("amount",
          "amount "
              + shortText(amount)
              + " has more decimals than "
              + currency.getCurrencyCode()
              + " allows ("
              + digits
              + "); round it first, for example with Money.rounded(...)");
    }
    amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
  }

  /** Decimal places beyond which an amount is refused before its zeros are even looked at. */
  private static final int MAX_WRITTEN_DECIMALS = 32;

  /**
   * Refuses amounts whose integer part has more than {@link Limits#AMOUNT_INTEGER_DIGITS} digits or that are
   * written with more than 32 decimal places, looking only at precision and scale (cheap for any BigDecimal),
   * before anything computes with them.
   */
  private static void requireBounded(BigDecimal amount) {
    requireIntegerDigits(amount);
    if (amount.scale() > MAX_WRITTEN_DECIMALS) {
      throw ValidationException.of("amount", "is written with " + amount.scale() + " decimal places; at most "
          + MAX_WRITTEN_DECIMALS + " are accepted (and no currency has more than " + Limits.AMOUNT_SCALE
          + " that are not zero), was " + shortText(amount));
    }
  }

  private static void requireIntegerDigits(BigDecimal amount) {
    if (amount.signum() != 0 && (long) amount.precision() - amount.scale() > Limits.AMOUNT_INTEGER_DIGITS) {
      throw ValidationException.of("amount", "must be less than 10^" + Limits.AMOUNT_INTEGER_DIGITS
          + " (1,000,000,000,000,000) in absolute value, was " + shortText(amount));
    }
  }

  /** The amount as text for a message, never a million digits long. */
  private static String shortText(BigDecimal amount) {
    return (long) amount.precision() - amount.scale() > 40 || amount.scale() > 40
        ? amount.toString()
        : amount.toPlainString();
  }

  /**
   * Money from a decimal string and an ISO 4217 code, e.g. {@code Money.of("1500.00", "EUR")}.
   *
   * @throws ValidationException naming {@code amount} when the text is not a decimal number or out of bounds
   */
  public static Money of(String amount, String currencyCode) {
    Objects.requireNonNull(amount, "amount");
    BigDecimal value;
    try {
      value = new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw ValidationException.of("amount", "'" + (amount.length() > 40 ? amount.substring(0, 40) + "..." : amount)
          + "' is not a decimal number (write e.g. 1500.00)");
    }
    return new Money(value, currency(currencyCode));
  }

  /** Money from an amount and an ISO 4217 code. */
  public static Money of(BigDecimal amount, String currencyCode) {
    return new Money(amount, currency(currencyCode));
  }

  /** Money rounded half-even to the currency's decimals (for computed amounts such as rescaled forecast lines). */
  public static Money rounded(BigDecimal amount, Currency currency) {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    requireIntegerDigits(amount);
    int digits = fractionDigits(currency);
    if (amount.scale() - amount.precision() > digits + 1) {
      // below half of the smallest unit: zero, without dividing by a huge power of ten
      return new Money(BigDecimal.ZERO, currency);
    }
    return new Money(amount.setScale(fractionDigits(currency), RoundingMode.HALF_EVEN), currency);
  }

  /** Zero in the given currency. */
  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /** Zero in the currency with the given ISO 4217 code. */
  public static Money zero(String currencyCode) {
    return zero(currency(currencyCode));
  }

  /** @return the ISO 4217 code of the currency */
  public String currencyCode() {
    return currency.getCurrencyCode();
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  /**
   * This amount times a percentage, rounded half up (away from zero) to the currency's decimals: the weighted
   * amount of an opportunity or a forecast line. Half up is what SQL's {@code ROUND} does, so weighted sums computed
   * in a database agree with this method to the cent.
   */
  public Money percent(Probability probability) {
    BigDecimal exact = amount.multiply(BigDecimal.valueOf(probability.percent())).movePointLeft(2);
    return new Money(exact.setScale(fractionDigits(currency), RoundingMode.HALF_UP), currency);
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  private void requireSameCurrency(Money other) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "cannot combine "
              + currency.getCurrencyCode()
              + " with "
              + other.currency.getCurrencyCode()
              + "; convert to one currency first");
    }
  }

  /** The decimals used for the currency; pseudo-currencies without decimals use 2. */
  public static int fractionDigits(Currency currency) {
    int digits = currency.getDefaultFractionDigits();
    return digits < 0 ? 2 : digits;
  }

  private static Currency currency(String code) {
    Objects.requireNonNull(code, "currencyCode");
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw ValidationException.of("currency",
          "'" + code + "' is not an ISO 4217 currency code (use e.g. EUR, USD, JPY)");
    }
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
