package org.crmkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crmkit.shared.RecordNotFoundException;

/**
 * What a call did, in words, with the ids it was given blanked out: the exception it threw (class and message) or
 * what it returned. Two attempts that differ only in an id compare equal when the caller could not tell them
 * apart, which is what "not found, exactly as if it did not exist" means for a record another tenant owns or the
 * actor may not see.
 */
record Attempt(boolean failed, String outcome, RuntimeException exception) {

  /**
   * Runs {@code call} and describes its outcome with every occurrence of {@code ids} replaced by {@code <id>}.
   *
   * @param call the call; its exception is caught, whatever it is
   * @param ids the ids the call was given (their {@code toString()} is blanked out)
   */
  static Attempt of(Supplier<?> call, Object... ids) {
    try {
      return new Attempt(false, blank(String.valueOf(call.get()), ids), null);
    } catch (RuntimeException e) {
      return new Attempt(true, blank(e.getClass().getName() + ": " + e.getMessage(), ids), e);
    }
  }

  /** Runs a call that returns nothing, for {@link #of}: its result is "done". */
  static Object run(Runnable call) {
    call.run();
    return "done";
  }

  private static String blank(String text, Object... ids) {
    String blanked = text;
    for (Object id : ids) {
      blanked = blanked.replace(Objects.toString(id), "<id>");
    }
    return blanked;
  }

  /**
   * Asserts that a call with another tenant's (or a hidden) id behaves exactly as the same call with an id that exists
   * nowhere: the same failure (class and message, ids blanked out) or the same empty answer.
   */
  static <I> Attempt assertSameAsMissing(Function<I, ?> call, I hidden, I missing) {
    Attempt withHidden = Attempt.of(() -> call.apply(hidden), hidden);
    Attempt withMissing = Attempt.of(() -> call.apply(missing), missing);
    assertThat(withHidden.outcome()).as("with another tenant's (or a hidden) id as with a missing one")
        .isEqualTo(withMissing.outcome());
    return withHidden;
  }

  /** Asserts that the call found nothing: not found, or an empty answer (list, optional, count). */
  static void assertNothing(Attempt attempt, Supplier<?> call) {
    if (attempt.failed()) {
      assertThat(attempt.notFound()).as("failed with %s", attempt).isTrue();
      return;
    }
    Object value = call.get();
    if (value instanceof Collection<?> c) {
      assertThat(c).isEmpty();
    } else if (value instanceof Optional<?> o) {
      assertThat(o).isEmpty();
    } else if (value instanceof Number n) {
      assertThat(n.longValue()).isZero();
    } else {
      throw new AssertionError("expected nothing, got " + value);
    }
  }

  static <I> void assertNotFound(Function<I, ?> call, I hidden, I missing) {
    Attempt attempt = assertSameAsMissing(call, hidden, missing);
    assertThat(attempt.notFound()).as("not found: %s", attempt).isTrue();
  }

  static <I> void assertFindsNothing(Function<I, ?> call, I hidden, I missing) {
    assertNothing(assertSameAsMissing(call, hidden, missing), () -> call.apply(hidden));
  }

  /** @return true when the call failed with {@link RecordNotFoundException} */
  boolean notFound() {
    return exception instanceof RecordNotFoundException;
  }

  @Override
  public String toString() {
    return outcome;
  }
}
