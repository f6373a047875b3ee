package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.util.UUID;
import org.crmkit.opportunity.OpportunitySnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.LeadId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.OpportunityId;
import org.crmkit.shared.Probability;
import org.crmkit.shared.UserId;

/**
 * Row of {@code crm_opportunity}: maps itself to and from {@link OpportunitySnapshot}. Links to the account and
 * contact are plain ids (aggregates refer to each other by id); list queries join the account explicitly.
 */
@Entity(name = "CrmOpportunity")
@Table(name = "crm_opportunity")
public class OpportunityEntity extends VersionedEntity {
  @Column(name = "owner_id", length = Limits.USER_ID, nullable = false)
  String ownerId;

  @Column(name = "name", length = Limits.NAME, nullable = false)
  String name;

  @Column(name = "account_id")
  UUID accountId;

  @Column(name = "contact_id")
  UUID contactId;

  /** {@code amount} and {@code currency}. */
  @Embedded
  MoneyColumns money;

  @Column(name = "probability", nullable = false)
  int probability;

  @Column(name = "probability_manual", nullable = false)
  boolean probabilityManual;

  @Column(name = "stage", length = Limits.KEY, nullable = false)
  String stage;

  @Column(name = "close_date")
  LocalDate closeDate;

  @Column(name = "lost_reason", length = Limits.REASON)
  String lostReason;

  @Column(name = "lead_source", length = Limits.CATEGORY)
  String leadSource;

  @Column(name = "next_step", length = Limits.NEXT_STEP)
  String nextStep;

  @Column(name = "description", length = Limits.DESCRIPTION)
  String description;

  @Column(name = "segments", length = TextCodec.SEGMENTS_COLUMN)
  String segments;

  @Column(name = "custom_fields", length = TextCodec.CUSTOM_FIELDS_COLUMN)
  String customFields;

  @Column(name = "source_lead_id")
  UUID sourceLeadId;

  @Embedded
  AuditColumns audit;

  public OpportunityEntity() {}

  OpportunitySnapshot toSnapshot() {
    return new OpportunitySnapshot(
        OpportunityId.of(getId()),
        getVersion(),
        UserId.of(ownerId),
        name,
        accountId == null ? null : AccountId.of(accountId),
        contactId == null ? null : ContactId.of(contactId),
        MoneyColumns.toMoney(money),
        Probability.of(probability),
        probabilityManual,
        stage,
        closeDate,
        lostReason,
        leadSource,
        nextStep,
        description,
        TextCodec.decodeSegments(segments),
        TextCodec.decodeCustomFields(customFields),
        sourceLeadId == null ? null : LeadId.of(sourceLeadId),
        audit.createdAt,
        audit.updatedAt);
  }

  void copyFrom(OpportunitySnapshot s) {
    setId(s.id().value());
    ownerId = s.owner().value();
    name = s.name();
    accountId = s.accountId() == null ? null : s.accountId().value();
    contactId = s.contactId() == null ? null : s.contactId().value();
    money = MoneyColumns.of(s.amount());
    probability = s.probability().percent();
    probabilityManual = s.probabilityManual();
    stage = s.stage();
    closeDate = s.closeDate();
    lostReason = s.lostReason();
    leadSource = s.leadSource();
    nextStep = s.nextStep();
    description = s.description();
    segments = TextCodec.encode(s.segments());
    customFields = TextCodec.encode(s.customFields());
    sourceLeadId = s.sourceLeadId() == null ? null : s.sourceLeadId().value();
    audit = AuditColumns.of(s.createdAt(), s.updatedAt());
  }
}
