package org.crmkit.jpa.internal;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.crmkit.conversion.ConversionId;
import org.crmkit.conversion.ConversionRecord;
import org.crmkit.conversion.ConversionTarget;
import org.crmkit.conversion.TargetResult;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.UserId;

/**
 * Row of {@code crm_conversion_record}: maps itself to and from {@link ConversionRecord}. The result of each target
 * takes a group of four columns ({@link TargetColumns}: {@code <target>_action}, {@code _disposition},
 * {@code _record_id}, {@code _version_after}); the lead as it was before the conversion takes the {@code lead_*}
 * columns, mapped by the same {@link LeadColumns} as {@code crm_lead}, so it round-trips to an equal
 * {@link org.crmkit.lead.LeadSnapshot}.
 */
@Entity(name = "CrmConversionRecord")
@Table(name = "crm_conversion_record")
public class ConversionRecordEntity extends VersionedEntity {
  @Column(name = "lead_id", nullable = false)
  UUID leadId;

  @Column(name = "policy_id", length = Limits.RULE_ID, nullable = false)
  String policyId;

  @Column(name = "policy_version", nullable = false)
  int policyVersion;

  @Embedded
  @AttributeOverride(name = "action", column = @Column(name = "account_action", length = 20, nullable = false))
  @AttributeOverride(name = "disposition",
      column = @Column(name = "account_disposition", length = 20, nullable = false))
  @AttributeOverride(name = "recordId", column = @Column(name = "account_record_id"))
  @AttributeOverride(name = "versionAfter", column = @Column(name = "account_version_after", nullable = false))
  TargetColumns account;

  @Embedded
  @AttributeOverride(name = "action", column = @Column(name = "contact_action", length = 20, nullable = false))
  @AttributeOverride(name = "disposition",
      column = @Column(name = "contact_disposition", length = 20, nullable = false))
  @AttributeOverride(name = "recordId", column = @Column(name = "contact_record_id"))
  @AttributeOverride(name = "versionAfter", column = @Column(name = "contact_version_after", nullable = false))
  TargetColumns contact;

  @Embedded
  @AttributeOverride(name = "action", column = @Column(name = "opportunity_action", length = 20, nullable = false))
  @AttributeOverride(name = "disposition",
      column = @Column(name = "opportunity_disposition", length = 20, nullable = false))
  @AttributeOverride(name = "recordId", column = @Column(name = "opportunity_record_id"))
  @AttributeOverride(name = "versionAfter",
      column = @Column(name = "opportunity_version_after", nullable = false))
  TargetColumns opportunity;

  /** What the conversion filled into a linked account, with the values before ({@link TextCodec#encodeFills}). */
  @Column(name = "account_fills", length = TextCodec.CUSTOM_FIELDS_COLUMN)
  String accountFills;

  /** What the conversion filled into a linked contact, with the values before ({@link TextCodec#encodeFills}). */
  @Column(name = "contact_fills", length = TextCodec.CUSTOM_FIELDS_COLUMN)
  String contactFills;

  @Column(name = "automatic", nullable = false)
  boolean automatic;

  @Column(name = "rule_id", length = Limits.RULE_ID)
  String ruleId;

  @Column(name = "converted_by", length = Limits.USER_ID, nullable = false)
  String convertedBy;

  @Column(name = "converted_at", nullable = false)
  Instant convertedAt;

  @Column(name = "undone_by", length = Limits.USER_ID)
  String undoneBy;

  @Column(name = "undone_at")
  Instant undoneAt;

  // ---- the lead before the conversion

  @Column(name = "lead_version", nullable = false)
  long leadVersion;

