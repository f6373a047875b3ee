package org.crmkit.testkit;

import java.util.Objects;
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

  /** @see #of(Supplier, Object...) */
  static Attempt ofRun(Runnable call, Object... ids) {
    return of(() -> {
      call.run();
      return "done";
    }, ids);
  }

  private static String blank(String text, Object... ids) {
    String blanked = text;
    for (Object id : ids) {
      blanked = blanked.replace(Objects.toString(id), "<id>");
    }
    return blanked;
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
