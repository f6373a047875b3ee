package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.crmkit.shared.Limits;
import org.crmkit.shared.TenantId;
import java.util.UUID;

/**
 * What every aggregate table has: a UUID key, the tenant the row belongs to and the optimistic-lock version. The
 * tenant is written once, on insert, from the unit of work ({@link EntityManagers#tenant()}); every query of the
 * adapter is scoped to it. The stored version is the
 * aggregate's version: an aggregate saved once has version 1 (the adapter sets it before the insert), and the
 * provider increments it with every update, checking the old value in the statement's WHERE clause.
 */
@MappedSuperclass
public abstract class VersionedEntity {
  // Not private, like every mapped field of the adapter: Hibernate generates direct accessors for an entity only
  // when none of its mapped fields is private (otherwise it reads and writes each field through reflection).

  @Id
  @Column(name = "id", nullable = false, updatable = false)
  UUID id;

  @Column(name = "tenant_id", length = Limits.TENANT_ID, nullable = false, updatable = false)
  String tenantId;

  @Version
  @Column(name = "version", nullable = false)
  long version;

  /**
   * The version an update of this unit of work will store when the provider flushes it, or 0: set when
   * {@link VersionedStore} leaves the update to the next flush (so it goes in a JDBC batch with the others).
   */
  @Transient
  private long promisedVersion;

  public UUID getId() {
    return id;
  }

  public void setId(UUID id) {
    this.id = id;
  }

  /** @return the id of the tenant the row belongs to */
  public String getTenantId() {
    return tenantId;
  }

  /** Only before the first insert; the tenant of a row never changes. */
  void tenant(TenantId tenant) {
    this.tenantId = tenant.value();
  }

  /** @return true if the row belongs to {@code tenant} */
  boolean belongsTo(TenantId tenant) {
    return tenant.value().equals(tenantId);
  }

  public long getVersion() {
    return version;
  }

  long promisedVersion() {
    return promisedVersion;
  }

  void promiseVersion(long value) {
    this.promisedVersion = value;
  }

  /** @return true when this unit of work changed the row and the provider has not written the change yet */
  boolean updatePending() {
    return promisedVersion > version;
  }

  /** Only for the first insert; the provider owns the version afterwards. */
  void initialVersion(long value) {
    this.version = value;
  }
}
