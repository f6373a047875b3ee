package org.crmkit.testkit.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.crmkit.shared.RecordNotFoundException;
import org.crmkit.shared.RuleViolationException;
import org.crmkit.shared.ValidationException;

/**
 * Runs one input at a time and judges the result: a success must read back exactly as returned; a failure must be a
 * documented {@link org.crmkit.shared.CrmException} for bad input ({@link ValidationException},
 * {@link RuleViolationException}, {@link RecordNotFoundException}) and must leave the stored state as it was. Collects
 * every finding instead of stopping at the first, so one run shows them all.
 */
final class FuzzProbe {
  private final String subject;
  private final long seed;
  private final List<String> findings = new ArrayList<>();
  private volatile String lastInput = "(none yet)";
  private int inputs;
  private int stored;
  private int refused;

  FuzzProbe(String subject, long seed) {
    this.subject = subject;
    this.seed = seed;
  }

  /**
   * A write that creates a record.
   *
   * @param input a description of the input, for the findings
   * @param write builds the command from the raw values and runs it (building is part of the input's handling)
   * @param returned the snapshot of the record the write returned
   * @param readBack reads the record again from the storage and returns its snapshot
   * @param count counts the records of this kind, to prove that a refused write added none
   */
  <R> R create(String input, Supplier<R> write, Function<R, Object> returned, Function<R, Object> readBack,
      LongSupplier count) {
    lastInput = input;
    inputs++;
    long before = count.getAsLong();
    R result;
    try {
      result = write.get();
    } catch (RuntimeException | Error e) {
      judgeFailure(input, e);
      long after = count.getAsLong();
      if (after != before) {
        findings.add(input + " was refused (" + e.getClass().getSimpleName() + ") but the number of records went"
            + " from " + before + " to " + after + " (a partial write)");
      }
      return null;
    }
    stored++;
    compare(input, returned.apply(result), readBack.apply(result));
    return result;
  }

  /**
   * A write that changes an existing record.
   *
   * @param state reads the record's current snapshot from the storage
   */
  <R> R change(String input, Supplier<Object> state, Supplier<R> write, Function<R, Object> returned) {
    lastInput = input;
    inputs++;
    Object before = state.get();
    R result;
    try {
      result = write.get();
    } catch (RuntimeException | Error e) {
      judgeFailure(input, e);
      Object after = state.get();
      if (!Objects.equals(before, after)) {
        findings.add(input + " was refused (" + e.getClass().getSimpleName() + ") but the record changed from "
            + before + " to " + after + " (a partial write)");
      }
      return null;
    }
    stored++;
    compare(input, returned.apply(result), state.get());
    return result;
  }

  /**
   * Builds a value object the caller would pass in a command (such as {@code Money.of(...)}): it may refuse the raw
   * values with {@link IllegalArgumentException} (its documented contract) or a {@link org.crmkit.shared.CrmException},
   * quickly; anything else is a finding.
   *
   * @return the value, or null when it was refused (the input then counts as refused)
   */
  <T> T value(String input, Supplier<T> make) {
    lastInput = input;
    try {
      return make.get();
    } catch (IllegalArgumentException | org.crmkit.shared.CrmException e) {
      inputs++;
      refused++;
      return null;
    } catch (RuntimeException e) {
      inputs++;
      findings.add(input + " ended in " + e.getClass().getName() + ": " + firstLine(e.getMessage())
          + " (expected a value, IllegalArgumentException or a CrmException)");
      return null;
    }
  }

  /** Records a finding found by the caller (e.g. a stored value differing from the input). */
  void finding(String text) {
    findings.add(text);
  }

  private void judgeFailure(String input, Throwable e) {
    if (e instanceof ValidationException || e instanceof RuleViolationException
        || e instanceof RecordNotFoundException) {
      refused++;
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        findings.add(input + " was refused with " + e.getClass().getSimpleName() + " without a message");
      }
      return;
    }
    if (e instanceof Error && !(e instanceof AssertionError)) {
      throw (Error) e;
    }
    findings.add(input + " ended in " + e.getClass().getName() + ": " + firstLine(e.getMessage())
        + " (expected success or ValidationException / RuleViolationException / RecordNotFoundException)");
  }

  private void compare(String input, Object returned, Object readBack) {
    if (!Objects.equals(returned, readBack)) {
      findings.add(input + " was stored, but reads back differently:\n      returned  " + abbreviate(returned)
          + "\n      read back " + abbreviate(readBack));
    }
  }

  String lastInput() {
    return abbreviate(lastInput);
  }

  /** Fails with every finding, the seed and the figures; prints the figures when all held. */
  void assertNoFindings() {
    String figures = "[crmkit fuzz] " + subject + ", seed " + seed + ": " + inputs
        + " inputs, " + stored + " stored and read back, " + refused + " refused with a documented error, "
        + findings.size() + " findings";
    System.out.println(figures);
    assertThat(findings).as(figures + " (rerun with -Dcrmkit.fuzz.seed=...):\n  "
        + String.join("\n  ", findings.stream().limit(30).toList())).isEmpty();
  }

  static String abbreviate(Object value) {
    String s = String.valueOf(value);
    s = s.length() > 400 ? s.substring(0, 400) + "...(" + s.length() + " chars)" : s;
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7F || (c >= 0xD800 && c <= 0xDFFF) || c == 0x202E) {
        out.append(String.format("\\u%04X", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return abbreviate(nl < 0 ? message : message.substring(0, nl));
  }
}
