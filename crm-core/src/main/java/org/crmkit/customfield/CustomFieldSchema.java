package org.crmkit.customfield;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;

/**
 * The custom field definitions of all record types, and the rules that check a record's values against them.
 * Immutable and thread-safe.
 */
public final class CustomFieldSchema {
  private static final CustomFieldSchema EMPTY = new CustomFieldSchema(List.of());
  private final Map<RecordType, Map<String, CustomFieldDefinition>> byType;

  private CustomFieldSchema(Collection<CustomFieldDefinition> definitions) {
    Map<RecordType, Map<String, CustomFieldDefinition>> map = new LinkedHashMap<>();
    for (CustomFieldDefinition d : definitions) {
      Objects.requireNonNull(d, "definition");
      Map<String, CustomFieldDefinition> ofType = map.computeIfAbsent(d.recordType(), t -> new LinkedHashMap<>());
      if (ofType.putIfAbsent(d.key(), d) != null) {
        throw new IllegalArgumentException(
            "custom field " + d.key() + " is defined twice for " + d.recordType().label());
      }
    }
    map.replaceAll((t, m) -> Map.copyOf(m));
    this.byType = Map.copyOf(map);
  }

  /** A schema with no custom fields: the default. */
  public static CustomFieldSchema empty() {
    return EMPTY;
  }

  public static CustomFieldSchema of(Collection<CustomFieldDefinition> definitions) {
    return new CustomFieldSchema(definitions);
  }

  public static CustomFieldSchema of(CustomFieldDefinition... definitions) {
    return new CustomFieldSchema(List.of(definitions));
  }

  /** @return the definitions for one record type */
  public Collection<CustomFieldDefinition> definitions(RecordType type) {
    return byType.getOrDefault(type, Map.of()).values();
  }

  public Optional<CustomFieldDefinition> definition(RecordType type, String key) {
    return Optional.ofNullable(byType.getOrDefault(type, Map.of()).get(key));
  }

  /**
   * Checks the custom values of a record of the given type: every key defined, every value of the defined type,
   * picklist values allowed, text within length, required fields present.
   *
   * @throws ValidationException listing every problem, with field paths {@code customFields.KEY}
   */
  public void validate(RecordType type, CustomFields fields) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, CustomFieldDefinition> defs = byType.getOrDefault(type, Map.of());
    fields
        .values()
        .forEach(
            (key, value) -> {
              String path = "customFields." + key;
              CustomFieldDefinition d = defs.get(key);
              if (d == null) {
                errors.add(new FieldError(path, "is not a custom field of " + type.label() + "; define it in the CustomFieldSchema first"));
                return;
              }
              if (value.type() != d.type()) {
                errors.add(new FieldError(path, "must be a " + d.type() + " value, was " + value.type()));
                return;
              }
              if (value instanceof CustomValue.PicklistValue p && !d.allowedValues().contains(p.value())) {
                errors.add(new FieldError(path, "'" + p.value() + "' is not one of " + sorted(d.allowedValues())));
              }
              if (value instanceof CustomValue.TextValue t && t.value().length() > d.maxLength()) {
                errors.add(new FieldError(path, "must be at most " + d.maxLength() + " characters"));
              }
            });
    for (CustomFieldDefinition d : defs.values()) {
      if (d.required() && fields.get(d.key()).isEmpty()) {
        errors.add(new FieldError("customFields." + d.key(), "is required"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private static List<String> sorted(Collection<String> values) {
    return values.stream().sorted().toList();
  }
}
