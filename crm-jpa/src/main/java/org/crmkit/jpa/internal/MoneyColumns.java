package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;
import java.util.Currency;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Money;

/**
 * An amount of money as two columns, {@code NUMERIC(19,4)} and its ISO 4217 currency code; entities rename them
 * with {@code @AttributeOverride} (e.g. {@code previous_amount}, {@code flagged_currency}). A null embedded value
 * is a null money (both columns NULL; check constraints keep them together).
 */
@Embeddable
public class MoneyColumns {
  @Column(name = "amount", precision = Limits.AMOUNT_PRECISION, scale = Limits.AMOUNT_SCALE)
  BigDecimal amount;

  @Column(name = "currency", length = Limits.CURRENCY_CODE)
  String currency;

  public MoneyColumns() {}

  /** @return the columns of {@code money}, or null for null */
  static MoneyColumns of(Money money) {
    if (money == null) {
      return null;
    }
    MoneyColumns c = new MoneyColumns();
    c.amount = money.amount();
    c.currency = money.currencyCode();
    return c;
  }

  /**
   * Money from the columns: the database returns the column's scale (10.5000), Money keeps the currency's
   * (10.50); its constructor strips the zeros and refuses real excess decimals.
   *
   * @return the money, or null when {@code columns} or its amount is null
   */
  static Money toMoney(MoneyColumns columns) {
    return columns == null ? null : money(columns.amount, columns.currency);
  }

  /** @return money from an amount and currency read by a query, or null when the amount is null */
  static Money money(BigDecimal amount, String currency) {
    return amount == null ? null : new Money(amount, Currency.getInstance(currency));
  }
}
