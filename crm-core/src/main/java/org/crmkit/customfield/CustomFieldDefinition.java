package org.crmkit.customfield;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.crmkit.shared.Limits;
import org.crmkit.shared.RecordType;

/**
 * A host-defined extra field on one record type, with its type and rules.
 *
 * @param recordType the record type that carries the field
 * @param key the field's key: a letter, then letters, digits or underscores, at most 60
 * @param label the name shown to users; never blank
 * @param type the value type
 * @param required whether every record of the type must have a value
 * @param allowedValues for {@link FieldType#PICKLIST}, the allowed choices (not empty); empty for other types
 * @param maxLength for {@link FieldType#TEXT}, the maximum length (1..4000); ignored otherwise
 */
public record CustomFieldDefinition(
    RecordType recordType,
    String key,
    String label,
    FieldType type,
    boolean required,
    Set<String> allowedValues,
    int maxLength) {
  private static final Pattern KEY =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]{0," + (Limits.CUSTOM_FIELD_KEY - 1) + "}");

  public CustomFieldDefinition {
    Objects.requireNonNull(recordType, "recordType");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(allowedValues, "allowedValues");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "custom field key '" + key + "' must start with a letter and hold only letters, digits and _ (max "
              + Limits.CUSTOM_FIELD_KEY + ")");
    }
    if (label.isBlank()) {
      throw new IllegalArgumentException("custom field " + key + " needs a label");
    }
    allowedValues = Set.copyOf(allowedValues);
    if (type == FieldType.PICKLIST && allowedValues.isEmpty()) {
      throw new IllegalArgumentException("picklist field " + key + " needs at least one allowed value");
    }
    if (type != FieldType.PICKLIST && !allowedValues.isEmpty()) {
      throw new IllegalArgumentException("only picklist fields have allowed values; " + key + " is " + type);
    }
    if (type == FieldType.TEXT && (maxLength < 1 || maxLength > Limits.CUSTOM_TEXT)) {
      throw new IllegalArgumentException("text field " + key + " needs a max length of 1.." + Limits.CUSTOM_TEXT
          + ", was " + maxLength);
    }
  }

  /** An optional text field of at most 255 characters. */
  public static CustomFieldDefinition text(RecordType recordType, String key, String label) {
    return new CustomFieldDefinition(recordType, key, label, FieldType.TEXT, false, Set.of(), 255);
  }

  /** An optional field of a type without extra settings (NUMBER, MONEY, DATE, BOOLEAN). */
  public static CustomFieldDefinition of(RecordType recordType, String key, String label, FieldType type) {
    if (type == FieldType.PICKLIST) {
      throw new IllegalArgumentException("use picklist(...) for a picklist field");
    }
    return new CustomFieldDefinition(recordType, key, label, type, false, Set.of(), type == FieldType.TEXT ? 255 : 0);
  }

  /** An optional picklist field. */
  public static CustomFieldDefinition picklist(
      RecordType recordType, String key, String label, Set<String> allowedValues) {
    return new CustomFieldDefinition(recordType, key, label, FieldType.PICKLIST, false, allowedValues, 0);
  }

  /** @return a copy of this definition that requires a value */
  public CustomFieldDefinition asRequired() {
    return new CustomFieldDefinition(recordType, key, label, type, true, allowedValues, maxLength);
  }
}
