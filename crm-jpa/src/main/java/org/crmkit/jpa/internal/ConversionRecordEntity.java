package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * Row of {@code crm_conversion_record}. Internal: mapped to and from {@link org.crmkit.conversion.ConversionRecord}.
 * The result of each target takes four columns ({@code <target>_action}, {@code _disposition}, {@code _record_id},
 * {@code _version_after}); the lead as it was before the conversion takes the {@code lead_*} columns, encoded
 * exactly like {@code crm_lead}, so it round-trips to an equal {@link org.crmkit.lead.LeadSnapshot}.
 */
@Entity(name = "CrmConversionRecord")
@Table(name = "crm_conversion_record")
public class ConversionRecordEntity extends VersionedEntity {
  @Column(name = "lead_id", nullable = false)
  UUID leadId;

  @Column(name = "policy_id", length = 100, nullable = false)
  String policyId;

  @Column(name = "policy_version", nullable = false)
  int policyVersion;

  @Column(name = "account_action", length = 20, nullable = false)
  String accountAction;

  @Column(name = "account_disposition", length = 20, nullable = false)
  String accountDisposition;

  @Column(name = "account_record_id")
  UUID accountRecordId;

  @Column(name = "account_version_after", nullable = false)
  long accountVersionAfter;

  /** What the conversion filled into a linked account, with the values before ({@link TextCodec#encodeFills}). */
  @Column(name = "account_fills", length = 65535)
  String accountFills;

  @Column(name = "contact_action", length = 20, nullable = false)
  String contactAction;

  @Column(name = "contact_disposition", length = 20, nullable = false)
  String contactDisposition;

  @Column(name = "contact_record_id")
  UUID contactRecordId;

  @Column(name = "contact_version_after", nullable = false)
  long contactVersionAfter;

  /** What the conversion filled into a linked contact, with the values before ({@link TextCodec#encodeFills}). */
  @Column(name = "contact_fills", length = 65535)
  String contactFills;

  @Column(name = "opportunity_action", length = 20, nullable = false)
  String opportunityAction;

  @Column(name = "opportunity_disposition", length = 20, nullable = false)
  String opportunityDisposition;

  @Column(name = "opportunity_record_id")
  UUID opportunityRecordId;

  @Column(name = "opportunity_version_after", nullable = false)
  long opportunityVersionAfter;

  @Column(name = "automatic", nullable = false)
  boolean automatic;

  @Column(name = "rule_id", length = 100)
  String ruleId;

  @Column(name = "converted_by", length = 100, nullable = false)
  String convertedBy;

  @Column(name = "converted_at", nullable = false)
  Instant convertedAt;

  @Column(name = "undone_by", length = 100)
  String undoneBy;

  @Column(name = "undone_at")
  Instant undoneAt;

  // ---- the lead before the conversion

  @Column(name = "lead_version", nullable = false)
  long leadVersion;

  @Column(name = "lead_owner_id", length = 100, nullable = false)
  String leadOwnerId;

  @Column(name = "lead_first_name", length = 80)
  String leadFirstName;

  @Column(name = "lead_last_name", length = 80)
  String leadLastName;

  @Column(name = "lead_company", length = 200)
  String leadCompany;

  @Column(name = "lead_title", length = 120)
  String leadTitle;

  @Column(name = "lead_email", length = 254)
  String leadEmail;

  @Column(name = "lead_phone", length = 40)
  String leadPhone;

  @Column(name = "lead_website", length = 255)
  String leadWebsite;

  @Column(name = "lead_lead_source", length = 80)
  String leadLeadSource;

  @Column(name = "lead_industry", length = 80)
  String leadIndustry;

  @Column(name = "lead_description", length = 4000)
  String leadDescription;

  @Column(name = "lead_status", length = 40, nullable = false)
  String leadStatus;

  @Column(name = "lead_unqualified_reason", length = 500)
  String leadUnqualifiedReason;

  @Column(name = "lead_custom_fields", length = 65535)
  String leadCustomFields;

  @Column(name = "lead_converted_at")
  Instant leadConvertedAt;

  @Column(name = "lead_converted_by", length = 100)
  String leadConvertedBy;

  @Column(name = "lead_converted_account_id")
  UUID leadConvertedAccountId;

  @Column(name = "lead_converted_contact_id")
  UUID leadConvertedContactId;

  @Column(name = "lead_converted_opportunity_id")
  UUID leadConvertedOpportunityId;

  @Column(name = "lead_created_at", nullable = false)
  Instant leadCreatedAt;

  @Column(name = "lead_updated_at", nullable = false)
  Instant leadUpdatedAt;

  public ConversionRecordEntity() {}
}
