package org.crmkit.conversion;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.shared.LeadId;

/**
 * The result of a dry run: what converting the lead would create or link, with the mapped values and the duplicate
 * candidates, and the problems that would reject it. Nothing was written.
 *
 * @param leadId never null
 * @param policyId the policy applied; never null
 * @param policyVersion its version
 * @param targets the plan per target; never null (empty when the lead could not be planned at all, e.g. already
 *     converted)
 * @param problems why the conversion would be rejected; empty when it would succeed; never null
 */
public record ConversionPreview(
    LeadId leadId,
    String policyId,
    int policyVersion,
    Map<ConversionTarget, TargetPlan> targets,
    List<ConversionProblem> problems) {
  public ConversionPreview {
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(policyId, "policyId");
    EnumMap<ConversionTarget, TargetPlan> copy = new EnumMap<>(ConversionTarget.class);
    copy.putAll(targets);
    targets = java.util.Collections.unmodifiableMap(copy);
    problems = List.copyOf(problems);
  }

  /** @return true when the conversion would succeed */
  public boolean wouldConvert() {
    return problems.isEmpty();
  }

  /** @return the plan of one target; empty when the lead could not be planned (e.g. already converted) */
  public Optional<TargetPlan> target(ConversionTarget target) {
    return Optional.ofNullable(targets.get(target));
  }
}
