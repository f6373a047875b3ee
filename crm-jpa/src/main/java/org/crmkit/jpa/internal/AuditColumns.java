package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/** When an aggregate was created (never updated) and last changed: {@code created_at}, {@code updated_at}. */
@Embeddable
public class AuditColumns {
  @Column(name = "created_at", nullable = false, updatable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  public AuditColumns() {}

  static AuditColumns of(Instant createdAt, Instant updatedAt) {
    AuditColumns c = new AuditColumns();
    c.createdAt = Columns.micros(createdAt);
    c.updatedAt = Columns.micros(updatedAt);
    return c;
  }
}
