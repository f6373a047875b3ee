-- crmkit: billing forecasts (with their insert-only history) and account budgets.
-- Portable SQL: runs unchanged on PostgreSQL (14+) and H2 (2.x). Additive only; V1 is never edited.
-- A month (java.time.YearMonth) is stored as the DATE of its first day. Column names avoid MONTH, YEAR and VALUE,
-- which H2 reserves.

-- One forecast per opportunity, keyed by the opportunity's id. The adapter deletes it before the opportunity.
CREATE TABLE crm_billing_forecast (
    opportunity_id     UUID                     NOT NULL,
    version            BIGINT                   NOT NULL,
    flagged_difference NUMERIC(19, 4),
    flagged_currency   VARCHAR(3),
    updated_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_billing_forecast_pk PRIMARY KEY (opportunity_id),
    CONSTRAINT crm_billing_forecast_opportunity_fk FOREIGN KEY (opportunity_id) REFERENCES crm_opportunity (id),
    CONSTRAINT crm_billing_forecast_flag_ck CHECK ((flagged_difference IS NULL AND flagged_currency IS NULL)
                                                   OR (flagged_difference IS NOT NULL AND flagged_currency IS NOT NULL))
);

-- The forecast's lines, at most one per month. The primary key (opportunity_id, line_month) is the index the
-- account card's query uses to read an opportunity's lines within a range of months.
CREATE TABLE crm_billing_forecast_line (
    opportunity_id UUID           NOT NULL,
    line_month     DATE           NOT NULL,
    amount         NUMERIC(19, 4) NOT NULL,
    currency       VARCHAR(3)     NOT NULL,
    note           VARCHAR(255),
    CONSTRAINT crm_billing_forecast_line_pk PRIMARY KEY (opportunity_id, line_month),
    CONSTRAINT crm_billing_forecast_line_forecast_fk FOREIGN KEY (opportunity_id)
        REFERENCES crm_billing_forecast (opportunity_id)
);

-- Insert-only: the adapter never updates or deletes a row. No foreign key to crm_opportunity or
-- crm_billing_forecast, because the history of a deleted forecast is kept.
CREATE TABLE crm_forecast_history (
    id                 UUID                     NOT NULL,
    opportunity_id     UUID                     NOT NULL,
    version            BIGINT                   NOT NULL,
    cause              VARCHAR(20)              NOT NULL,
    flagged_difference NUMERIC(19, 4),
    flagged_currency   VARCHAR(3),
    changed_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    changed_by         VARCHAR(100)             NOT NULL,
    CONSTRAINT crm_forecast_history_pk PRIMARY KEY (id),
    CONSTRAINT crm_forecast_history_opportunity_version_uk UNIQUE (opportunity_id, version),
    CONSTRAINT crm_forecast_history_flag_ck CHECK ((flagged_difference IS NULL AND flagged_currency IS NULL)
                                                   OR (flagged_difference IS NOT NULL AND flagged_currency IS NOT NULL))
);

-- The lines of one history entry: side BEFORE or AFTER the change, at most one line per side and month.
CREATE TABLE crm_forecast_history_line (
    history_id UUID           NOT NULL,
    side       VARCHAR(6)     NOT NULL,
    line_month DATE           NOT NULL,
    amount     NUMERIC(19, 4) NOT NULL,
    currency   VARCHAR(3)     NOT NULL,
    note       VARCHAR(255),
    CONSTRAINT crm_forecast_history_line_pk PRIMARY KEY (history_id, side, line_month),
    CONSTRAINT crm_forecast_history_line_history_fk FOREIGN KEY (history_id) REFERENCES crm_forecast_history (id),
    CONSTRAINT crm_forecast_history_line_side_ck CHECK (side IN ('BEFORE', 'AFTER'))
);

-- One budget per account, keyed by the account's id. The adapter deletes it before the account.
CREATE TABLE crm_account_budget (
    account_id UUID                     NOT NULL,
    version    BIGINT                   NOT NULL,
    updated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT crm_account_budget_pk PRIMARY KEY (account_id),
    CONSTRAINT crm_account_budget_account_fk FOREIGN KEY (account_id) REFERENCES crm_account (id)
);

-- The budget's months, at most one amount per month; the primary key serves the card's range read.
CREATE TABLE crm_account_budget_line (
    account_id   UUID           NOT NULL,
    budget_month DATE           NOT NULL,
    amount       NUMERIC(19, 4) NOT NULL,
    currency     VARCHAR(3)     NOT NULL,
    CONSTRAINT crm_account_budget_line_pk PRIMARY KEY (account_id, budget_month),
    CONSTRAINT crm_account_budget_line_budget_fk FOREIGN KEY (account_id) REFERENCES crm_account_budget (account_id)
);

-- The account card's won figures: an account's opportunities by close date.
CREATE INDEX crm_opportunity_account_close_idx ON crm_opportunity (account_id, close_date);
