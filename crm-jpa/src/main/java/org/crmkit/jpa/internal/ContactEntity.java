package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;
import org.crmkit.contact.ContactDetails;
import org.crmkit.contact.ContactSnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.ContactId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.UserId;

/** Row of {@code crm_contact}: maps itself to and from {@link ContactSnapshot}. */
@Entity(name = "CrmContact")
@Table(name = "crm_contact")
public class ContactEntity extends VersionedEntity {
  @Column(name = "owner_id", length = Limits.USER_ID, nullable = false)
  String ownerId;

  @Column(name = "account_id")
  UUID accountId;

  @Column(name = "first_name", length = Limits.PERSON_NAME)
  String firstName;

  @Column(name = "last_name", length = Limits.PERSON_NAME, nullable = false)
  String lastName;

  @Column(name = "email", length = Limits.EMAIL)
  String email;

  /** The lower-cased e-mail address, for case-insensitive lookups through an index. */
  @Column(name = "email_normalized", length = Limits.EMAIL)
  String emailNormalized;

  @Column(name = "phone", length = Limits.PHONE)
  String phone;

  @Column(name = "title", length = Limits.JOB_TITLE)
  String title;

  @Column(name = "description", length = Limits.DESCRIPTION)
  String description;

  @Column(name = "custom_fields", length = TextCodec.CUSTOM_FIELDS_COLUMN)
  String customFields;

  @Embedded
  AuditColumns audit;

  public ContactEntity() {}

  ContactSnapshot toSnapshot() {
    return new ContactSnapshot(
        ContactId.of(getId()),
        getVersion(),
        UserId.of(ownerId),
        accountId == null ? null : AccountId.of(accountId),
        new ContactDetails(firstName, lastName, Columns.email(email), phone, title, description),
        TextCodec.decodeCustomFields(customFields),
        audit.createdAt,
        audit.updatedAt);
  }

  void copyFrom(ContactSnapshot s) {
    setId(s.id().value());
    ownerId = s.owner().value();
    accountId = s.accountId() == null ? null : s.accountId().value();
    ContactDetails d = s.details();
    firstName = d.firstName();
    lastName = d.lastName();
    email = Columns.email(d.email());
    emailNormalized = Columns.emailNormalized(d.email());
    phone = d.phone();
    title = d.title();
    description = d.description();
    customFields = TextCodec.encode(s.customFields());
    audit = AuditColumns.of(s.createdAt(), s.updatedAt());
  }
}
