package org.crmkit.customfield;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Money;
import org.crmkit.shared.Text;
import org.crmkit.shared.ValidationException;

/**
 * The value of one custom field. Each variant carries exactly one Java type; {@link #type()} says which.
 * Immutable. Values are bounded by {@link Limits} when created, so every storage keeps them: texts have at most
 * {@link Limits#CUSTOM_TEXT} characters of valid text (line breaks and tabs allowed), numbers at most
 * {@link Limits#NUMBER_INTEGER_DIGITS} digits before and {@link Limits#NUMBER_SCALE} after the point, dates lie in
 * the supported range; a value beyond them is refused with a {@link ValidationException} naming {@code value}.
 */
public sealed interface CustomValue {

  /** @return the field type this value belongs to */
  FieldType type();

  /** @return the value as plain text (ISO formats for dates, plain decimals, "AMOUNT CUR" for money) */
  String asText();

  static CustomValue text(String value) {
    return new TextValue(value);
  }

  static CustomValue number(BigDecimal value) {
    return new NumberValue(value);
  }

  static CustomValue number(String value) {
    return new NumberValue(decimal(value));
  }

  /** Parses a decimal number; a text that is none is refused with a field error, not a NumberFormatException. */
  private static BigDecimal decimal(String text) {
    java.util.Objects.requireNonNull(text, "value");
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw ValidationException.of("value", "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
          + "' is not a decimal number (write e.g. 12.5)");
    }
  }

  static CustomValue money(Money value) {
    return new MoneyValue(value);
  }

  static CustomValue date(LocalDate value) {
    return new DateValue(value);
  }

  static CustomValue bool(boolean value) {
    return new BooleanValue(value);
  }

  static CustomValue picklist(String value) {
    return new PicklistValue(value);
  }

  /** Text. @param value never null */
  record TextValue(String value) implements CustomValue {
    public TextValue {
      Objects.requireNonNull(value, "value");
      Text.exact("value", value, Limits.CUSTOM_TEXT, true);
    }

    @Override
    public FieldType type() {
      return FieldType.TEXT;
    }

    @Override
    public String asText() {
      return value;
    }
  }

  /** A decimal number. @param value never null */
  record NumberValue(BigDecimal value) implements CustomValue {
    public NumberValue {
      Objects.requireNonNull(value, "value");
      if (value.signum() != 0
          && (long) value.precision() - value.scale() > Limits.NUMBER_INTEGER_DIGITS) {
        throw ValidationException.of("value", "must have at most " + Limits.NUMBER_INTEGER_DIGITS
            + " digits before the decimal point, was " + value);
      }
      if (value.scale() > Limits.NUMBER_SCALE) {
        throw ValidationException.of("value", "must have at most " + Limits.NUMBER_SCALE
            + " decimal places, was " + value);
      }
    }

    @Override
    public FieldType type() {
      return FieldType.NUMBER;
    }

    @Override
    public String asText() {
      return value.toPlainString();
    }
  }

  /** Money. @param value never null */
  record MoneyValue(Money value) implements CustomValue {
    public MoneyValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public FieldType type() {
      return FieldType.MONEY;
    }

    @Override
    public String asText() {
      return value.toString();
    }
  }

  /** A date. @param value never null */
  record DateValue(LocalDate value) implements CustomValue {
    public DateValue {
      Objects.requireNonNull(value, "value");
      Limits.date("value", value);
    }

    @Override
    public FieldType type() {
      return FieldType.DATE;
    }

    @Override
    public String asText() {
      return value.toString();
    }
  }

  /** A boolean. */
  record BooleanValue(boolean value) implements CustomValue {
    @Override
    public FieldType type() {
      return FieldType.BOOLEAN;
    }

    @Override
    public String asText() {
      return Boolean.toString(value);
    }
  }

  /** A picklist choice. @param value never null */
  record PicklistValue(String value) implements CustomValue {
    public PicklistValue {
      Objects.requireNonNull(value, "value");
      Text.exact("value", value, Limits.CUSTOM_TEXT, false);
    }

    @Override
    public FieldType type() {
      return FieldType.PICKLIST;
    }

    @Override
    public String asText() {
      return value;
    }
  }

  /**
   * Parses text produced by {@link #asText()} back into a value of the given type (adapters use it to store
   * custom values in one text column).
   */
  static CustomValue parse(FieldType type, String text) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(text, "text");
    return switch (type) {
      case TEXT -> text(text);
      case NUMBER -> number(decimal(text));
      case MONEY -> {
        int space = text.lastIndexOf(' ');
        if (space < 0) {
          throw new IllegalArgumentException("money text must be 'AMOUNT CUR', was '" + text + "'");
        }
        yield money(Money.of(text.substring(0, space), text.substring(space + 1)));
      }
      case DATE -> date(LocalDate.parse(text));
      case BOOLEAN -> bool(Boolean.parseBoolean(text));
      case PICKLIST -> picklist(text);
    };
  }
}
