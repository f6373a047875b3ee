-- crmkit lead conversion: audit records of conversions, and the match keys of accounts that conversion's
-- duplicate check looks up. Additive only. Portable SQL: runs unchanged on PostgreSQL (14+) and H2 (2.x).

-- Match keys of accounts (org.crmkit.account.AccountMatchKey), written by the adapter on every account save:
--   name_normalized   AccountMatchKey.normalizeName(name), cut to 400 characters
--   match_domain      the company domain from the e-mail address, else from the website, cut to 255 characters
--   match_key_version the normalisation the two columns were computed with (1); NULL = not computed yet.
-- Rows that existed before this migration keep NULLs here: normalisation (Unicode decomposition, legal forms)
-- cannot be expressed in portable SQL. CrmkitSchema.migrate fills them in right after migrating, and until
-- then (or when the schema was migrated by hand) the adapter's look-up also reads the rows whose
-- match_key_version is NULL and compares their keys in Java.
ALTER TABLE crm_account ADD COLUMN name_normalized VARCHAR(400);
ALTER TABLE crm_account ADD COLUMN match_domain VARCHAR(255);
ALTER TABLE crm_account ADD COLUMN match_key_version INTEGER;
CREATE INDEX crm_account_name_normalized_idx ON crm_account (name_normalized);
CREATE INDEX crm_account_match_domain_idx ON crm_account (match_domain);
CREATE INDEX crm_account_match_key_version_idx ON crm_account (match_key_version);

-- One row per lead conversion (org.crmkit.conversion.ConversionRecord): the policy, the result per target, the
-- lead's complete state before the conversion (lead_* columns, encoded like crm_lead), who, when, and the undo.
-- No foreign keys: the record is an audit trail and outlives the lead and the records it created (undo deletes
-- them; the record stays, marked undone).
CREATE TABLE crm_conversion_record (
    id                             UUID                     NOT NULL,
    version                        BIGINT                   NOT NULL,
    lead_id                        UUID                     NOT NULL,
    policy_id                      VARCHAR(100)             NOT NULL,
    policy_version                 INTEGER                  NOT NULL,
    account_action                 VARCHAR(20)              NOT NULL,
    account_disposition            VARCHAR(20)              NOT NULL,
    account_record_id              UUID,
    account_version_after          BIGINT                   NOT NULL,
    contact_action                 VARCHAR(20)              NOT NULL,
    contact_disposition            VARCHAR(20)              NOT NULL,
    contact_record_id              UUID,
    contact_version_after          BIGINT                   NOT NULL,
    opportunity_action             VARCHAR(20)              NOT NULL,
    opportunity_disposition        VARCHAR(20)              NOT NULL,
    opportunity_record_id          UUID,
    opportunity_version_after      BIGINT                   NOT NULL,
    automatic                      BOOLEAN                  NOT NULL,
    rule_id                        VARCHAR(100),
    converted_by                   VARCHAR(100)             NOT NULL,
    converted_at                   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    undone_by                      VARCHAR(100),
    undone_at                      TIMESTAMP(6) WITH TIME ZONE,
    lead_version                   BIGINT                   NOT NULL,
    lead_owner_id                  VARCHAR(100)             NOT NULL,
    lead_first_name                VARCHAR(80),
    lead_last_name                 VARCHAR(80),
    lead_company                   VARCHAR(200),
    lead_title                     VARCHAR(120),
    lead_email                     VARCHAR(254),
    lead_phone                     VARCHAR(40),
    lead_website                   VARCHAR(255),
    lead_lead_source               VARCHAR(80),
    lead_industry                  VARCHAR(80),
    lead_description               VARCHAR(4000),
    lead_status                    VARCHAR(40)              NOT NULL,
    lead_unqualified_reason        VARCHAR(500),
    lead_custom_fields             VARCHAR(65535),
    lead_converted_at              TIMESTAMP(6) WITH TIME ZONE,
    lead_converted_by              VARCHAR(100),
    lead_converted_account_id      UUID,
    lead_converted_contact_id      UUID,
    lead_converted_opportunity_id  UUID,
    lead_created_at                TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    lead_updated_at                TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_conversion_record_pk PRIMARY KEY (id),
    CONSTRAINT crm_conversion_record_undone_ck CHECK ((undone_by IS NULL AND undone_at IS NULL)
                                                      OR (undone_by IS NOT NULL AND undone_at IS NOT NULL))
);
CREATE INDEX crm_conversion_record_lead_idx ON crm_conversion_record (lead_id, converted_at, id);
