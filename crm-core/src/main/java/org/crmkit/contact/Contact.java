package org.crmkit.contact;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.crmkit.customfield.CustomFields;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.UserId;

/**
 * A contact: a real person, usually at an account. Invariant: it always has a last name. Not thread-safe: one
 * instance per unit of work.
 */
public final class Contact {
  private final ContactId id;
  private final long version;
  private final Instant createdAt;
  private UserId owner;
  private AccountId accountId;
  private ContactDetails details;
  private CustomFields customFields;
  private Instant updatedAt;

  private Contact(ContactSnapshot s) {
    this.id = Objects.requireNonNull(s.id(), "id");
    this.version = s.version();
    this.owner = Objects.requireNonNull(s.owner(), "owner");
    this.accountId = s.accountId();
    this.details = Objects.requireNonNull(s.details(), "details");
    this.customFields = Objects.requireNonNull(s.customFields(), "customFields");
    this.createdAt = Objects.requireNonNull(s.createdAt(), "createdAt");
    this.updatedAt = Objects.requireNonNull(s.updatedAt(), "updatedAt");
    if (version < 0) {
      throw new IllegalArgumentException("version must be 0 or more, was " + version);
    }
  }

  /**
   * Creates a new contact.
   *
   * @param accountId the account the person belongs to, or null
   */
  public static Contact create(
      ContactId id, UserId owner, AccountId accountId, ContactDetails details, CustomFields customFields, Instant now) {
    return new Contact(new ContactSnapshot(id, 0, owner, accountId, details, customFields, now, now));
  }

  public static Contact restore(ContactSnapshot snapshot) {
    return new Contact(Objects.requireNonNull(snapshot, "snapshot"));
  }

  public ContactSnapshot snapshot() {
    return new ContactSnapshot(id, version, owner, accountId, details, customFields, createdAt, updatedAt);
  }

  /** Replaces the standard data and custom fields. */
  public void edit(ContactDetails newDetails, CustomFields newCustomFields, Instant now) {
    this.details = Objects.requireNonNull(newDetails, "details");
    this.customFields = Objects.requireNonNull(newCustomFields, "customFields");
    this.updatedAt = now;
  }

  /** Links the contact to an account, or unlinks it with null. */
  public void moveToAccount(AccountId newAccountId, Instant now) {
    this.accountId = newAccountId;
    this.updatedAt = now;
  }

  public void assignTo(UserId newOwner, Instant now) {
    this.owner = Objects.requireNonNull(newOwner, "owner");
    this.updatedAt = now;
  }

  public ContactId id() {
    return id;
  }

  public long version() {
    return version;
  }

  public UserId owner() {
    return owner;
  }

  public Optional<AccountId> accountId() {
    return Optional.ofNullable(accountId);
  }

  public ContactDetails details() {
    return details;
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
