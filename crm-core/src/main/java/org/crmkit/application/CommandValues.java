package org.crmkit.application;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The copying every command does to stay immutable, written once. Not public API. */
final class CommandValues {
  private CommandValues() {}

  /**
   * @return an unmodifiable copy of {@code changed}, empty for null
   */
  static <F extends Enum<F>> Set<F> fields(Set<F> changed, Class<F> type) {
    return changed == null || changed.isEmpty()
        ? Collections.unmodifiableSet(EnumSet.noneOf(type))
        : Collections.unmodifiableSet(EnumSet.copyOf(changed));
  }

  /** @return {@code changed} with {@code field} added, as a new set */
  static <F extends Enum<F>> Set<F> plus(Set<F> changed, F field) {
    EnumSet<F> result = EnumSet.of(field);
    result.addAll(changed);
    return result;
  }

  /** @return an unmodifiable copy of {@code map} in its order, or null for null */
  static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
