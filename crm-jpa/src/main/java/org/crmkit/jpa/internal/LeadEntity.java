package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Row of {@code crm_lead}. Internal: mapped to and from {@link org.crmkit.lead.LeadSnapshot}. */
@Entity(name = "CrmLead")
@Table(name = "crm_lead")
public class LeadEntity extends VersionedEntity {
  @Column(name = "owner_id", length = 100, nullable = false)
  String ownerId;

  @Column(name = "first_name", length = 80)
  String firstName;

  @Column(name = "last_name", length = 80)
  String lastName;

  @Column(name = "company", length = 200)
  String company;

  @Column(name = "title", length = 120)
  String title;

  @Column(name = "email", length = 254)
  String email;

  /** The lower-cased e-mail address, for case-insensitive lookups through an index. */
  @Column(name = "email_normalized", length = 254)
  String emailNormalized;

  @Column(name = "phone", length = 40)
  String phone;

  @Column(name = "website", length = 255)
  String website;

  @Column(name = "lead_source", length = 80)
  String leadSource;

  @Column(name = "industry", length = 80)
  String industry;

  @Column(name = "description", length = 4000)
  String description;

  @Column(name = "status", length = 40, nullable = false)
  String status;

  @Column(name = "unqualified_reason", length = 500)
  String unqualifiedReason;

  @Column(name = "custom_fields", length = 65535)
  String customFields;

  @Column(name = "converted_at")
  Instant convertedAt;

  @Column(name = "converted_by", length = 100)
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

  public LeadEntity() {}
}
