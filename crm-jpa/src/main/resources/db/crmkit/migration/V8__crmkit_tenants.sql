-- crmkit tenants (issue 10): every row belongs to one tenant (org.crmkit.shared.TenantId, at most 64 characters,
-- Limits.TENANT_ID), and every query of the adapter is scoped to the tenant of its unit of work.
-- Portable SQL: runs unchanged on PostgreSQL (14+) and H2 (2.x). Additive only; V1..V7 are never edited.
--
-- 1. A tenant_id column on every crmkit table. Rows that existed before this migration belong to the default
--    tenant 'default' (TenantId.DEFAULT): the column is added with that default, which is then dropped, so that a
--    write that forgets the tenant fails on NOT NULL instead of landing silently in the default tenant.
-- 2. Every index the adapter's queries use leads with tenant_id, and the uniqueness that matters to the domain
--    (an account's claim on its normalised name, one history entry per version) holds per tenant.
-- 3. Links between records are composite foreign keys (tenant_id, x_id) -> (tenant_id, id), each backed by a
--    unique (tenant_id, id) on the referenced table: a row can never link to another tenant's record, not even
--    through SQL written by hand. Primary keys stay the globally unique UUID ids.
-- 4. The lines tables (forecast lines, budget months, forecast history lines) are reached only through their
--    parent's key; they carry the tenant too, tied to their parent's by the composite foreign key, and keep their
--    primary keys (parent id first), which the joins from the parent use.

ALTER TABLE crm_account ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE crm_contact ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE crm_lead ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE crm_opportunity ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE crm_stage_history ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE crm_billing_forecast ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE crm_billing_forecast_line ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE crm_forecast_history ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE crm_forecast_history_line ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE crm_account_budget ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE crm_account_budget_line ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;
ALTER TABLE crm_conversion_record ADD COLUMN tenant_id VARCHAR(64) DEFAULT 'default' NOT NULL;

ALTER TABLE crm_account ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE crm_contact ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE crm_lead ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE crm_opportunity ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE crm_stage_history ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE crm_billing_forecast ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE crm_billing_forecast_line ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE crm_forecast_history ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE crm_forecast_history_line ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE crm_account_budget ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE crm_account_budget_line ALTER COLUMN tenant_id DROP DEFAULT;
ALTER TABLE crm_conversion_record ALTER COLUMN tenant_id DROP DEFAULT;

-- The single-column foreign keys go first (H2 may have adopted an index for one), then the old indexes.
ALTER TABLE crm_contact DROP CONSTRAINT crm_contact_account_fk;
ALTER TABLE crm_opportunity DROP CONSTRAINT crm_opportunity_account_fk;
ALTER TABLE crm_opportunity DROP CONSTRAINT crm_opportunity_contact_fk;
ALTER TABLE crm_billing_forecast DROP CONSTRAINT crm_billing_forecast_opportunity_fk;
ALTER TABLE crm_billing_forecast_line DROP CONSTRAINT crm_billing_forecast_line_forecast_fk;
ALTER TABLE crm_forecast_history_line DROP CONSTRAINT crm_forecast_history_line_history_fk;
ALTER TABLE crm_account_budget DROP CONSTRAINT crm_account_budget_account_fk;
ALTER TABLE crm_account_budget_line DROP CONSTRAINT crm_account_budget_line_budget_fk;
ALTER TABLE crm_stage_history DROP CONSTRAINT crm_stage_history_opportunity_version_uk;
ALTER TABLE crm_forecast_history DROP CONSTRAINT crm_forecast_history_opportunity_version_uk;

DROP INDEX crm_account_owner_idx;
DROP INDEX crm_account_created_idx;
DROP INDEX crm_account_name_normalized_idx;
DROP INDEX crm_account_match_domain_idx;
DROP INDEX crm_account_match_key_version_idx;
DROP INDEX crm_account_match_claim_uk;
DROP INDEX crm_contact_owner_idx;
DROP INDEX crm_contact_account_idx;
DROP INDEX crm_contact_email_idx;
DROP INDEX crm_contact_created_idx;
DROP INDEX crm_lead_owner_idx;
DROP INDEX crm_lead_status_idx;
DROP INDEX crm_lead_email_idx;
DROP INDEX crm_lead_created_idx;
DROP INDEX crm_opportunity_owner_idx;
DROP INDEX crm_opportunity_stage_idx;
DROP INDEX crm_opportunity_close_date_idx;
DROP INDEX crm_opportunity_account_idx;
DROP INDEX crm_opportunity_contact_idx;
DROP INDEX crm_opportunity_source_lead_idx;
DROP INDEX crm_opportunity_created_idx;
DROP INDEX crm_opportunity_account_close_idx;
DROP INDEX crm_stage_history_changed_at_idx;
DROP INDEX crm_conversion_record_lead_idx;

-- The targets of the composite foreign keys: (tenant_id, id) is unique because id alone is.
ALTER TABLE crm_account ADD CONSTRAINT crm_account_tenant_uk UNIQUE (tenant_id, id);
ALTER TABLE crm_contact ADD CONSTRAINT crm_contact_tenant_uk UNIQUE (tenant_id, id);
ALTER TABLE crm_opportunity ADD CONSTRAINT crm_opportunity_tenant_uk UNIQUE (tenant_id, id);
ALTER TABLE crm_billing_forecast ADD CONSTRAINT crm_billing_forecast_tenant_uk UNIQUE (tenant_id, opportunity_id);
ALTER TABLE crm_forecast_history ADD CONSTRAINT crm_forecast_history_tenant_uk UNIQUE (tenant_id, id);
ALTER TABLE crm_account_budget ADD CONSTRAINT crm_account_budget_tenant_uk UNIQUE (tenant_id, account_id);

-- Accounts: lists by owner and in creation order; conversion's duplicate check by normalised name, by domain and
-- the rows whose keys are not computed yet; at most one claim per normalised name and tenant.
CREATE INDEX crm_account_owner_idx ON crm_account (tenant_id, owner_id);
CREATE INDEX crm_account_created_idx ON crm_account (tenant_id, created_at, id);
CREATE INDEX crm_account_name_normalized_idx ON crm_account (tenant_id, name_normalized);
CREATE INDEX crm_account_match_domain_idx ON crm_account (tenant_id, match_domain);
CREATE INDEX crm_account_match_key_version_idx ON crm_account (tenant_id, match_key_version);
CREATE UNIQUE INDEX crm_account_match_claim_uk ON crm_account (tenant_id, match_claim);

CREATE INDEX crm_contact_owner_idx ON crm_contact (tenant_id, owner_id);
CREATE INDEX crm_contact_account_idx ON crm_contact (tenant_id, account_id);
CREATE INDEX crm_contact_email_idx ON crm_contact (tenant_id, email_normalized);
CREATE INDEX crm_contact_created_idx ON crm_contact (tenant_id, created_at, id);

CREATE INDEX crm_lead_owner_idx ON crm_lead (tenant_id, owner_id);
CREATE INDEX crm_lead_status_idx ON crm_lead (tenant_id, status);
CREATE INDEX crm_lead_email_idx ON crm_lead (tenant_id, email_normalized);
CREATE INDEX crm_lead_created_idx ON crm_lead (tenant_id, created_at, id);

CREATE INDEX crm_opportunity_owner_idx ON crm_opportunity (tenant_id, owner_id);
CREATE INDEX crm_opportunity_stage_idx ON crm_opportunity (tenant_id, stage);
CREATE INDEX crm_opportunity_close_date_idx ON crm_opportunity (tenant_id, close_date);
CREATE INDEX crm_opportunity_account_idx ON crm_opportunity (tenant_id, account_id);
CREATE INDEX crm_opportunity_contact_idx ON crm_opportunity (tenant_id, contact_id);
CREATE INDEX crm_opportunity_source_lead_idx ON crm_opportunity (tenant_id, source_lead_id);
CREATE INDEX crm_opportunity_created_idx ON crm_opportunity (tenant_id, created_at, id);
-- The account card's won figures: an account's opportunities by close date.
CREATE INDEX crm_opportunity_account_close_idx ON crm_opportunity (tenant_id, account_id, close_date);

-- History: one entry per opportunity and version within a tenant; read by opportunity in version order.
ALTER TABLE crm_stage_history ADD CONSTRAINT crm_stage_history_opportunity_version_uk
    UNIQUE (tenant_id, opportunity_id, version);
CREATE INDEX crm_stage_history_changed_at_idx ON crm_stage_history (tenant_id, changed_at);
ALTER TABLE crm_forecast_history ADD CONSTRAINT crm_forecast_history_opportunity_version_uk
    UNIQUE (tenant_id, opportunity_id, version);

-- A lead's conversion records, in order.
CREATE INDEX crm_conversion_record_lead_idx ON crm_conversion_record (tenant_id, lead_id, converted_at, id);

-- Links within one tenant only.
ALTER TABLE crm_contact ADD CONSTRAINT crm_contact_account_fk
    FOREIGN KEY (tenant_id, account_id) REFERENCES crm_account (tenant_id, id);
ALTER TABLE crm_opportunity ADD CONSTRAINT crm_opportunity_account_fk
    FOREIGN KEY (tenant_id, account_id) REFERENCES crm_account (tenant_id, id);
ALTER TABLE crm_opportunity ADD CONSTRAINT crm_opportunity_contact_fk
    FOREIGN KEY (tenant_id, contact_id) REFERENCES crm_contact (tenant_id, id);
ALTER TABLE crm_billing_forecast ADD CONSTRAINT crm_billing_forecast_opportunity_fk
    FOREIGN KEY (tenant_id, opportunity_id) REFERENCES crm_opportunity (tenant_id, id);
ALTER TABLE crm_billing_forecast_line ADD CONSTRAINT crm_billing_forecast_line_forecast_fk
    FOREIGN KEY (tenant_id, opportunity_id) REFERENCES crm_billing_forecast (tenant_id, opportunity_id);
ALTER TABLE crm_forecast_history_line ADD CONSTRAINT crm_forecast_history_line_history_fk
    FOREIGN KEY (tenant_id, history_id) REFERENCES crm_forecast_history (tenant_id, id);
ALTER TABLE crm_account_budget ADD CONSTRAINT crm_account_budget_account_fk
    FOREIGN KEY (tenant_id, account_id) REFERENCES crm_account (tenant_id, id);
ALTER TABLE crm_account_budget_line ADD CONSTRAINT crm_account_budget_line_budget_fk
    FOREIGN KEY (tenant_id, account_id) REFERENCES crm_account_budget (tenant_id, account_id);
