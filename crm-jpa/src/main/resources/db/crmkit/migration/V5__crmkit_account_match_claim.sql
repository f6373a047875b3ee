-- crmkit: one account at most claims a normalised company name, so that two units of work creating an account
-- for the same company at the same time (two MATCH_OR_CREATE conversions of leads of one company) cannot both
-- succeed: the second commit violates the unique index and fails as a ConflictException, and its retry finds the
-- account the first created. Additive only. Portable SQL: runs unchanged on PostgreSQL (14+) and H2 (2.x).
--
-- match_claim holds name_normalized when this account claims it, else NULL. The adapter decides it on save: an
-- account inserted in a unit of work whose duplicate check found its name free claims the key; an updated account
-- keeps its claim while its name keeps the key and drops it otherwise; every other account (created directly, or
-- on purpose after the check found the name taken) stores NULL, so same-named accounts stay possible. Both
-- databases let a unique index hold many NULLs.
--
-- Rows that existed before this migration keep NULL: existing duplicate keys cannot break the migration, and an
-- unclaimed account is still found by the duplicate check (name_normalized).
ALTER TABLE crm_account ADD COLUMN match_claim VARCHAR(400);
CREATE UNIQUE INDEX crm_account_match_claim_uk ON crm_account (match_claim);
