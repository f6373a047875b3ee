package org.crmkit.spring.boot.app;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The host application's own entity, in the same transactions as crmkit's records. */
@Entity
@Table(name = "host_order")
public class HostOrder {
  @Id
  private Long id;
  private String title;
  private UUID opportunityId;

  protected HostOrder() {}

  public HostOrder(Long id, String title, UUID opportunityId) {
    this.id = id;
    this.title = title;
    this.opportunityId = opportunityId;
  }

  public Long getId() {
    return id;
  }

  public UUID getOpportunityId() {
    return opportunityId;
  }
}
