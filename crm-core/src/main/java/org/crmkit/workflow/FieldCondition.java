package org.crmkit.workflow;

import java.util.Locale;
import org.crmkit.shared.ConfigurationException;

/**
 * One test of a record's field value after the change, compared as text: plain data.
 *
 * @param field a field name of the rule's record type; never null
 * @param operator never null
 * @param value the value to compare with; required for EQUALS, NOT_EQUALS and CONTAINS, null otherwise
 */
public record FieldCondition(String field, Operator operator, String value) {

  /** How a field is compared. */
  public enum Operator {
    /** The field's text equals the value exactly. */
    EQUALS,
    /** The field's text differs from the value (or the field is empty). */
    NOT_EQUALS,
    /** The field's text contains the value, ignoring case. */
    CONTAINS,
    /** The field has no value. */
    IS_EMPTY,
    /** The field has a value. */
    IS_NOT_EMPTY
  }

  public FieldCondition {
    RuleInput.check(field != null && !field.isBlank(), "a condition needs a field");
    RuleInput.required(operator, "condition on " + field + ": the operator");
    boolean needsValue = operator == Operator.EQUALS || operator == Operator.NOT_EQUALS || operator == Operator.CONTAINS;
    if (needsValue && value == null) {
      throw new ConfigurationException("condition on " + field + ": " + operator + " needs a value to compare with");
    }
    if (!needsValue && value != null) {
      throw new ConfigurationException("condition on " + field + ": " + operator + " takes no value");
    }
  }

  public static FieldCondition equalTo(String field, String value) {
    return new FieldCondition(field, Operator.EQUALS, value);
  }

  public static FieldCondition notEqualTo(String field, String value) {
    return new FieldCondition(field, Operator.NOT_EQUALS, value);
  }

  public static FieldCondition contains(String field, String value) {
    return new FieldCondition(field, Operator.CONTAINS, value);
  }

  public static FieldCondition isEmpty(String field) {
    return new FieldCondition(field, Operator.IS_EMPTY, null);
  }

  public static FieldCondition isNotEmpty(String field) {
    return new FieldCondition(field, Operator.IS_NOT_EMPTY, null);
  }

  /**
   * @param actual the field's text, or null when empty
   * @return whether the condition holds
   */
  public boolean test(String actual) {
    return switch (operator) {
      case EQUALS -> value.equals(actual);
      case NOT_EQUALS -> !value.equals(actual);
      case CONTAINS -> actual != null && actual.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT));
      case IS_EMPTY -> actual == null;
      case IS_NOT_EMPTY -> actual != null;
    };
  }
}
