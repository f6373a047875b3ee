package org.crmkit.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code crm_account}. Internal: mapped to and from {@link org.crmkit.account.AccountSnapshot}. */
@Entity(name = "CrmAccount")
@Table(name = "crm_account")
public class AccountEntity extends VersionedEntity {
  @Column(name = "owner_id", length = 100, nullable = false)
  String ownerId;

  @Column(name = "name", length = 200, nullable = false)
  String name;

  @Column(name = "website", length = 255)
  String website;

  @Column(name = "industry", length = 80)
  String industry;

  @Column(name = "phone", length = 40)
  String phone;

  @Column(name = "email", length = 254)
  String email;

  @Column(name = "city", length = 80)
  String city;

  @Column(name = "country", length = 80)
  String country;

  @Column(name = "description", length = 4000)
  String description;

  @Column(name = "segments", length = 4000)
  String segments;

  @Column(name = "custom_fields", length = 65535)
  String customFields;

  /** {@code AccountMatchKey.normalizeName(name)}, for the duplicate check's indexed look-up. */
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

  @Column(name = "created_at", nullable = false, updatable = false)
  Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  public AccountEntity() {}
}
