package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.UUID;
import org.crmkit.lead.LeadConversionInfo;
import org.crmkit.lead.LeadDetails;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.UserId;

/**
 * A lead's state as columns, without its id and version: the columns of {@code crm_lead}, and the {@code lead_*}
 * columns in which a conversion record keeps the lead as it was before the conversion (renamed there with
 * {@code @AttributeOverride}). One mapping for both, so a stored record reads back the very snapshot it holds.
 */
@Embeddable
public class LeadColumns {
  @Column(name = "owner_id", length = Limits.USER_ID, nullable = false)
  String ownerId;

  @Column(name = "first_name", length = Limits.PERSON_NAME)
  String firstName;

  @Column(name = "last_name", length = Limits.PERSON_NAME)
  String lastName;

  @Column(name = "company", length = Limits.NAME)
  String company;

  @Column(name = "title", length = Limits.JOB_TITLE)
  String title;

  @Column(name = "email", length = Limits.EMAIL)
  String email;

  @Column(name = "phone", length = Limits.PHONE)
  String phone;

  @Column(name = "website", length = Limits.WEBSITE)
  String website;

  @Column(name = "lead_source", length = Limits.CATEGORY)
  String leadSource;

  @Column(name = "industry", length = Limits.CATEGORY)
  String industry;

  @Column(name = "description", length = Limits.DESCRIPTION)
  String description;

  @Column(name = "status", length = Limits.KEY, nullable = false)
  String status;

  @Column(name = "unqualified_reason", length = Limits.REASON)
  String unqualifiedReason;

  @Column(name = "custom_fields", length = TextCodec.CUSTOM_FIELDS_COLUMN)
  String customFields;

  @Column(name = "converted_at")
  Instant convertedAt;

  @Column(name = "converted_by", length = Limits.USER_ID)
  String convertedBy;

  @Column(name = "converted_account_id")
  UUID convertedAccountId;

  @Column(name = "converted_contact_id")
  UUID convertedContactId;

  @Column(name = "converted_opportunity_id")
  UUID convertedOpportunityId;

  @Column(name = "created_at", nullable = false, updatable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  public LeadColumns() {}

  static LeadColumns of(LeadSnapshot s) {
    LeadColumns c = new LeadColumns();
    c.ownerId = s.owner().value();
    LeadDetails d = s.details();
    c.firstName = d.firstName();
    c.lastName = d.lastName();
    c.company = d.company();
    c.title = d.title();
    c.email = Columns.email(d.email());
    c.phone = d.phone();
    c.website = d.website();
    c.leadSource = d.leadSource();
    c.industry = d.industry();
    c.description = d.description();
    c.status = s.status();
    c.unqualifiedReason = s.unqualifiedReason();
    c.customFields = TextCodec.encode(s.customFields());
    LeadConversionInfo conversion = s.conversion();
    if (conversion != null) {
      c.convertedAt = Columns.micros(conversion.convertedAt());
      c.convertedBy = conversion.convertedBy().value();
      c.convertedAccountId = conversion.accountId() == null ? null : conversion.accountId().value();
      c.convertedContactId = conversion.contactId() == null ? null : conversion.contactId().value();
      c.convertedOpportunityId = conversion.opportunityId() == null ? null : conversion.opportunityId().value();
    }
    c.createdAt = Columns.micros(s.createdAt());
    c.updatedAt = Columns.micros(s.updatedAt());
    return c;
  }

  LeadSnapshot toSnapshot(UUID id, long version) {
    LeadConversionInfo conversion = convertedAt == null
        ? null
        : new LeadConversionInfo(
            convertedAccountId == null ? null : AccountId.of(convertedAccountId),
            convertedContactId == null ? null : ContactId.of(convertedContactId),
            convertedOpportunityId == null ? null : OpportunityId.of(convertedOpportunityId),
            convertedAt,
            UserId.of(convertedBy));
    return new LeadSnapshot(
        LeadId.of(id),
        version,
        UserId.of(ownerId),
        new LeadDetails(firstName, lastName, company, title, Columns.email(email), phone, website, leadSource,
            industry, description),
        status,
        unqualifiedReason,
        TextCodec.decodeCustomFields(customFields),
        conversion,
        createdAt,
        updatedAt);
  }
}
