package org.crmkit.customfield;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Text;
import org.crmkit.shared.ValidationException;

/**
 * The custom field values of one record, by field key. Immutable; keys are sorted so equal value sets print and
 * compare alike. An absent key means "no value".
 *
 * @param values field key to value; never null, no null keys or values
 */
public record CustomFields(Map<String, CustomValue> values) {
  private static final CustomFields EMPTY = new CustomFields(Map.of());

  /**
   * @throws ValidationException naming {@code customFields} when there are more than {@link Limits#CUSTOM_FIELDS}
   *     values, a key is longer than {@link Limits#CUSTOM_FIELD_KEY} or not one line of valid text, or keys and
   *     values together exceed {@link Limits#CUSTOM_FIELDS_TOTAL} characters
   */
  public CustomFields {
    Objects.requireNonNull(values, "values");
    if (values.size() > Limits.CUSTOM_FIELDS) {
      throw ValidationException.of("customFields", "at most " + Limits.CUSTOM_FIELDS + " values, were "
          + values.size());
    }
    TreeMap<String, CustomValue> copy = new TreeMap<>();
    long[] total = {0};
    values.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "custom field key");
          Objects.requireNonNull(v, "custom field value of " + k);
          Text.exact("customFields", k, Limits.CUSTOM_FIELD_KEY, false);
          total[0] += k.length() + v.asText().length();
          copy.put(k, v);
        });
    if (total[0] > Limits.CUSTOM_FIELDS_TOTAL) {
      throw ValidationException.of("customFields", "keys and values together must be at most "
          + Limits.CUSTOM_FIELDS_TOTAL + " characters, were " + total[0]);
    }
    values = Collections.unmodifiableMap(copy);
  }

  public static CustomFields empty() {
    return EMPTY;
  }

  /** @return the values as custom fields; the shared {@link #empty()} when there are none */
  public static CustomFields of(Map<String, CustomValue> values) {
    // an empty value set is common (records without custom fields) and kept by every stored row: share one
    return Objects.requireNonNull(values, "values").isEmpty() ? EMPTY : new CustomFields(values);
  }

  public Optional<CustomValue> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** @return a copy with {@code key} set to {@code value} */
  public CustomFields with(String key, CustomValue value) {
    Map<String, CustomValue> copy = new LinkedHashMap<>(values);
    copy.put(key, value);
    return new CustomFields(copy);
  }

  /** @return a copy without {@code key} */
  public CustomFields without(String key) {
    Map<String, CustomValue> copy = new LinkedHashMap<>(values);
    copy.remove(key);
    return new CustomFields(copy);
  }

  /** @return a copy where the given values replace or add to these; a null value in the patch removes the key */
  public CustomFields merge(Map<String, CustomValue> patch) {
    Map<String, CustomValue> copy = new LinkedHashMap<>(values);
    patch.forEach(
        (k, v) -> {
          if (v == null) {
            copy.remove(k);
          } else {
            copy.put(k, v);
          }
        });
    return new CustomFields(copy);
  }
}
