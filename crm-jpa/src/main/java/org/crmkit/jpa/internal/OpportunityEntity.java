package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Row of {@code crm_opportunity}. Internal: mapped to and from {@link org.crmkit.opportunity.OpportunitySnapshot}.
 * Links to the account and contact are plain ids (aggregates refer to each other by id); list queries join the
 * account explicitly.
 */
@Entity(name = "CrmOpportunity")
@Table(name = "crm_opportunity")
public class OpportunityEntity extends VersionedEntity {
  @Column(name = "owner_id", length = 100, nullable = false)
  String ownerId;

  @Column(name = "name", length = 200, nullable = false)
  String name;

  @Column(name = "account_id")
  UUID accountId;

  @Column(name = "contact_id")
  UUID contactId;

  @Column(name = "amount", precision = 19, scale = 4)
  BigDecimal amount;

  @Column(name = "currency", length = 3)
  String currency;

  @Column(name = "probability", nullable = false)
  int probability;

  @Column(name = "probability_manual", nullable = false)
  boolean probabilityManual;

  @Column(name = "stage", length = 40, nullable = false)
  String stage;

  @Column(name = "close_date")
  LocalDate closeDate;

  @Column(name = "lost_reason", length = 500)
  String lostReason;

  @Column(name = "lead_source", length = 80)
  String leadSource;

  @Column(name = "next_step", length = 255)
  String nextStep;

  @Column(name = "description", length = 4000)
  String description;

  @Column(name = "segments", length = 4000)
  String segments;

  @Column(name = "custom_fields", length = 65535)
  String customFields;

  @Column(name = "source_lead_id")
  UUID sourceLeadId;

  @Column(name = "created_at", nullable = false, updatable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  public OpportunityEntity() {}
}
