package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Row of {@code crm_contact}. Internal: mapped to and from {@link org.crmkit.contact.ContactSnapshot}. */
@Entity(name = "CrmContact")
@Table(name = "crm_contact")
public class ContactEntity extends VersionedEntity {
  @Column(name = "owner_id", length = 100, nullable = false)
  String ownerId;

  @Column(name = "account_id")
  UUID accountId;

  @Column(name = "first_name", length = 80)
  String firstName;

  @Column(name = "last_name", length = 80, nullable = false)
  String lastName;

  @Column(name = "email", length = 254)
  String email;

  /** The lower-cased e-mail address, for case-insensitive lookups through an index. */
  @Column(name = "email_normalized", length = 254)
  String emailNormalized;

  @Column(name = "phone", length = 40)
  String phone;

  @Column(name = "title", length = 120)
  String title;

  @Column(name = "description", length = 4000)
  String description;

  @Column(name = "custom_fields", length = 65535)
  String customFields;

  @Column(name = "created_at", nullable = false, updatable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  public ContactEntity() {}
}
