package org.crmkit.workflow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.crmkit.shared.ConfigurationException;

/**
 * Checks on workflow rule data as it is made (in Java or read from JSON): every problem is a
 * {@link ConfigurationException} that names the part and what is wrong, never a NullPointerException or
 * IllegalArgumentException.
 */
final class RuleInput {
  private RuleInput() {}

  static <T> T required(T value, String what) {
    if (value == null) {
      throw new ConfigurationException(what + " is required (was null)");
    }
    return value;
  }

  static void check(boolean ok, String problem) {
    if (!ok) {
      throw new ConfigurationException(problem);
    }
  }

  /** @return an unmodifiable copy; null means empty when {@code nullMeansEmpty}, else a problem; no null entries */
  static <T> List<T> list(Collection<T> values, String what, boolean nullMeansEmpty) {
    if (values == null) {
      check(nullMeansEmpty, what + " are required (was null)");
      return List.of();
    }
    List<T> copy = new ArrayList<>(values.size());
    int i = 0;
    for (T v : values) {
      check(v != null, what + " must not contain null entries (entry " + i + " is null)");
      copy.add(v);
      i++;
    }
    return List.copyOf(copy);
  }
}
