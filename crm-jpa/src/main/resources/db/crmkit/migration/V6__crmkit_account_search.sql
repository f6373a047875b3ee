-- crmkit: case-insensitive account search follows one folding rule on every storage (org.crmkit.shared.Text.fold:
-- compatibility decomposition, accents removed, case folded the same for Turkish and Greek letters). SQL's
-- lower() differs by database, so the adapter stores the folded name and searches it with LIKE.
-- Additive only. Portable SQL: runs unchanged on PostgreSQL (14+) and H2 (2.x).
--
--   name_folded  Text.fold(name); at most 800 characters (Limits.FOLDED_NAME: folding can lengthen a name, and
--                the core refuses names whose folded form would not fit). NULL for rows written before this
--                version: CrmkitSchema.migrate fills them in right after migrating (CrmkitSchema.backfill), and
--                until then the search falls back to lower(name) for those rows.
ALTER TABLE crm_account ADD COLUMN name_folded VARCHAR(800);
