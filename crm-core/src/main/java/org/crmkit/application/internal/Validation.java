package org.crmkit.application.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.ValidationException;

/**
 * Runs Jakarta Validation on commands and turns violations into a {@link ValidationException}.
 *
 * <p>With crmkit's own default validator ({@link DefaultCrm#defaultValidator()}), a command whose constraints are all
 * simple built-in ones is first checked by {@link KnownConstraints}, read from the validator's metadata once per
 * command type; only a command that may break a constraint goes through the validator, which then finds and words
 * the violations exactly as before. A validator the host configured is always asked: crmkit cannot know what it
 * checks beyond its metadata.
 */
final class Validation {
  private final Validator validator;
  /** Whether commands may be checked quickly first: only with crmkit's own validator. */
  private final boolean quick;
  /** Per command type, its quick check, made on first use (empty: the validator is always asked). */
  private final Map<Class<?>, Optional<KnownConstraints>> known = new ConcurrentHashMap<>();

  Validation(Validator validator) {
    this.validator = Objects.requireNonNull(validator, "validator");
    this.quick = validator instanceof DefaultValidator;
  }

  <T> T check(T command) {
    Objects.requireNonNull(command, "command");
    if (quick) {
      Optional<KnownConstraints> constraints = known.get(command.getClass());
      if (constraints == null) {
        constraints = known.computeIfAbsent(command.getClass(), type -> KnownConstraints.of(validator, type));
      }
      if (constraints.isPresent() && constraints.get().passes(command)) {
        return command;
      }
    }
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
