package org.crmkit.application.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.crmkit.conversion.ConversionProblem.Reason;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.TargetRules;
import org.crmkit.customfield.CustomValue;

/**
 * The policy's field mapping as data in motion: the lead's values mapped to a target (same-name defaults,
 * explicit mappings, the request's overrides), and what linking fills into an existing record.
 */
final class ConversionMapping {
  private final ConversionPolicies policies;

  ConversionMapping(ConversionPolicies policies) {
    this.policies = policies;
  }

  /** @return the lead's values mapped to the target, {@code extra} where nothing is mapped, overrides on top */
  Map<String, CustomValue> mapped(ConversionPlan p, ConversionTarget t, Map<String, CustomValue> extra) {
    TargetRules rules = p.policy.rules(t);
    Map<String, CustomValue> out = new LinkedHashMap<>();
    if (rules.sameNameDefaults()) {
      p.leadValues.forEach((field, value) -> {
        if (!rules.unmapped().contains(field) && !rules.fieldMap().containsKey(field)
            && policies.targetType(t, field).isPresent()) {
          putCoerced(p, t, out, field, value, field);
        }
      });
    }
    rules.fieldMap().forEach((from, to) -> {
      CustomValue v = p.leadValues.get(from);
      if (v != null) {
        putCoerced(p, t, out, to, v, from);
      }
    });
    extra.forEach(out::putIfAbsent);
    // checked by ConversionPolicies.checkOverrides before planning: the field exists and the value reads
    p.cmd.overridesOf(t).forEach((f, v) -> out.put(f, RecordFields.coerce(v, policies.targetType(t, f).orElseThrow())));
    return out;
  }

  private void putCoerced(
      ConversionPlan p, ConversionTarget t, Map<String, CustomValue> out, String field, CustomValue v,
      String leadField) {
    try {
      out.put(field, RecordFields.coerce(v, policies.targetType(t, field).orElseThrow()));
    } catch (IllegalArgumentException e) {
      p.problem(Reason.INVALID_VALUE, t.path() + "." + field,
          "the lead's " + leadField + " " + e.getMessage() + "; correct the lead or override the field");
    }
  }

  /** Records a required target field without value, saying where its value would come from. */
  void missing(ConversionPlan p, ConversionTarget t, String field) {
    p.problem(Reason.MISSING_REQUIRED_VALUE, t.path() + "." + field, "is required but has no value (it is mapped from "
        + sourceOf(p, t, field) + "); fill it in on the lead, override " + t.path() + "." + field
        + ", or choose another action for the " + t.path());
  }

  private static String sourceOf(ConversionPlan p, ConversionTarget t, String field) {
    TargetRules rules = p.policy.rules(t);
    for (Map.Entry<String, String> e : rules.fieldMap().entrySet()) {
      if (e.getValue().equals(field)) {
        return "the lead's " + e.getKey();
      }
    }
    return rules.sameNameDefaults() && ConversionTarget.LEAD_FIELDS.contains(field) ? "the lead's " + field
        : "no lead field";
  }

  /** @return the values a linked record takes: its empty fields, and the overwritable ones that differ */
  static Map<String, CustomValue> fills(
      Map<String, CustomValue> current, Map<String, CustomValue> values, Set<String> overwrite) {
    Map<String, CustomValue> out = new LinkedHashMap<>();
    values.forEach((f, v) -> {
      CustomValue now = current.get(f);
      if (now == null || (overwrite.contains(f) && !now.equals(v))) {
        out.put(f, v);
      }
    });
    return out;
  }

  /** @return {@code current} with {@code changes} on top */
  static Map<String, CustomValue> merge(Map<String, CustomValue> current, Map<String, CustomValue> changes) {
    Map<String, CustomValue> m = new LinkedHashMap<>(current);
    m.putAll(changes);
    return m;
  }
}
