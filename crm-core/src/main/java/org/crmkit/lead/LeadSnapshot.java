package org.crmkit.lead;

import java.time.Instant;
import org.crmkit.customfield.CustomFields;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.UserId;

/**
 * The complete state of a {@link Lead} as an immutable value: what adapters store and {@link Lead#restore}
 * rebuilds from.
 *
 * @param id never null
 * @param version the stored version; 0 for a lead never saved
 * @param owner never null
 * @param details never null
 * @param status the lead status key; never null
 * @param unqualifiedReason why the lead was disqualified, or null
 * @param customFields never null
 * @param conversion what the lead became, or null while not converted
 * @param createdAt never null
 * @param updatedAt never null
 */
public record LeadSnapshot(
    LeadId id,
    long version,
    UserId owner,
    LeadDetails details,
    String status,
    String unqualifiedReason,
    CustomFields customFields,
    LeadConversionInfo conversion,
    Instant createdAt,
    Instant updatedAt) {

  /** @return a copy with another version (adapters use it when they store the lead) */
  public LeadSnapshot withVersion(long newVersion) {
    return new LeadSnapshot(
        id, newVersion, owner, details, status, unqualifiedReason, customFields, conversion, createdAt, updatedAt);
  }
}
