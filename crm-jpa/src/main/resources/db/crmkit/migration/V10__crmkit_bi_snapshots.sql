-- crmkit BI (issue 12): daily snapshots of the pipeline, stored by change. Additive only. Portable SQL: runs
-- unchanged on PostgreSQL (14+) and H2 (2.x).
--
-- crm_bi_day: the kept days of a tenant (SnapshotDay): when each was taken, whether copied from the opportunities
-- (CURRENT) or rebuilt from history (HISTORY), how many opportunities its state holds and how many rows storing it
-- added.
--
-- crm_bi_state: one row per opportunity and state, valid from the kept day it was stored (valid_from) until the
-- first kept day on which the opportunity's state differs or it has left the state (valid_to, exclusive; NULL while
-- it is still the opportunity's current state). The state of a kept day D is every row with
-- valid_from <= D AND (valid_to IS NULL OR valid_to > D): each day reads as if stored in full, yet an unchanged
-- opportunity costs nothing. Only the columns the day-level reports need:
--   stage_kind         OPEN, WON or LOST (from the pipeline's stages when the state was taken)
--   forecast_category  the stage's ForecastCategory name
--   amount, currency   the opportunity's amount (NULL when unknown)
--   weighted           amount x probability rounded half up to the currency's decimals (Money.percent)
--   segments           the segment values in crm_opportunity's own encoding (one "dimension TAB value" line per
--                      dimension, sorted, backslashes doubled): compared as one value when a state is stored, and
--                      grouped by one dimension in SQL by cutting out that dimension's line (see PERSISTENCE.md)
--   billing_total      the sum of the billing forecast lines, in billing_currency (NULL without forecast lines)
-- Every key leads with tenant_id, as in V8. The primary key (tenant_id, valid_from, opportunity_id) is the only
-- index: it serves the day-level reads (the rows that began on or before a day, those that began between two
-- days) and the writes of one kept day's rows; rows are appended to it in day order, so it stays dense. The reads
-- that pair an opportunity's rows of two days join them by hash.
CREATE TABLE crm_bi_day (
    tenant_id     VARCHAR(64)              NOT NULL,
    snapshot_day  DATE                     NOT NULL,
    taken_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    source        VARCHAR(10)              NOT NULL,
    opportunities BIGINT                   NOT NULL,
    rows_stored   BIGINT                   NOT NULL,
    CONSTRAINT crm_bi_day_pk PRIMARY KEY (tenant_id, snapshot_day),
    CONSTRAINT crm_bi_day_source_ck CHECK (source IN ('CURRENT', 'HISTORY'))
);

CREATE TABLE crm_bi_state (
    tenant_id         VARCHAR(64)    NOT NULL,
    opportunity_id    UUID           NOT NULL,
    valid_from        DATE           NOT NULL,
    valid_to          DATE,
    stage             VARCHAR(40)    NOT NULL,
    stage_kind        VARCHAR(4)     NOT NULL,
    forecast_category VARCHAR(9)     NOT NULL,
    amount            NUMERIC(19, 4),
    currency          VARCHAR(3),
    weighted          NUMERIC(19, 4),
    probability       SMALLINT       NOT NULL,
    close_date        DATE,
    owner_id          VARCHAR(100)   NOT NULL,
    account_id        UUID,
    segments          VARCHAR(4000),
    billing_total     NUMERIC(19, 4),
    billing_currency  VARCHAR(3),
    CONSTRAINT crm_bi_state_pk PRIMARY KEY (tenant_id, valid_from, opportunity_id),
    CONSTRAINT crm_bi_state_kind_ck CHECK (stage_kind IN ('OPEN', 'WON', 'LOST'))
);
