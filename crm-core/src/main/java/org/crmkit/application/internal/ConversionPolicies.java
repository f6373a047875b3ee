package org.crmkit.application.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.crmkit.application.ConvertLead;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.TargetRules;
import org.crmkit.customfield.FieldType;
import org.crmkit.pipeline.LeadStatus;
import org.crmkit.pipeline.SalesStage;
import org.crmkit.shared.ConfigurationException;
import org.crmkit.shared.FieldError;
import org.crmkit.shared.RecordType;
import org.crmkit.shared.ValidationException;

/**
 * The registered conversion policies, checked once against the pipeline and the custom fields when the Crm is
 * built, and the checks of a request's overrides against its policy. Immutable after construction.
 */
final class ConversionPolicies {
  private final Context ctx;
  private final Map<String, ConversionPolicy> policies;

  ConversionPolicies(Context ctx, Collection<ConversionPolicy> given) {
    this.ctx = ctx;
    Map<String, ConversionPolicy> map = new LinkedHashMap<>();
    map.put(ConversionPolicy.DEFAULT_ID, ConversionPolicy.defaults());
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ConversionPolicy p : given) {
      if (p == null) {
        throw new ConfigurationException("invalid conversion policies: the list holds a null entry; remove it");
      }
      if (!seen.add(p.id())) {
        problems.add("policy id " + p.id() + " is registered twice");
      }
      map.put(p.id(), p);
    }
    map.values().forEach(p -> checkAgainstConfiguration(p, problems));
    if (!problems.isEmpty()) {
      throw new ConfigurationException("invalid conversion policies: " + String.join("; ", problems));
    }
    this.policies = Collections.unmodifiableMap(map);
  }

  /**
   * @return the registered policy with the id
   * @throws ValidationException when no policy has the id
   */
  ConversionPolicy get(String id) {
    Objects.requireNonNull(id, "id");
    ConversionPolicy p = policies.get(id);
    if (p == null) {
      throw ValidationException.of("policyId", "no conversion policy '" + id + "' is registered (known: "
          + policies.keySet() + "); register it with Crm.builder().conversionPolicies(...)");
    }
    return p;
  }

  /** @return the policy a request names, or the default one */
  ConversionPolicy of(ConvertLead cmd) {
    return get(cmd.policyId() == null ? ConversionPolicy.DEFAULT_ID : cmd.policyId());
  }

  Collection<ConversionPolicy> all() {
    return policies.values();
  }

  /** @return the type of a target field, or empty when the target has no such field */
  Optional<FieldType> targetType(ConversionTarget t, String field) {
    if (ConversionTarget.isCustom(field)) {
      return ctx.customFields().definition(t.recordType(), ConversionTarget.customKey(field)).map(d -> d.type());
    }
    return Optional.ofNullable(t.standardFieldType(field));
  }

  /** Overrides are the caller's input: unknown fields, locked fields and unreadable values are misuse. */
  void checkOverrides(ConversionPolicy policy, ConvertLead cmd) {
    List<FieldError> errors = new ArrayList<>();
    for (ConversionTarget t : ConversionTarget.values()) {
      cmd.overridesOf(t).forEach((field, value) -> {
        String path = "overrides." + t.path() + "." + field;
        Optional<FieldType> type = targetType(t, field);
        if (type.isEmpty()) {
          errors.add(new FieldError(path, "is not a field of " + t.recordType().label() + " (use "
              + t.standardFields() + " or a defined customFields.KEY)"));
        } else if (policy.rules(t).isLocked(field)) {
          errors.add(new FieldError(path, "is locked by conversion policy " + policy.id() + " (version "
              + policy.version() + "): its value comes from the lead and cannot be changed at conversion"));
        } else {
          try {
            RecordFields.coerce(value, type.get());
          } catch (IllegalArgumentException e) {
            errors.add(new FieldError(path, e.getMessage()));
          }
        }
      });
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private void checkAgainstConfiguration(ConversionPolicy p, List<String> problems) {
    String where = "policy " + p.id() + ": ";
    if (p.initialStage() != null) {
      Optional<SalesStage> stage = ctx.pipeline().findStage(p.initialStage());
      if (stage.isEmpty() || !stage.get().isOpen()) {
        problems.add(where + "initialStage " + p.initialStage() + " is not an open stage of the pipeline");
      }
    }
    if (p.convertedStatus() != null
        && ctx.pipeline().findLeadStatus(p.convertedStatus()).filter(LeadStatus::isConverted).isEmpty()) {
      problems.add(where + "convertedStatus " + p.convertedStatus() + " is not a converted lead status");
    }
    for (String s : p.convertibleStatuses()) {
      if (ctx.pipeline().findLeadStatus(s).isEmpty()) {
        problems.add(where + "convertibleStatuses: " + s + " is not a lead status");
      }
    }
    for (ConversionTarget t : ConversionTarget.values()) {
      TargetRules rules = p.rules(t);
      rules.fieldMap().forEach((from, to) -> {
        if (ConversionTarget.isCustom(from) && ctx.customFields().definition(RecordType.LEAD,
            ConversionTarget.customKey(from)).isEmpty()) {
          problems.add(where + "maps " + from + ", which is not a custom field of leads");
        }
        if (ConversionTarget.isCustom(to) && targetType(t, to).isEmpty()) {
          problems.add(where + "maps to " + to + ", which is not a custom field of " + t.recordType().label());
        }
      });
      Stream.concat(rules.lockedFields().stream(), rules.overwriteOnLink().stream())
          .filter(ConversionTarget::isCustom)
          .filter(f -> targetType(t, f).isEmpty())
          .forEach(f -> problems.add(where + f + " is not a custom field of " + t.recordType().label()));
    }
  }
}
