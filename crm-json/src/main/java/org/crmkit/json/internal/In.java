package org.crmkit.json.internal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crmkit.json.InvalidJsonException;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.Money;
import org.crmkit.shared.ValidationException;

/**
 * One JSON object being read as a crmkit document: typed accessors that remember which properties the document
 * defines, so {@link #end()} can refuse the ones it does not. Every problem becomes an {@link InvalidJsonException}
 * naming the property by its path.
 */
final class In {

  private final Map<String, Object> map;
  private final String path;
  private final Set<String> known = new LinkedHashSet<>();

  private In(Map<String, Object> map, String path) {
    this.map = map;
    this.path = path;
  }

  /**
   * Reads a tree value as an object.
   *
   * @param tree the value
   * @param path its path
   * @return the object to read
   */
  @SuppressWarnings("unchecked")
  public static In of(Object tree, String path) {
    if (!(tree instanceof Map)) {
      throw error(path, "must be an object, was " + kind(tree));
    }
    return new In((Map<String, Object>) tree, path);
  }

  /**
   * The raw tree value of a property, declaring it known.
   *
   * @param name the property
   * @return its tree value, or null when absent or null
   */
  public Object tree(String name) {
    known.add(name);
    return map.get(name);
  }

  /** @return the path of this object ("" for the document) */
  public String path() {
    return path;
  }

  /**
   * The path of a property of this object.
   *
   * @param name the property
   * @return its path
   */
  public String at(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  static InvalidJsonException error(String path, String message) {
    return new InvalidJsonException(List.of(new FieldError(path.isEmpty() ? "(document)" : path, message)));
  }

  static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    return "a number";
  }

  /**
   * Whether the document has this property, null or not; also declares it known.
   *
   * @param name the property
   * @return whether it is there
   */
  public boolean has(String name) {
    known.add(name);
    return map.containsKey(name);
  }

  private Object raw(String name) {
    known.add(name);
    return map.get(name);
  }

  private Object required(String name) {
    known.add(name);
    if (!map.containsKey(name)) {
      throw error(at(name), "is required");
    }
    Object v = map.get(name);
    if (v == null) {
      throw error(at(name), "is required and cannot be null");
    }
    return v;
  }

  /**
   * A required string.
   *
   * @param name the property
   * @return its value, never null
   */
  public String string(String name) {
    return asString(at(name), required(name));
  }

  /**
   * An optional string.
   *
   * @param name the property
   * @return its value, or null when absent or null
   */
  public String optString(String name) {
    Object v = raw(name);
    return v == null ? null : asString(at(name), v);
  }

  static String asString(String path, Object v) {
    if (!(v instanceof String s)) {
      throw error(path, "must be a string, was " + kind(v));
    }
    return s;
  }

  /**
   * A required boolean.
   *
   * @param name the property
   * @return its value
   */
  public boolean bool(String name) {
    return asBoolean(at(name), required(name));
  }

  /**
   * An optional boolean.
   *
   * @param name the property
   * @param otherwise the value when absent or null
   * @return its value
   */
  public boolean bool(String name, boolean otherwise) {
    Object v = raw(name);
    return v == null ? otherwise : asBoolean(at(name), v);
  }

  static boolean asBoolean(String path, Object v) {
    if (!(v instanceof Boolean b)) {
      throw error(path, "must be true or false, was " + kind(v));
    }
    return b;
  }

  /**
   * A required whole number.
   *
   * @param name the property
   * @return its value
   */
  public long integer(String name) {
    return asLong(at(name), required(name));
  }

  /**
   * A required whole number that fits an int.
   *
   * @param name the property
   * @return its value
   */
  public int smallInteger(String name) {
    return asInt(at(name), required(name));
  }

  /**
   * An optional whole number.
   *
   * @param name the property
   * @return its value, or null when absent or null
   */
  public Long optInteger(String name) {
    Object v = raw(name);
    return v == null ? null : asLong(at(name), v);
  }

  /**
   * An optional whole number that fits an int.
   *
   * @param name the property
   * @return its value, or null when absent or null
   */
  public Integer optSmallInteger(String name) {
    Object v = raw(name);
    return v == null ? null : asInt(at(name), v);
  }

