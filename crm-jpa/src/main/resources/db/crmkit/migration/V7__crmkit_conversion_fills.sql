-- crmkit lead conversion undo: what a conversion filled into a linked (existing) account or contact, with the
-- values those fields had before, so that undo can restore them. One line per field, encoded by the adapter
-- (field, type and value written, type and value before; "-" when the field was empty). NULL when nothing was
-- filled, as for every record converted before this migration (undo then has nothing to restore there).
-- Additive only. Portable SQL: runs unchanged on PostgreSQL (14+) and H2 (2.x).
ALTER TABLE crm_conversion_record ADD COLUMN account_fills VARCHAR(65535);
ALTER TABLE crm_conversion_record ADD COLUMN contact_fills VARCHAR(65535);
