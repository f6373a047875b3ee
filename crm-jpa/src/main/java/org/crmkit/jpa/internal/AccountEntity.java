package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.crmkit.account.AccountDetails;
import org.crmkit.account.AccountSnapshot;
import org.crmkit.shared.AccountId;
import org.crmkit.shared.Limits;
import org.crmkit.shared.Text;
import org.crmkit.shared.UserId;

/**
 * Row of {@code crm_account}: maps itself to and from {@link AccountSnapshot}, and keeps the columns derived from
 * it (the folded name for search, the match keys for conversion's duplicate check) in step.
 */
@Entity(name = "CrmAccount")
@Table(name = "crm_account")
public class AccountEntity extends VersionedEntity {
  static final int FOLDED_NAME_LENGTH = Limits.FOLDED_NAME;

  @Column(name = "owner_id", length = Limits.USER_ID, nullable = false)
  String ownerId;

  @Column(name = "name", length = Limits.NAME, nullable = false)
  String name;

  /** {@code Text.fold(name)}: what case-insensitive search compares (V6). */
  @Column(name = "name_folded", length = FOLDED_NAME_LENGTH)
  String nameFolded;

  @Column(name = "website", length = Limits.WEBSITE)
  String website;

  @Column(name = "industry", length = Limits.CATEGORY)
  String industry;

  @Column(name = "phone", length = Limits.PHONE)
  String phone;

  @Column(name = "email", length = Limits.EMAIL)
  String email;

  @Column(name = "city", length = Limits.CATEGORY)
  String city;

  @Column(name = "country", length = Limits.CATEGORY)
  String country;

  @Column(name = "description", length = Limits.DESCRIPTION)
  String description;

  @Column(name = "segments", length = TextCodec.SEGMENTS_COLUMN)
  String segments;

  @Column(name = "custom_fields", length = TextCodec.CUSTOM_FIELDS_COLUMN)
  String customFields;

  /** {@code AccountMatchKey.compactName()} of the name, for the duplicate check's indexed look-up. */
  @Column(name = "name_normalized", length = AccountMatchColumns.NAME_LENGTH)
  String nameNormalized;

  /** The company domain of the account's e-mail address or website, for the duplicate check. */
  @Column(name = "match_domain", length = AccountMatchColumns.DOMAIN_LENGTH)
  String matchDomain;

  /** The normalisation the two match columns follow; null for rows written before they existed. */
  @Column(name = "match_key_version")
  Integer matchKeyVersion;

  /**
   * {@link #nameNormalized} when this account holds the unique claim on it (at most one account per key), else
   * null; see {@link JpaAccountRepository}.
   */
  @Column(name = "match_claim", length = AccountMatchColumns.NAME_LENGTH)
  String matchClaim;

  @Embedded
  AuditColumns audit;

  public AccountEntity() {}

  AccountSnapshot toSnapshot() {
    return new AccountSnapshot(
        AccountId.of(getId()),
        getVersion(),
        UserId.of(ownerId),
        new AccountDetails(name, website, industry, phone, Columns.email(email), city, country, description),
        TextCodec.decodeSegments(segments),
        TextCodec.decodeCustomFields(customFields),
        audit.createdAt,
        audit.updatedAt);
  }

  void copyFrom(AccountSnapshot s) {
    setId(s.id().value());
    ownerId = s.owner().value();
    AccountDetails d = s.details();
    name = d.name();
    nameFolded = Text.fold(d.name());
    website = d.website();
    industry = d.industry();
    phone = d.phone();
    email = Columns.email(d.email());
    city = d.city();
    country = d.country();
    description = d.description();
    segments = TextCodec.encode(s.segments());
    customFields = TextCodec.encode(s.customFields());
    audit = AuditColumns.of(s.createdAt(), s.updatedAt());
    AccountMatchColumns.fill(d, this);
  }
}
