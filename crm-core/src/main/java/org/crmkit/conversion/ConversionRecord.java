package org.crmkit.conversion;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.UserId;

/**
 * The audit record of one lead conversion, written in the conversion's unit of work: which policy (id and version),
 * the action and outcome per target, the lead as it was before, who converted it, when, and whether a workflow did.
 * It is what makes a conversion reversible: {@code undo} reads it and marks it undone. Immutable value; adapters
 * store it whole.
 *
 * @param id never null
 * @param version the stored version; 0 before the first save
 * @param leadId never null
 * @param policyId the policy's id; never null
 * @param policyVersion the policy's version
 * @param targets the result per target; never null, holds all three targets
 * @param leadBefore the lead's complete state before conversion; never null
 * @param automatic true when a workflow rule converted the lead
 * @param ruleId the workflow rule that converted it, or null
 * @param convertedBy who; never null
 * @param convertedAt when; never null
 * @param undoneBy who undid the conversion, or null while it stands
 * @param undoneAt when it was undone, or null while it stands
 */
public record ConversionRecord(
    ConversionId id,
    long version,
    LeadId leadId,
    String policyId,
    int policyVersion,
    Map<ConversionTarget, TargetResult> targets,
    LeadSnapshot leadBefore,
    boolean automatic,
    String ruleId,
    UserId convertedBy,
    Instant convertedAt,
    UserId undoneBy,
    Instant undoneAt) {

  public ConversionRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(leadId, "leadId");
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(leadBefore, "leadBefore");
    Objects.requireNonNull(convertedBy, "convertedBy");
    Objects.requireNonNull(convertedAt, "convertedAt");
    Objects.requireNonNull(targets, "targets");
    EnumMap<ConversionTarget, TargetResult> copy = new EnumMap<>(ConversionTarget.class);
    copy.putAll(targets);
    if (copy.size() != ConversionTarget.values().length) {
      throw new IllegalArgumentException("a conversion record holds a result for every target, had " + copy.keySet());
    }
    targets = java.util.Collections.unmodifiableMap(copy);
    if ((undoneBy == null) != (undoneAt == null)) {
      throw new IllegalArgumentException("undoneBy and undoneAt are given together");
    }
    if (version < 0) {
      throw new IllegalArgumentException("version must be 0 or more, was " + version);
    }
  }

  /** @return the result of one target, never null */
  public TargetResult target(ConversionTarget target) {
    return targets.get(target);
  }

  /** @return true once the conversion has been undone */
  public boolean isUndone() {
    return undoneAt != null;
  }

  /** @return the created or linked account, if any */
  public Optional<AccountId> accountId() {
    return targets.get(ConversionTarget.ACCOUNT).recordId().map(AccountId.class::cast);
  }

  /** @return the created or linked contact, if any */
  public Optional<ContactId> contactId() {
    return targets.get(ConversionTarget.CONTACT).recordId().map(ContactId.class::cast);
  }

  /** @return the created opportunity, if any */
  public Optional<OpportunityId> opportunityId() {
    return targets.get(ConversionTarget.OPPORTUNITY).recordId().map(OpportunityId.class::cast);
  }

  /** @return a copy with another version (adapters use it when they store the record) */
  public ConversionRecord withVersion(long newVersion) {
    return new ConversionRecord(id, newVersion, leadId, policyId, policyVersion, targets, leadBefore, automatic,
        ruleId, convertedBy, convertedAt, undoneBy, undoneAt);
  }

  /** @return a copy marked undone */
  public ConversionRecord undone(UserId by, Instant at) {
    if (isUndone()) {
      throw new IllegalStateException("conversion " + id + " was already undone at " + undoneAt);
    }
    return new ConversionRecord(id, version, leadId, policyId, policyVersion, targets, leadBefore, automatic, ruleId,
        convertedBy, convertedAt, Objects.requireNonNull(by, "by"), Objects.requireNonNull(at, "at"));
  }
}
