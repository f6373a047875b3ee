package org.crmkit.lead;

import java.time.Instant;
import java.util.Objects;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.UserId;

/**
 * What a converted lead became, when and by whom. The target ids are null for targets the conversion did not
 * create or link.
 *
 * @param accountId the account, or null
 * @param contactId the contact, or null
 * @param opportunityId the opportunity, or null
 * @param convertedAt when; never null
 * @param convertedBy who; never null
 */
public record LeadConversionInfo(
    AccountId accountId,
    ContactId contactId,
    OpportunityId opportunityId,
    Instant convertedAt,
    UserId convertedBy) {
  public LeadConversionInfo {
    Objects.requireNonNull(convertedAt, "convertedAt");
    Objects.requireNonNull(convertedBy, "convertedBy");
  }
}
