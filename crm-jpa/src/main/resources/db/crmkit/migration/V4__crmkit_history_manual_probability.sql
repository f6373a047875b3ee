-- crmkit: a stage history entry says whether its probability was set by hand (StageHistoryEntry.probabilityManual).
-- Additive only. Portable SQL: runs unchanged on PostgreSQL (14+) and H2 (2.x).
--
-- Existing rows: an entry that records the opportunity's current version takes the opportunity's own flag (it is
-- the same state); every other existing entry is marked false, because which probabilities were typed in by hand
-- was not recorded before this version.
ALTER TABLE crm_stage_history ADD COLUMN probability_manual BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE crm_stage_history
   SET probability_manual = TRUE
 WHERE EXISTS (SELECT 1
                 FROM crm_opportunity o
                WHERE o.id = crm_stage_history.opportunity_id
                  AND o.version = crm_stage_history.version
                  AND o.probability_manual = TRUE
                  AND o.probability = crm_stage_history.probability);
