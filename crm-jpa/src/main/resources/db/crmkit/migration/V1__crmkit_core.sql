-- crmkit core schema: leads, accounts, contacts, opportunities and stage history.
-- Portable SQL: runs unchanged on PostgreSQL (14+) and H2 (2.x). Later capabilities add V2, V3, ...
-- Every aggregate table carries a version column for optimistic locking (first save = version 1).
-- Custom fields and segments are stored as text in a simple escaped "key<TAB>type<TAB>value" line format.

CREATE TABLE crm_account (
    id            UUID                     NOT NULL,
    version       BIGINT                   NOT NULL,
    owner_id      VARCHAR(100)             NOT NULL,
    name          VARCHAR(200)             NOT NULL,
    website       VARCHAR(255),
    industry      VARCHAR(80),
    phone         VARCHAR(40),
    email         VARCHAR(254),
    city          VARCHAR(80),
    country       VARCHAR(80),
    description   VARCHAR(4000),
    segments      VARCHAR(4000),
    custom_fields VARCHAR(65535),
    created_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_account_pk PRIMARY KEY (id)
);
CREATE INDEX crm_account_owner_idx ON crm_account (owner_id);
CREATE INDEX crm_account_created_idx ON crm_account (created_at, id);

CREATE TABLE crm_contact (
    id               UUID                     NOT NULL,
    version          BIGINT                   NOT NULL,
    owner_id         VARCHAR(100)             NOT NULL,
    account_id       UUID,
    first_name       VARCHAR(80),
    last_name        VARCHAR(80)              NOT NULL,
    email            VARCHAR(254),
    email_normalized VARCHAR(254),
    phone            VARCHAR(40),
    title            VARCHAR(120),
    description      VARCHAR(4000),
    custom_fields    VARCHAR(65535),
    created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_contact_pk PRIMARY KEY (id),
    CONSTRAINT crm_contact_account_fk FOREIGN KEY (account_id) REFERENCES crm_account (id)
);
CREATE INDEX crm_contact_owner_idx ON crm_contact (owner_id);
CREATE INDEX crm_contact_account_idx ON crm_contact (account_id);
CREATE INDEX crm_contact_email_idx ON crm_contact (email_normalized);
CREATE INDEX crm_contact_created_idx ON crm_contact (created_at, id);

CREATE TABLE crm_lead (
    id                       UUID                     NOT NULL,
    version                  BIGINT                   NOT NULL,
    owner_id                 VARCHAR(100)             NOT NULL,
    first_name               VARCHAR(80),
    last_name                VARCHAR(80),
    company                  VARCHAR(200),
    title                    VARCHAR(120),
    email                    VARCHAR(254),
    email_normalized         VARCHAR(254),
    phone                    VARCHAR(40),
    website                  VARCHAR(255),
    lead_source              VARCHAR(80),
    industry                 VARCHAR(80),
    description              VARCHAR(4000),
    status                   VARCHAR(40)              NOT NULL,
    unqualified_reason       VARCHAR(500),
    custom_fields            VARCHAR(65535),
    converted_at             TIMESTAMP(6) WITH TIME ZONE,
    converted_by             VARCHAR(100),
    converted_account_id     UUID,
    converted_contact_id     UUID,
    converted_opportunity_id UUID,
    created_at               TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at               TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_lead_pk PRIMARY KEY (id)
);
CREATE INDEX crm_lead_owner_idx ON crm_lead (owner_id);
CREATE INDEX crm_lead_status_idx ON crm_lead (status);
CREATE INDEX crm_lead_email_idx ON crm_lead (email_normalized);
CREATE INDEX crm_lead_created_idx ON crm_lead (created_at, id);

CREATE TABLE crm_opportunity (
    id                 UUID                     NOT NULL,
    version            BIGINT                   NOT NULL,
    owner_id           VARCHAR(100)             NOT NULL,
    name               VARCHAR(200)             NOT NULL,
    account_id         UUID,
    contact_id         UUID,
    amount             NUMERIC(19, 4),
    currency           VARCHAR(3),
    probability        INTEGER                  NOT NULL,
    probability_manual BOOLEAN                  NOT NULL,
    stage              VARCHAR(40)              NOT NULL,
    close_date         DATE,
    lost_reason        VARCHAR(500),
    lead_source        VARCHAR(80),
    next_step          VARCHAR(255),
    description        VARCHAR(4000),
    segments           VARCHAR(4000),
    custom_fields      VARCHAR(65535),
    source_lead_id     UUID,
    created_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_opportunity_pk PRIMARY KEY (id),
    CONSTRAINT crm_opportunity_account_fk FOREIGN KEY (account_id) REFERENCES crm_account (id),
    CONSTRAINT crm_opportunity_contact_fk FOREIGN KEY (contact_id) REFERENCES crm_contact (id),
    CONSTRAINT crm_opportunity_amount_ck CHECK ((amount IS NULL AND currency IS NULL)
                                                OR (amount IS NOT NULL AND currency IS NOT NULL))
);
CREATE INDEX crm_opportunity_owner_idx ON crm_opportunity (owner_id);
CREATE INDEX crm_opportunity_stage_idx ON crm_opportunity (stage);
CREATE INDEX crm_opportunity_close_date_idx ON crm_opportunity (close_date);
CREATE INDEX crm_opportunity_account_idx ON crm_opportunity (account_id);
CREATE INDEX crm_opportunity_contact_idx ON crm_opportunity (contact_id);
CREATE INDEX crm_opportunity_source_lead_idx ON crm_opportunity (source_lead_id);
CREATE INDEX crm_opportunity_created_idx ON crm_opportunity (created_at, id);

-- Insert-only: the adapter never updates or deletes a row. No foreign key to crm_opportunity, because the
-- history of a deleted opportunity is kept.
CREATE TABLE crm_stage_history (
    id                  UUID                     NOT NULL,
    opportunity_id      UUID                     NOT NULL,
    version             BIGINT                   NOT NULL,
    kind                VARCHAR(20)              NOT NULL,
    origin              VARCHAR(20)              NOT NULL,
    stage               VARCHAR(40)              NOT NULL,
    amount              NUMERIC(19, 4),
    currency            VARCHAR(3),
    probability         INTEGER                  NOT NULL,
    close_date          DATE,
    previous_stage      VARCHAR(40),
    previous_amount     NUMERIC(19, 4),
    previous_currency   VARCHAR(3),
    previous_close_date DATE,
    changed_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    changed_by          VARCHAR(100)             NOT NULL,
    CONSTRAINT crm_stage_history_pk PRIMARY KEY (id),
    CONSTRAINT crm_stage_history_opportunity_version_uk UNIQUE (opportunity_id, version)
);
CREATE INDEX crm_stage_history_changed_at_idx ON crm_stage_history (changed_at);
