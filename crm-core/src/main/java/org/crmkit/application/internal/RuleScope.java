package org.crmkit.application.internal;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Which workflow rules may run on this thread: all (the default), or only the given ids while a web form
 * submission runs ({@link org.crmkit.webform.WebForm#allowedRules()}). The scope covers the whole unit of work of
 * the submission, so a rule chain started by an allowed rule may reach only allowed rules too.
 */
final class RuleScope {
  private static final ThreadLocal<Set<String>> ALLOWED = new ThreadLocal<>();

  private RuleScope() {}

  static boolean admits(String ruleId) {
    Set<String> allowed = ALLOWED.get();
    return allowed == null || allowed.contains(ruleId);
  }

  static <T> T only(Set<String> ruleIds, Supplier<T> work) {
    Set<String> before = ALLOWED.get();
    ALLOWED.set(Set.copyOf(ruleIds));
    try {
      return work.get();
    } finally {
      if (before == null) {
        ALLOWED.remove();
      } else {
        ALLOWED.set(before);
      }
    }
  }
}
