package org.crmkit.shared;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Input was rejected: one or more fields hold invalid values. {@link #errors()} lists every problem found, so a
 * form or an API response can show them all at once.
 */
public class ValidationException extends CrmException {
  private static final long serialVersionUID = 1L;
  private final List<FieldError> errors;

  /**
   * @param errors the problems found; at least one
   */
  public ValidationException(List<FieldError> errors) {
    super(describe(errors));
    this.errors = List.copyOf(errors);
  }

  /** A single-field failure. */
  public static ValidationException of(String field, String message) {
    return new ValidationException(List.of(new FieldError(field, message)));
  }

  /** @return the field errors, never empty */
  public List<FieldError> errors() {
    return errors;
  }

  private static String describe(List<FieldError> errors) {
    Objects.requireNonNull(errors, "errors");
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one field error");
    }
    return "Invalid input: "
        + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
  }
}
