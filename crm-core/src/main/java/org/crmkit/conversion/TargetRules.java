package org.crmkit.conversion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

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

  public TargetRules {
    fieldMap = Map.copyOf(Objects.requireNonNull(fieldMap, "fieldMap"));
    unmapped = Set.copyOf(Objects.requireNonNull(unmapped, "unmapped"));
    lockedFields = Set.copyOf(Objects.requireNonNull(lockedFields, "lockedFields"));
    overwriteOnLink = Set.copyOf(Objects.requireNonNull(overwriteOnLink, "overwriteOnLink"));
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
