package org.crmkit.opportunity;

import java.time.Instant;
import java.time.LocalDate;
import org.crmkit.customfield.CustomFields;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;

/**
 * The complete state of an {@link Opportunity} as an immutable value: what adapters store.
 *
 * @param id never null
 * @param version stored version; 0 for an opportunity never saved
 * @param owner never null
 * @param name never blank
 * @param accountId linked account, or null
 * @param contactId linked contact, or null
 * @param amount amount, or null
 * @param probability never null
 * @param probabilityManual true when the probability was set by hand rather than taken from the stage
 * @param stage stage key; never null
 * @param closeDate expected close date while open, actual close date once closed; or null
 * @param lostReason why it was lost, or null
 * @param leadSource where it came from, or null
 * @param nextStep the next step, or null
 * @param description or null
 * @param segments never null
 * @param customFields never null
 * @param sourceLeadId the lead it was converted from, or null
 * @param createdAt never null
 * @param updatedAt never null
 */
public record OpportunitySnapshot(
    OpportunityId id,
    long version,
    UserId owner,
    String name,
    AccountId accountId,
    ContactId contactId,
    Money amount,
    Probability probability,
    boolean probabilityManual,
    String stage,
    LocalDate closeDate,
    String lostReason,
    String leadSource,
    String nextStep,
    String description,
    Segments segments,
    CustomFields customFields,
    LeadId sourceLeadId,
    Instant createdAt,
    Instant updatedAt) {

  public OpportunitySnapshot withVersion(long newVersion) {
    return new OpportunitySnapshot(
        id, newVersion, owner, name, accountId, contactId, amount, probability, probabilityManual, stage, closeDate,
        lostReason, leadSource, nextStep, description, segments, customFields, sourceLeadId, createdAt, updatedAt);
  }

  /** @return the fields tracked by stage history */
  public TrackedValues tracked() {
    return new TrackedValues(stage, amount, probability, closeDate);
  }
}
