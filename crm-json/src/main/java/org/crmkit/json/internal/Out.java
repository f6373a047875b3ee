package org.crmkit.json.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.crmkit.conversion.ConversionId;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.EmailAddress;
import org.crmkit.shared.Money;
import org.crmkit.shared.Probability;
import org.crmkit.shared.RecordId;
import org.crmkit.shared.UserId;

/**
 * One JSON object being written: a map in property order. {@code put} leaves a null value out (absent means
 * "none" in every crmkit document); {@code putNull} writes an explicit null (an update command's "clear").
 */
final class Out {

  private final Map<String, Object> map = new LinkedHashMap<>();

  /** @return a new, empty object */
  public static Out object() {
    return new Out();
  }

  /** @return the tree value */
  public Map<String, Object> tree() {
    return map;
  }

  /**
   * Writes a property, converting crmkit values to their JSON form; null leaves it out.
   *
   * @param name the property
   * @param value the value
   * @return this
   */
  public Out put(String name, Object value) {
    Object v = value instanceof Optional<?> o ? o.orElse(null) : value;
    if (v != null) {
      map.put(name, simple(v));
    }
    return this;
  }

  /**
   * Writes a property as given, an explicit null included.
   *
   * @param name the property
   * @param value the value, may be null
   * @return this
   */
  public Out putNull(String name, Object value) {
    map.put(name, value == null ? null : simple(value));
    return this;
  }

  /**
   * Writes a list of items through a function.
   *
   * @param name the property
   * @param items the items, never null
   * @param item writes one
   * @param <T> the item type
   * @return this
   */
  public <T> Out list(String name, Collection<T> items, Function<? super T, Object> item) {
    List<Object> out = new ArrayList<>(items.size());
    for (T t : items) {
      out.add(item.apply(t));
    }
    map.put(name, out);
    return this;
  }

  /**
   * The JSON form of a simple crmkit value: ids, users and e-mail addresses as strings, dates as ISO-8601, money
   * as an object with a decimal string, a probability as its whole percent, a custom value in its type's form.
   *
   * @param v the value, never null
   * @return its tree value
   */
  public static Object simple(Object v) {
    if (v instanceof String || v instanceof Boolean || v instanceof Map || v instanceof List) {
      return v;
    }
    if (v instanceof Integer || v instanceof Long || v instanceof java.math.BigDecimal) {
      return v;
    }
    if (v instanceof Money m) {
      return money(m);
    }
    if (v instanceof Probability p) {
      return p.percent();
    }
    if (v instanceof Enum<?> e) {
      return e.name();
    }
    if (v instanceof CustomValue c) {
      return custom(c);
    }
    if (v instanceof LocalDate || v instanceof YearMonth || v instanceof Instant || v instanceof UUID) {
      return v.toString();
    }
    if (v instanceof java.util.Currency c) {
      return c.getCurrencyCode();
    }
    if (v instanceof RecordId || v instanceof UserId || v instanceof EmailAddress || v instanceof ConversionId) {
      return v.toString();
    }
    throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
  }

  /**
   * Money: {@code {"amount": "1500.00", "currency": "EUR"}}, the amount a decimal string with the currency's
   * decimals.
   *
   * @param m the money, never null
   * @return its tree value
   */
  public static Map<String, Object> money(Money m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("amount", m.amount().toPlainString());
    out.put("currency", m.currencyCode());
    return out;
  }

  /**
   * A custom value in its type's form: text and picklist as a string, a number as a decimal string, money as money,
   * a date as ISO-8601, a boolean as true or false.
   *
   * @param c the value, never null
   * @return its tree value
   */
  public static Object custom(CustomValue c) {
    if (c instanceof CustomValue.TextValue t) {
      return t.value();
    }
    if (c instanceof CustomValue.PicklistValue p) {
      return p.value();
    }
    if (c instanceof CustomValue.NumberValue n) {
      return n.value().toPlainString();
    }
    if (c instanceof CustomValue.MoneyValue m) {
      return money(m.value());
    }
    if (c instanceof CustomValue.DateValue d) {
      return d.value().toString();
    }
    return ((CustomValue.BooleanValue) c).value();
  }

  /**
   * A number with decimals that is not money (a similarity score) as a decimal string: no document holds a JSON
   * number with a fraction, so no client reads one through a binary floating point by accident.
   *
   * @param value the number
   * @return its tree value, the shortest decimal that reads back as the same double
   */
  public static String decimal(double value) {
    return BigDecimal.valueOf(value).toPlainString();
  }
}
