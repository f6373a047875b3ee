package org.crmkit.opportunity;

import java.time.LocalDate;
import java.util.Objects;
import org.crmkit.customfield.CustomFields;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Money;
import org.crmkit.shared.Probability;
import org.crmkit.shared.Segments;

/**
 * What a new opportunity starts with. Only the name is required; null means "not given" (stage: the pipeline's
 * first open stage; probability: the stage's default).
 *
 * @param name never blank, max 200
 * @param accountId or null
 * @param contactId or null
 * @param amount or null
 * @param probability or null for the stage default
 * @param stage stage key, or null for the first open stage
 * @param closeDate or null
 * @param leadSource or null
 * @param nextStep or null
 * @param description or null
 * @param segments never null
 * @param customFields never null
 * @param sourceLeadId the lead it comes from, or null
 */
public record OpportunityDraft(
    String name,
    AccountId accountId,
    ContactId contactId,
    Money amount,
    Probability probability,
    String stage,
    LocalDate closeDate,
    String leadSource,
    String nextStep,
    String description,
    Segments segments,
    CustomFields customFields,
    LeadId sourceLeadId) {

  public OpportunityDraft {
    Objects.requireNonNull(segments, "segments");
    Objects.requireNonNull(customFields, "customFields");
  }

  /** A draft with only a name. */
  public static OpportunityDraft named(String name) {
    return new OpportunityDraft(
        name, null, null, null, null, null, null, null, null, null, Segments.none(), CustomFields.empty(), null);
  }
}
