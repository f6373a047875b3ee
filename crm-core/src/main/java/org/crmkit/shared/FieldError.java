package org.crmkit.shared;

import java.util.Objects;

/**
 * One field-level problem of a rejected input: which field (a property path such as {@code lastName} or
 * {@code customFields.budget}) and what is wrong with it.
 *
 * @param field the property path, never blank
 * @param message what is wrong and how to fix it, never blank
 */
public record FieldError(String field, String message) {
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
