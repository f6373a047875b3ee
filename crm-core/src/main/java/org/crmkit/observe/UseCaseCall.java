package org.crmkit.observe;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One use case that ended: its name, how long it took and how it ended. Holds no data from records.
 *
 * @param name the service and method, e.g. {@code leads.create} or {@code conversions.convertAll}; never null
 * @param duration from the call to its end, commit included; never null, not negative
 * @param outcome how it ended; never null
 * @param failure the simple name of the exception it threw (e.g. {@code ValidationException}); empty when it
 *     returned; never null
 */
public record UseCaseCall(String name, Duration duration, Outcome outcome, Optional<String> failure) {
  public UseCaseCall {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(failure, "failure");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + duration);
    }
    if (failure.isPresent() != outcome.threw()) {
      throw new IllegalArgumentException("a failure name goes with an outcome that threw, and only with one: "
          + outcome + " " + failure);
    }
  }

  /** How a use case ended. */
  public enum Outcome {
    /** It returned its result. */
    SUCCEEDED(false),
    /** It returned a business "no" as a value: a rejected conversion or a refused undo. */
    REJECTED(false),
    /**
     * It threw a refusal for the input or the rules: {@code ValidationException}, {@code RecordNotFoundException},
     * {@code RuleViolationException} and its subclasses, {@code ConfigurationException}, a failed workflow action.
     */
    REFUSED(true),
    /** It threw {@code ConflictException}: a stale version, reload and retry. */
    CONFLICT(true),
    /** It threw {@code WorkflowDepthExceededException}: rules that trigger each other deeper than the limit. */
    WORKFLOW_DEPTH_EXCEEDED(true),
    /** It threw {@code StorageException} (the storage failed) or an exception that is not crmkit's (a bug). */
    FAILED(true);

    private final boolean threw;

    Outcome(boolean threw) {
      this.threw = threw;
    }

    /** @return whether the use case ended by throwing */
    public boolean threw() {
      return threw;
    }
  }
}
