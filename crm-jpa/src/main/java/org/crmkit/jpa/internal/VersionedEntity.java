package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.util.UUID;

/**
 * What every aggregate table has: a UUID key and the optimistic-lock version. The stored version is the
 * aggregate's version: an aggregate saved once has version 1 (the adapter sets it before the insert), and the
 * provider increments it with every update, checking the old value in the statement's WHERE clause.
 */
@MappedSuperclass
public abstract class VersionedEntity {
  @Id
  @Column(name = "id", nullable = false, updatable = false)
  private UUID id;

  @Version
  @Column(name = "version", nullable = false)
  private long version;

  public UUID getId() {
    return id;
  }

  public void setId(UUID id) {
    this.id = id;
  }

  public long getVersion() {
    return version;
  }

  /** Only for the first insert; the provider owns the version afterwards. */
  void initialVersion(long value) {
    this.version = value;
  }
}
