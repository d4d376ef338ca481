-- bms storage, version 5.0: at most one queued submission per job (executions().submit).
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
--
-- queued_job_id is set to job_id while a submitted execution (trigger MANUAL, not a retry) waits
-- in the queue (PENDING) and cleared when it is claimed or cancelled; its UNIQUE constraint allows
-- at most one such row per job, whichever instance submits. Like running_job_id, it is the portable
-- form of a partial unique index "ON bms_execution (job_id) WHERE status = 'PENDING' AND trigger =
-- 'MANUAL'" (H2 has no partial indexes; NULLs are distinct in unique constraints on both).
-- Scheduled fires and retries are not limited by it.
ALTER TABLE bms_execution ADD COLUMN queued_job_id UUID;
-- (submissions already queued when this migration runs are not counted: they start soon anyway)
ALTER TABLE bms_execution ADD CONSTRAINT uq_bms_execution_queued_job UNIQUE (queued_job_id);