  static long asLong(String path, Object v) {
    if (!(v instanceof BigDecimal d)) {
      throw error(path, "must be a whole number, was " + kind(v));
    }
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      throw error(path, "must be a whole number within 64 bits, was " + shortText(d.toString()));
    }
  }

  static int asInt(String path, Object v) {
    long value = asLong(path, v);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw error(path, "must be a whole number within 32 bits, was " + value);
    }
    return (int) value;
  }

  /**
   * A required number that is not money, read exactly (the document may give it as a number or a decimal string).
   *
   * @param name the property
   * @return its value
   */
  public BigDecimal decimal(String name) {
    return asDecimal(at(name), required(name));
  }

  static BigDecimal asDecimal(String path, Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof String s) {
      try {
        return new BigDecimal(s);
      } catch (NumberFormatException e) {
        throw error(path, "'" + shortText(s) + "' is not a decimal number (write e.g. \"12.5\")");
      }
    }
    throw error(path, "must be a decimal number written as a string (e.g. \"12.5\"), was " + kind(v));
  }

  /**
   * A required UUID.
   *
   * @param name the property
   * @return its value
   */
  public UUID uuid(String name) {
    return asUuid(at(name), required(name));
  }

  /**
   * An optional UUID.
   *
   * @param name the property
   * @return its value, or null when absent or null
   */
  public UUID optUuid(String name) {
    Object v = raw(name);
    return v == null ? null : asUuid(at(name), v);
  }

  static UUID asUuid(String path, Object v) {
    String s = asString(path, v);
    if (s.length() != 36) {
      throw error(path, "'" + shortText(s) + "' is not an id (a UUID such as 3f2c1e9a-0b7d-4c55-9a43-1d2e3f4a5b6c)");
    }
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw error(path, "'" + s + "' is not an id (a UUID such as 3f2c1e9a-0b7d-4c55-9a43-1d2e3f4a5b6c)");
    }
  }

  /**
   * A required value read from a string by a crmkit factory (an id, a user, an e-mail address).
   *
   * @param name the property
   * @param factory makes the value; its refusal becomes an error on the property
   * @param <T> the value's type
   * @return the value
   */
  public <T> T value(String name, Function<String, T> factory) {
    String s = string(name);
    return build(at(name), () -> factory.apply(s));
  }

  /**
   * An optional value read from a string by a crmkit factory.
   *
   * @param name the property
   * @param factory makes the value; its refusal becomes an error on the property
   * @param <T> the value's type
   * @return the value, or null when absent or null
   */
  public <T> T optValue(String name, Function<String, T> factory) {
    String s = optString(name);
    return s == null ? null : build(at(name), () -> factory.apply(s));
  }

  /**
   * A required ISO-8601 date (2026-03-31).
   *
   * @param name the property
   * @return the date
   */
  public LocalDate date(String name) {
    return asDate(at(name), required(name));
  }

  /**
   * An optional ISO-8601 date.
   *
   * @param name the property
   * @return the date, or null when absent or null
   */
  public LocalDate optDate(String name) {
    Object v = raw(name);
    return v == null ? null : asDate(at(name), v);
  }

  static LocalDate asDate(String path, Object v) {
    String s = asString(path, v);
    try {
      return LocalDate.parse(s);
    } catch (DateTimeException e) {
      throw error(path, "'" + shortText(s) + "' is not an ISO-8601 date (write e.g. \"2026-03-31\")");
    }
  }

  /**
   * A required ISO-8601 month (2026-03).
   *
   * @param name the property
   * @return the month
   */
  public YearMonth month(String name) {
    return asMonth(at(name), required(name));
  }

  static YearMonth asMonth(String path, Object v) {
    String s = asString(path, v);
    try {
      return YearMonth.parse(s);
    } catch (DateTimeException e) {
      throw error(path, "'" + shortText(s) + "' is not an ISO-8601 month (write e.g. \"2026-03\")");
    }
  }

  /**
   * A required ISO-8601 instant in UTC (2026-03-31T09:30:00Z).
   *
   * @param name the property
   * @return the instant
   */
  public Instant instant(String name) {
    return asInstant(at(name), required(name));
  }

  /**
   * An optional ISO-8601 instant.
   *
   * @param name the property
   * @return the instant, or null when absent or null
   */
  public Instant optInstant(String name) {
    Object v = raw(name);
    return v == null ? null : asInstant(at(name), v);
  }

  static Instant asInstant(String path, Object v) {
    String s = asString(path, v);
    try {
      return Instant.parse(s);
    } catch (DateTimeException e) {
      throw error(path, "'" + shortText(s) + "' is not an ISO-8601 instant in UTC (write e.g. "
          + "\"2026-03-31T09:30:00Z\")");
    }
  }

  /**
   * A required enum constant, by its name.
   *
   * @param name the property
   * @param type the enum
   * @param <E> the enum
   * @return the constant
   */
  public <E extends Enum<E>> E constant(String name, Class<E> type) {
    return asConstant(at(name), required(name), type);
  }

  /**
   * An optional enum constant.
   *
   * @param name the property
   * @param type the enum
   * @param <E> the enum
   * @return the constant, or null when absent or null
   */
  public <E extends Enum<E>> E optConstant(String name, Class<E> type) {
    Object v = raw(name);
    return v == null ? null : asConstant(at(name), v, type);
  }

  static <E extends Enum<E>> E asConstant(String path, Object v, Class<E> type) {
    String s = asString(path, v);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(s)) {
        return e;
      }
    }
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      names.add(e.name());
    }
    throw error(path, "'" + shortText(s) + "' is not one of " + names);
  }

  /**
   * Required money: an object with a decimal string {@code amount} and an ISO 4217 {@code currency}.
   *
   * @param name the property
   * @return the money
   */
  public Money money(String name) {
    return asMoney(at(name), required(name));
  }

  /**
   * Optional money.
   *
   * @param name the property
   * @return the money, or null when absent or null
   */
  public Money optMoney(String name) {
    Object v = raw(name);
    return v == null ? null : asMoney(at(name), v);
  }

  static Money asMoney(String path, Object v) {
    In m = of(v, path);
    Object amount = m.required("amount");
    if (!(amount instanceof String text)) {
      throw error(m.at("amount"), "must be a decimal number written as a string (e.g. \"1500.00\"), never a JSON "
          + "number, was " + kind(amount));
    }
    String currency = m.string("currency");
    m.end();
    return m.build(() -> Money.of(text, currency));
  }

  /**
   * A required nested object.
   *
   * @param name the property
   * @return the object to read
   */
  public In object(String name) {
    return of(required(name), at(name));
  }

  /**
   * An optional nested object.
   *
   * @param name the property
   * @return the object to read, or null when absent or null
   */
  public In optObject(String name) {
    Object v = raw(name);
    return v == null ? null : of(v, at(name));
  }

  /**
   * A required array, each item read by a function of (item, its path).
   *
   * @param name the property
   * @param item reads one item
   * @param <T> the item type
   * @return the items, in order
   */
  public <T> List<T> list(String name, Item<T> item) {
    return asList(at(name), required(name), item);
  }

  /**
   * An optional array; absent or null reads as empty.
   *
   * @param name the property
   * @param item reads one item
   * @param <T> the item type
   * @return the items, in order, never null
   */
  public <T> List<T> optList(String name, Item<T> item) {
    Object v = raw(name);
    return v == null ? List.of() : asList(at(name), v, item);
  }

  static <T> List<T> asList(String path, Object v, Item<T> item) {
    if (!(v instanceof List<?> raw)) {
      throw error(path, "must be an array, was " + kind(v));
    }
    List<T> out = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      String p = path + "[" + i + "]";
      Object x = raw.get(i);
      if (x == null) {
        throw error(p, "must not be null");
      }
      out.add(item.read(x, p));
    }
    return out;
  }

  /**
   * A required object read as a map: each value read by a function of (value, its path).
   *
   * @param name the property
   * @param value reads one value
   * @param <T> the value type
   * @return the entries, in document order
   */
  public <T> Map<String, T> map(String name, Item<T> value) {
    return asMap(at(name), required(name), value, false);
  }

  /**
   * An optional object read as a map; absent or null reads as null.
   *
   * @param name the property
   * @param value reads one value
   * @param nullValues whether a value may be null (then it stays null in the map)
   * @param <T> the value type
   * @return the entries, in document order, or null
   */
  public <T> Map<String, T> optMap(String name, Item<T> value, boolean nullValues) {
    Object v = raw(name);
    return v == null ? null : asMap(at(name), v, value, nullValues);
  }

  @SuppressWarnings("unchecked")
  static <T> Map<String, T> asMap(String path, Object v, Item<T> value, boolean nullValues) {
    if (!(v instanceof Map<?, ?> raw)) {
      throw error(path, "must be an object, was " + kind(v));
    }
    Map<String, T> out = new LinkedHashMap<>();
    ((Map<String, Object>) raw).forEach((k, x) -> {
      String p = path + "." + k;
      if (x == null) {
        if (!nullValues) {
          throw error(p, "must not be null");
        }
        out.put(k, null);
      } else {
        out.put(k, value.read(x, p));
      }
    });
    return out;
  }

  /**
   * Refuses the properties this document does not define. Call it after reading every property.
   */
  public void end() {
    List<String> unknown = new ArrayList<>();
    for (String k : map.keySet()) {
      if (!known.contains(k)) {
        unknown.add(k);
      }
    }
    if (!unknown.isEmpty()) {
      List<FieldError> errors = new ArrayList<>();
      for (String k : unknown) {
        errors.add(new FieldError(at(k), "is not a property of this document; its properties are " + known));
      }
      throw new InvalidJsonException(errors);
    }
  }

  /**
   * Makes a crmkit value, turning its refusal into an error on this object.
   *
   * @param make makes the value
   * @param <T> the value's type
   * @return the value
   */
  public <T> T build(Supplier<T> make) {
    return build(path, make);
  }

  static <T> T build(String path, Supplier<T> make) {
    try {
      return make.get();
    } catch (InvalidJsonException e) {
      throw e;
    } catch (ValidationException e) {
      List<FieldError> errors = new ArrayList<>();
      for (FieldError f : e.errors()) {
        errors.add(new FieldError(join(path, f.field()), f.message()));
      }
      throw new InvalidJsonException(errors);
    } catch (IllegalArgumentException | NullPointerException | DateTimeException | IllegalStateException e) {
      throw error(path, String.valueOf(e.getMessage()));
    }
  }

  private static String join(String path, String field) {
    if (path.isEmpty()) {
      return field;
    }
    String last = path.substring(path.lastIndexOf('.') + 1);
    // a value's own refusal names the value's field; do not repeat it ("amount.amount")
    return last.equals(field) ? path : path + "." + field;
  }

  static String shortText(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  /** Reads one item of an array or one value of a map. @param <T> what it reads */
  @FunctionalInterface
  public interface Item<T> {
    /**
     * Reads the value.
     *
     * @param value the tree value, never null
     * @param path its path
     * @return what it reads
     */
    T read(Object value, String path);
  }
}
