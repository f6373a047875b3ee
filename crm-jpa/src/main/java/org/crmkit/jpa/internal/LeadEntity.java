package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.crmkit.lead.LeadSnapshot;
import org.crmkit.shared.Limits;

/** Row of {@code crm_lead}: maps itself to and from {@link LeadSnapshot}. */
@Entity(name = "CrmLead")
@Table(name = "crm_lead")
public class LeadEntity extends VersionedEntity {
  @Embedded
  LeadColumns lead;

  /** The lower-cased e-mail address, for case-insensitive lookups through an index. */
  @Column(name = "email_normalized", length = Limits.EMAIL)
  String emailNormalized;

  public LeadEntity() {}

  LeadSnapshot toSnapshot() {
    return lead.toSnapshot(getId(), getVersion());
  }

  void copyFrom(LeadSnapshot s) {
    setId(s.id().value());
    lead = LeadColumns.of(s);
    emailNormalized = Columns.emailNormalized(s.details().email());
  }
}
