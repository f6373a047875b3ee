package org.crmkit.conversion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.crmkit.shared.ConfigurationException;

/**
 * How lead values reach one {@link ConversionTarget}: plain data, JSON-friendly (maps of strings, sets of strings,
 * booleans). Field names are the target's {@link ConversionTarget#standardFields() standard fields} or
 * {@code customFields.KEY}; lead field names are {@link ConversionTarget#LEAD_FIELDS} or {@code customFields.KEY}.
 *
 * @param fieldMap explicit mappings, lead field to target field; never null (copied)
 * @param sameNameDefaults when true, every lead field (custom fields included) whose name is also a field of the
 *     target is copied to it, unless {@code fieldMap} maps it elsewhere or {@code unmapped} lists it. A custom field
 *     is copied by name only when the target defines a custom field with the same key.
 * @param unmapped lead fields that are never copied by name; never null
 * @param lockedFields target fields whose mapped value cannot be overridden at conversion time; the single entry
 *     {@value ConversionPolicy#ALL_FIELDS} locks every field of the target. Never null.
 * @param overwriteOnLink target fields that a linked (existing) record takes from the lead even when it already
 *     has a value; every other field is only filled when empty. Never null.
 */
public record TargetRules(
    Map<String, String> fieldMap,
    boolean sameNameDefaults,
    Set<String> unmapped,
    Set<String> lockedFields,
    Set<String> overwriteOnLink) {

  /**
   * Copies the values.
   *
   * @throws ConfigurationException naming every null among the values (a host reads rules from JSON, where a null
   *     collection or entry is easily written)
   */
  public TargetRules {
    List<String> problems = new ArrayList<>();
    fieldMap = copy(fieldMap, "fieldMap", problems);
    unmapped = copy(unmapped, "unmapped", problems);
    lockedFields = copy(lockedFields, "lockedFields", problems);
    overwriteOnLink = copy(overwriteOnLink, "overwriteOnLink", problems);
    if (!problems.isEmpty()) {
      throw new ConfigurationException("invalid target rules: " + String.join("; ", problems));
    }
  }

  private static Map<String, String> copy(Map<String, String> map, String name, List<String> problems) {
    if (map == null) {
      problems.add(name + " must not be null (use {} for none)");
      return Map.of();
    }
    if (map.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
      problems.add(name + " must not hold a null field name");
      return Map.of();
    }
    return Map.copyOf(map);
  }

  private static Set<String> copy(Set<String> set, String name, List<String> problems) {
    if (set == null) {
      problems.add(name + " must not be null (use [] for none)");
      return Set.of();
    }
    if (set.stream().anyMatch(Objects::isNull)) {
      problems.add(name + " must not hold a null field name");
      return Set.of();
    }
    return Set.copyOf(set);
  }

  /** Same-name copying only: nothing explicit, nothing locked, nothing overwritten. */
  public static TargetRules sameNames() {
    return new TargetRules(Map.of(), true, Set.of(), Set.of(), Set.of());
  }

  /** @return true when the target field may not be overridden */
  public boolean isLocked(String targetField) {
    return lockedFields.contains(ConversionPolicy.ALL_FIELDS) || lockedFields.contains(targetField);
  }

  /** @return a copy that also maps {@code leadField} to {@code targetField} */
  public TargetRules map(String leadField, String targetField) {
    Map<String, String> m = new LinkedHashMap<>(fieldMap);
    m.put(leadField, targetField);
    return new TargetRules(m, sameNameDefaults, unmapped, lockedFields, overwriteOnLink);
  }

  /** @return a copy that never copies {@code leadField} by name */
  public TargetRules unmap(String leadField) {
    return new TargetRules(fieldMap, sameNameDefaults, plus(unmapped, leadField), lockedFields, overwriteOnLink);
  }

  /** @return a copy that locks the given target fields ({@value ConversionPolicy#ALL_FIELDS} for all) */
  public TargetRules lock(String... targetFields) {
    return new TargetRules(fieldMap, sameNameDefaults, unmapped, plus(lockedFields, targetFields), overwriteOnLink);
  }

  /** @return a copy whose linked records take the given target fields from the lead even when set */
  public TargetRules overwriteOnLink(String... targetFields) {
    return new TargetRules(fieldMap, sameNameDefaults, unmapped, lockedFields, plus(overwriteOnLink, targetFields));
  }

  /** @return a copy with same-name copying switched on or off */
  public TargetRules withSameNameDefaults(boolean value) {
    return new TargetRules(fieldMap, value, unmapped, lockedFields, overwriteOnLink);
  }

  private static Set<String> plus(Set<String> set, String... more) {
    Set<String> s = new TreeSet<>(set);
    for (String m : more) {
      s.add(Objects.requireNonNull(m, "field"));
    }
    return s;
  }
}
