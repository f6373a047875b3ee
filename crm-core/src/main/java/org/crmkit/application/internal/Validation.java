package org.crmkit.application.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.ValidationException;

/** Runs Jakarta Validation on commands and turns violations into a {@link ValidationException}. */
final class Validation {
  private final Validator validator;

  Validation(Validator validator) {
    this.validator = validator;
  }

  <T> T check(T command) {
    Objects.requireNonNull(command, "command");
    Set<ConstraintViolation<T>> violations = validator.validate(command);
    if (!violations.isEmpty()) {
      List<FieldError> errors =
          violations.stream()
              .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
              .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
              .toList();
      throw new ValidationException(errors);
    }
    return command;
  }
}