  @Embedded
  @AttributeOverride(name = "ownerId", column = @Column(name = "lead_owner_id", length = Limits.USER_ID,
      nullable = false))
  @AttributeOverride(name = "firstName", column = @Column(name = "lead_first_name", length = Limits.PERSON_NAME))
  @AttributeOverride(name = "lastName", column = @Column(name = "lead_last_name", length = Limits.PERSON_NAME))
  @AttributeOverride(name = "company", column = @Column(name = "lead_company", length = Limits.NAME))
  @AttributeOverride(name = "title", column = @Column(name = "lead_title", length = Limits.JOB_TITLE))
  @AttributeOverride(name = "email", column = @Column(name = "lead_email", length = Limits.EMAIL))
  @AttributeOverride(name = "phone", column = @Column(name = "lead_phone", length = Limits.PHONE))
  @AttributeOverride(name = "website", column = @Column(name = "lead_website", length = Limits.WEBSITE))
  @AttributeOverride(name = "leadSource", column = @Column(name = "lead_lead_source", length = Limits.CATEGORY))
  @AttributeOverride(name = "industry", column = @Column(name = "lead_industry", length = Limits.CATEGORY))
  @AttributeOverride(name = "description",
      column = @Column(name = "lead_description", length = Limits.DESCRIPTION))
  @AttributeOverride(name = "status", column = @Column(name = "lead_status", length = Limits.KEY, nullable = false))
  @AttributeOverride(name = "unqualifiedReason",
      column = @Column(name = "lead_unqualified_reason", length = Limits.REASON))
  @AttributeOverride(name = "customFields",
      column = @Column(name = "lead_custom_fields", length = TextCodec.CUSTOM_FIELDS_COLUMN))
  @AttributeOverride(name = "convertedAt", column = @Column(name = "lead_converted_at"))
  @AttributeOverride(name = "convertedBy", column = @Column(name = "lead_converted_by", length = Limits.USER_ID))
  @AttributeOverride(name = "convertedAccountId", column = @Column(name = "lead_converted_account_id"))
  @AttributeOverride(name = "convertedContactId", column = @Column(name = "lead_converted_contact_id"))
  @AttributeOverride(name = "convertedOpportunityId", column = @Column(name = "lead_converted_opportunity_id"))
  @AttributeOverride(name = "createdAt", column = @Column(name = "lead_created_at", nullable = false,
      updatable = false))
  @AttributeOverride(name = "updatedAt", column = @Column(name = "lead_updated_at", nullable = false))
  LeadColumns leadBefore;

  public ConversionRecordEntity() {}

  ConversionRecord toRecord() {
    Map<ConversionTarget, TargetResult> targets = new EnumMap<>(ConversionTarget.class);
    targets.put(ConversionTarget.ACCOUNT,
        account.toResult(ConversionTarget.ACCOUNT, TextCodec.decodeFills(accountFills)));
    targets.put(ConversionTarget.CONTACT,
        contact.toResult(ConversionTarget.CONTACT, TextCodec.decodeFills(contactFills)));
    targets.put(ConversionTarget.OPPORTUNITY, opportunity.toResult(ConversionTarget.OPPORTUNITY, List.of()));
    return new ConversionRecord(
        ConversionId.of(getId()),
        getVersion(),
        LeadId.of(leadId),
        policyId,
        policyVersion,
        targets,
        leadBefore.toSnapshot(leadId, leadVersion),
        automatic,
        ruleId,
        UserId.of(convertedBy),
        convertedAt,
        undoneBy == null ? null : UserId.of(undoneBy),
        undoneAt);
  }

  void copyFrom(ConversionRecord r) {
    if (!r.leadBefore().id().equals(r.leadId())) {
      // One column holds both: a record about one lead that snapshots another could not be stored faithfully.
      throw new IllegalArgumentException("conversion record " + r.id() + " is about lead " + r.leadId()
          + " but holds the state of lead " + r.leadBefore().id());
    }
    setId(r.id().value());
    leadId = r.leadId().value();
    policyId = r.policyId();
    policyVersion = r.policyVersion();
    account = TargetColumns.of(r.target(ConversionTarget.ACCOUNT));
    accountFills = TextCodec.encodeFills(r.target(ConversionTarget.ACCOUNT).fills());
    contact = TargetColumns.of(r.target(ConversionTarget.CONTACT));
    contactFills = TextCodec.encodeFills(r.target(ConversionTarget.CONTACT).fills());
    opportunity = TargetColumns.of(r.target(ConversionTarget.OPPORTUNITY));
    automatic = r.automatic();
    ruleId = r.ruleId();
    convertedBy = r.convertedBy().value();
    convertedAt = Columns.micros(r.convertedAt());
    undoneBy = r.undoneBy() == null ? null : r.undoneBy().value();
    undoneAt = Columns.micros(r.undoneAt());
    leadVersion = r.leadBefore().version();
    leadBefore = LeadColumns.of(r.leadBefore());
  }
}
