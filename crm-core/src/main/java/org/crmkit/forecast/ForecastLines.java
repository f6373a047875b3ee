package org.crmkit.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.crmkit.shared.Money;
import org.crmkit.shared.ValidationException;

/**
 * Ways to make forecast lines: split an amount evenly, repeat an amount, and rescale lines to a new total. Pure
 * functions on values; every result is exact to the currency's smallest unit (cents for EUR, yen for JPY, fils
 * for BHD).
 */
public final class ForecastLines {
  /** The most months a helper spreads over (50 years). */
  public static final int MAX_MONTHS = 600;

  private ForecastLines() {}

  /**
   * Splits {@code total} evenly over {@code months} consecutive months from {@code start}. Every line but the last
   * gets the total divided by the number of months, rounded down to the currency's decimals; the last line gets
   * the remainder, so the lines add up to exactly {@code total}. Example: 100.00 EUR over 3 months gives 33.33,
   * 33.33, 33.34; 0.01 EUR over 2 gives 0.00, 0.01.
   *
   * @param total the amount to split; never null, not negative
   * @param start the first month; never null
   * @param months how many months, 1 to {@link #MAX_MONTHS}
   * @return the lines, in month order, without notes; never null
   * @throws ValidationException naming {@code total} or {@code months} when out of range
   */
  public static List<ForecastLine> splitEvenly(Money total, YearMonth start, int months) {
    Objects.requireNonNull(total, "total");
    Objects.requireNonNull(start, "start");
    checkMonths(months);
    if (total.isNegative()) {
      throw ValidationException.of("total", "must not be negative, was " + total);
    }
    BigDecimal each = total.amount().divide(BigDecimal.valueOf(months), total.amount().scale(), RoundingMode.DOWN);
    Money share = new Money(each, total.currency());
    List<ForecastLine> lines = new ArrayList<>(months);
    Money allocated = Money.zero(total.currency());
    for (int i = 0; i < months - 1; i++) {
      lines.add(ForecastLine.of(start.plusMonths(i), share));
      allocated = allocated.plus(share);
    }
    lines.add(ForecastLine.of(start.plusMonths(months - 1L), total.minus(allocated)));
    return List.copyOf(lines);
  }

  /**
   * Repeats {@code amount} for {@code months} consecutive months from {@code start} (a monthly fee).
   *
   * @param amount the monthly amount; never null, not negative
   * @param start the first month; never null
   * @param months how many months, 1 to {@link #MAX_MONTHS}
   * @return the lines, in month order, without notes; never null
   * @throws ValidationException naming {@code amount} or {@code months} when out of range
   */
  public static List<ForecastLine> repeat(Money amount, YearMonth start, int months) {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(start, "start");
    checkMonths(months);
    if (amount.isNegative()) {
      throw ValidationException.of("amount", "must not be negative, was " + amount);
    }
    List<ForecastLine> lines = new ArrayList<>(months);
    for (int i = 0; i < months; i++) {
      lines.add(ForecastLine.of(start.plusMonths(i), amount));
    }
    return List.copyOf(lines);
  }

  /**
   * Scales lines so that they add up to {@code newTotal}, keeping their proportions (and notes). Each line is
   * scaled exactly, rounded down to the currency's decimals, and the units left over go one each to the lines with
   * the largest cut-off remainders (the later month first on ties). No line becomes negative; the result adds up
   * to exactly {@code newTotal}.
   *
   * @param lines the lines to scale, all in the currency of {@code newTotal}, adding up to more than zero
   * @param newTotal the total wanted; never null, not negative
   * @return the scaled lines in the order given; never null
   * @throws IllegalArgumentException when the lines add up to zero, or currencies differ
   */
  public static List<ForecastLine> rescale(List<ForecastLine> lines, Money newTotal) {
    Objects.requireNonNull(lines, "lines");
    Objects.requireNonNull(newTotal, "newTotal");
    if (newTotal.isNegative()) {
      throw new IllegalArgumentException("cannot rescale to a negative total " + newTotal);
    }
    Money oldTotal = total(lines).orElseThrow(() -> new IllegalArgumentException("no lines to rescale"));
    if (oldTotal.isZero()) {
      throw new IllegalArgumentException("cannot rescale lines that add up to zero");
    }
    if (!oldTotal.currency().equals(newTotal.currency())) {
      throw new IllegalArgumentException(
          "cannot rescale " + oldTotal.currencyCode() + " lines to a total in " + newTotal.currencyCode());
    }
    int scale = newTotal.amount().scale();
    BigDecimal unit = BigDecimal.ONE.movePointLeft(scale);
    BigDecimal[] floors = new BigDecimal[lines.size()];
    BigDecimal[] remainders = new BigDecimal[lines.size()];
    BigDecimal allocated = BigDecimal.ZERO;
    for (int i = 0; i < lines.size(); i++) {
      BigDecimal exact = lines.get(i).amount().amount().multiply(newTotal.amount());
      BigDecimal[] qr = exact.divideAndRemainder(oldTotal.amount().multiply(unit));
      floors[i] = qr[0].multiply(unit).setScale(scale, RoundingMode.UNNECESSARY);
      remainders[i] = qr[1];
      allocated = allocated.add(floors[i]);
    }
    long leftover = newTotal.amount().subtract(allocated).movePointRight(scale).longValueExact();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.<Integer, BigDecimal>comparing(i -> remainders[i]).reversed()
        .thenComparing(Comparator.<Integer>reverseOrder()));
    for (int k = 0; k < leftover; k++) {
      int i = order.get(k);
      floors[i] = floors[i].add(unit);
    }
    List<ForecastLine> result = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      result.add(lines.get(i).withAmount(new Money(floors[i], newTotal.currency())));
    }
    return List.copyOf(result);
  }

  /**
   * @return the sum of the lines' amounts, or empty for no lines
   * @throws IllegalArgumentException when the lines are in different currencies
   */
  public static java.util.Optional<Money> total(Collection<ForecastLine> lines) {
    return lines.stream().map(ForecastLine::amount).reduce(Money::plus);
  }

  private static void checkMonths(int months) {
    if (months < 1 || months > MAX_MONTHS) {
      throw ValidationException.of("months", "must be 1 to " + MAX_MONTHS + ", was " + months);
    }
  }
}
