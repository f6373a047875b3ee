package org.crmkit.application;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.crmkit.conversion.ConversionPolicy;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.TargetChoice;
import org.crmkit.customfield.CustomValue;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.ValidationException;

/**
 * Command: convert one lead. Everything but the lead is optional: the policy defaults to
 * {@value ConversionPolicy#DEFAULT_ID}, each target's action to the policy's default action, and the new records
 * take the mapped lead values unless overridden.
 *
 * <pre>{@code
 * crm.conversions().convert(me, ConvertLead.of(leadId)
 *     .account(TargetChoice.link(existingAccountId))
 *     .override(ConversionTarget.OPPORTUNITY, "amount", CustomValue.money(Money.of("12000", "EUR"))));
 * }</pre>
 *
 * @param leadId the lead; never null
 * @param expectedVersion the lead version the conversion is based on, or null to skip the check
 * @param policyId the policy, or null for {@value ConversionPolicy#DEFAULT_ID}
 * @param account the account action, or null for the policy's default
 * @param contact the contact action, or null for the policy's default
 * @param opportunity the opportunity action (CREATE or NONE), or null for the policy's default
 * @param overrides values for the new records that replace the mapped ones, per target, by target field
 *     ({@code name}, {@code amount}, {@code customFields.KEY}, ...); a locked field is rejected. Null for none.
 *     A null target, a null map for a target, or a null field or value is a {@link ValidationException} on
 *     {@code overrides} naming the target.
 * @param allowDuplicates let CREATE proceed although possible duplicates exist
 * @see org.crmkit.conversion.DuplicateCandidate#link() linking a candidate a rejection or a dry run offered
 */
public record ConvertLead(
    @NotNull LeadId leadId,
    Long expectedVersion,
    @Size(min = 1, max = Limits.RULE_ID) String policyId,
    TargetChoice account,
    TargetChoice contact,
    TargetChoice opportunity,
    Map<ConversionTarget, Map<String, CustomValue>> overrides,
    boolean allowDuplicates) {

  public ConvertLead {
    EnumMap<ConversionTarget, Map<String, CustomValue>> copy = new EnumMap<>(ConversionTarget.class);
    if (overrides != null) {
      overrides.forEach((t, m) -> copy.put(t, copyOf(t, m)));
    }
    overrides = java.util.Collections.unmodifiableMap(copy);
  }

  private static Map<String, CustomValue> copyOf(ConversionTarget target, Map<String, CustomValue> values) {
    if (target == null) {
      throw ValidationException.of("overrides", "a target is null; name ACCOUNT, CONTACT or OPPORTUNITY");
    }
    if (values == null) {
      throw ValidationException.of("overrides", target + " has a null map; leave the target out for no overrides");
    }
    Map<String, CustomValue> copy = new LinkedHashMap<>();
    values.forEach((field, value) -> {
      if (field == null || value == null) {
        throw ValidationException.of("overrides", target + " names a null field or value (" + field + " = " + value
            + "); give a field and its value, or leave the field out");
      }
      copy.put(field, value);
    });
    return Map.copyOf(copy);
  }

  /** Converts the lead with the default policy and its default actions. */
  public static ConvertLead of(LeadId leadId) {
    return new ConvertLead(leadId, null, null, null, null, null, null, false);
  }

  /** @return the overrides of one target, never null */
  public Map<String, CustomValue> overridesOf(ConversionTarget target) {
    return overrides.getOrDefault(target, Map.of());
  }

  /** @return the choice for one target, or null for the policy's default */
  public TargetChoice choice(ConversionTarget target) {
    return switch (target) {
      case ACCOUNT -> account;
      case CONTACT -> contact;
      case OPPORTUNITY -> opportunity;
    };
  }

  /** @return a copy converting under the policy with this id (null for the default policy) */
  public ConvertLead policyId(String value) {
    return new ConvertLead(leadId, expectedVersion, value, account, contact, opportunity, overrides, allowDuplicates);
  }

  /**
   * @return a copy that converts only while the lead still has this version (a {@link
   *     org.crmkit.shared.ConflictException} otherwise); leave it out to skip the check
   */
  public ConvertLead expectedVersion(long value) {
    return new ConvertLead(leadId, value, policyId, account, contact, opportunity, overrides, allowDuplicates);
  }

  /** @return a copy with this account action (null for the policy's default) */
  public ConvertLead account(TargetChoice value) {
    return new ConvertLead(leadId, expectedVersion, policyId, value, contact, opportunity, overrides, allowDuplicates);
  }

  /** @return a copy with this contact action (null for the policy's default) */
  public ConvertLead contact(TargetChoice value) {
    return new ConvertLead(leadId, expectedVersion, policyId, account, value, opportunity, overrides, allowDuplicates);
  }

  /** @return a copy with this opportunity action, CREATE or NONE (null for the policy's default) */
  public ConvertLead opportunity(TargetChoice value) {
    return new ConvertLead(leadId, expectedVersion, policyId, account, contact, value, overrides, allowDuplicates);
  }

  /** @return a copy that lets CREATE proceed despite possible duplicates */
  public ConvertLead allowingDuplicates() {
    return new ConvertLead(leadId, expectedVersion, policyId, account, contact, opportunity, overrides, true);
  }

  /** @return a copy with one more override */
  public ConvertLead override(ConversionTarget target, String field, CustomValue value) {
    Map<ConversionTarget, Map<String, CustomValue>> copy = new EnumMap<>(ConversionTarget.class);
    copy.putAll(overrides);
    Map<String, CustomValue> ofTarget = new LinkedHashMap<>(copy.getOrDefault(target, Map.of()));
    ofTarget.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(value, "value"));
    copy.put(target, ofTarget);
    return new ConvertLead(leadId, expectedVersion, policyId, account, contact, opportunity, copy, allowDuplicates);
  }
}
