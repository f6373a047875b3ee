-- crmkit: segments and custom fields in a queryable form, so that reports filter and group on them in SQL with an
-- index. The encoded text columns (segments, custom_fields) stay the record's source of truth; every save of a
-- lead, account, contact or opportunity rewrites that record's rows here in the same transaction.
-- Additive only. Portable SQL: runs unchanged on PostgreSQL (14+) and H2 (2.x).
--
--   record_type   LEAD, ACCOUNT, CONTACT or OPPORTUNITY
--   name          'segment.<dimension>' or 'custom.<key>' (the report field name)
--   text_value    text, picklist and segment values; a money custom field's currency code
--   text_key      the first 200 characters of text_value: indexed (a 4000-character value cannot be), and
--                 equality filters compare it and text_value
--   number_value  number custom fields; a money custom field's amount
--   date_value    date custom fields
--   bool_value    boolean custom fields
-- Rows of records written before this version are filled in right after migrating (CrmkitSchema.backfill).
CREATE TABLE crm_record_value (
    tenant_id    VARCHAR(64)     NOT NULL,
    record_type  VARCHAR(20)     NOT NULL,
    record_id    UUID            NOT NULL,
    name         VARCHAR(80)     NOT NULL,
    text_value   VARCHAR(4000),
    text_key     VARCHAR(200),
    number_value NUMERIC(76, 38),
    date_value   DATE,
    bool_value   BOOLEAN,
    CONSTRAINT crm_record_value_pk PRIMARY KEY (tenant_id, record_id, name)
);
CREATE INDEX crm_record_value_text_idx ON crm_record_value (tenant_id, record_type, name, text_key);
CREATE INDEX crm_record_value_number_idx ON crm_record_value (tenant_id, record_type, name, number_value);
CREATE INDEX crm_record_value_date_idx ON crm_record_value (tenant_id, record_type, name, date_value);
