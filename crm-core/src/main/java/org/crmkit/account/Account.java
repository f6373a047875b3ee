package org.crmkit.account;

import java.time.Instant;
import java.util.Objects;
import org.crmkit.customfield.CustomFields;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Segments;
import org.crmkit.shared.UserId;

/**
 * An account: a real customer company. Contacts and opportunities refer to it by {@link AccountId}.
 * Invariant: it always has a name. Not thread-safe: one instance per unit of work.
 */
public final class Account {
  private final AccountId id;
  private final long version;
  private final Instant createdAt;
  private UserId owner;
  private AccountDetails details;
  private Segments segments;
  private CustomFields customFields;
  private Instant updatedAt;

  private Account(AccountSnapshot s) {
    this.id = Objects.requireNonNull(s.id(), "id");
    this.version = s.version();
    this.owner = Objects.requireNonNull(s.owner(), "owner");
    this.details = Objects.requireNonNull(s.details(), "details");
    this.segments = Objects.requireNonNull(s.segments(), "segments");
    this.customFields = Objects.requireNonNull(s.customFields(), "customFields");
    this.createdAt = Objects.requireNonNull(s.createdAt(), "createdAt");
    this.updatedAt = Objects.requireNonNull(s.updatedAt(), "updatedAt");
    if (version < 0) {
      throw new IllegalArgumentException("version must be 0 or more, was " + version);
    }
  }

  /** Creates a new account. */
  public static Account create(
      AccountId id, UserId owner, AccountDetails details, Segments segments, CustomFields customFields, Instant now) {
    return new Account(new AccountSnapshot(id, 0, owner, details, segments, customFields, now, now));
  }

  /** Rebuilds an account from stored state, checking its invariants. */
  public static Account restore(AccountSnapshot snapshot) {
    return new Account(Objects.requireNonNull(snapshot, "snapshot"));
  }

  public AccountSnapshot snapshot() {
    return new AccountSnapshot(id, version, owner, details, segments, customFields, createdAt, updatedAt);
  }

  /** Replaces the standard data, segments and custom fields. */
  public void edit(AccountDetails newDetails, Segments newSegments, CustomFields newCustomFields, Instant now) {
    this.details = Objects.requireNonNull(newDetails, "details");
    this.segments = Objects.requireNonNull(newSegments, "segments");
    this.customFields = Objects.requireNonNull(newCustomFields, "customFields");
    this.updatedAt = now;
  }

  public void assignTo(UserId newOwner, Instant now) {
    this.owner = Objects.requireNonNull(newOwner, "owner");
    this.updatedAt = now;
  }

  public AccountId id() {
    return id;
  }

  public long version() {
    return version;
  }

  public UserId owner() {
    return owner;
  }

  public AccountDetails details() {
    return details;
  }

  public String name() {
    return details.name();
  }

  public Segments segments() {
    return segments;
  }

  public CustomFields customFields() {
    return customFields;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
