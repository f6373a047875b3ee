package org.crmkit.conversion;

import java.util.Objects;
import java.util.Optional;
import org.crmkit.customfield.CustomValue;

/**
 * One field that a conversion wrote into a linked (existing) account or contact: the value it had before and the
 * value the conversion gave it. Undo writes {@code before} back (or clears the field when it was empty).
 *
 * @param field the target field, e.g. {@code industry} or {@code customFields.tier}; never null
 * @param before the value before the conversion; empty when the field was empty; never null
 * @param after the value the conversion wrote; never null
 */
public record FieldFill(String field, Optional<CustomValue> before, CustomValue after) {
  public FieldFill {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
  }
}
