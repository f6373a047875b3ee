package org.crmkit.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.crmkit.shared.Money;

/**
 * The value of a money cell: one amount per currency, never added across currencies (unless a report converts into
 * a reporting currency: then there is at most one). Sorted by currency code; empty when no row had an amount.
 *
 * @param amounts at most one per currency; never null (copied, sorted)
 */
public record MoneySums(List<Money> amounts) {
  private static final MoneySums NONE = new MoneySums(List.of());

  public MoneySums {
    Objects.requireNonNull(amounts, "amounts");
    Map<String, Money> byCode = new TreeMap<>();
    for (Money m : amounts) {
      if (byCode.put(Objects.requireNonNull(m, "an amount").currencyCode(), m) != null) {
        throw new IllegalArgumentException("two amounts in " + m.currencyCode());
      }
    }
    amounts = Collections.unmodifiableList(new ArrayList<>(byCode.values()));
  }

  /** @return no amount */
  public static MoneySums none() {
    return NONE;
  }

  /** @return the given amounts */
  public static MoneySums of(Money... amounts) {
    return new MoneySums(List.of(amounts));
  }

  /** @return amounts from a map of currency to decimal, each rounded to its currency's decimals half up */
  public static MoneySums of(Map<Currency, BigDecimal> amounts) {
    return new MoneySums(amounts.entrySet().stream()
        .sorted(Comparator.comparing(e -> e.getKey().getCurrencyCode()))
        .map(e -> Money.rounded(e.getValue(), e.getKey()))
        .toList());
  }

  /** @return the amount in {@code currencyCode}, if any */
  public Optional<Money> in(String currencyCode) {
    return amounts.stream().filter(m -> m.currencyCode().equals(currencyCode)).findFirst();
  }

  /** @return true when there is no amount */
  public boolean isEmpty() {
    return amounts.isEmpty();
  }

  /** @return e.g. {@code 1500.00 EUR; 20.00 USD}, or an empty text */
  @Override
  public String toString() {
    return amounts.stream().map(Money::toString).collect(Collectors.joining("; "));
  }
}
