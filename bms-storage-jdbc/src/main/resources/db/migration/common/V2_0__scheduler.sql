-- bms storage, version 2.0: the scheduler and the clustered execution engine.
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).
--
-- Execution queue: a PENDING execution becomes claimable at due_at. A claim (one statement,
-- FOR UPDATE SKIP LOCKED) sets status RUNNING, owner, lease_until (database clock) and
-- version = version + 1; every later write carries "AND version = ?" (fencing token).
--
-- One running execution per job: running_job_id is set to job_id while an execution claimed from
-- the queue runs and cleared when it finishes; its UNIQUE constraint allows at most one such row
-- per job. This is the portable form of the partial unique index
-- "ON bms_execution (job_id) WHERE status = 'RUNNING'" (H2 has no partial indexes; NULLs are
-- distinct in unique constraints on both databases). Reported executions (begin/complete) and
-- runNow do not set it: external tools may legitimately overlap.
ALTER TABLE bms_execution ADD COLUMN due_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE bms_execution ADD COLUMN lease_until TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE bms_execution ADD COLUMN running_job_id UUID;
-- target types of the copies this execution writes, ",filesystem,s3," (per-target concurrency)
ALTER TABLE bms_execution ADD COLUMN target_types VARCHAR(2000);
-- copy names a retry writes, ",nas,cloud,"; NULL for every copy of the job
ALTER TABLE bms_execution ADD COLUMN copy_subset VARCHAR(4000);
-- the execution this one retries
ALTER TABLE bms_execution ADD COLUMN retry_of UUID;
ALTER TABLE bms_execution ADD COLUMN cancel_requested BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE bms_execution ADD CONSTRAINT uq_bms_execution_running_job UNIQUE (running_job_id);

-- the claim: oldest due PENDING first; the per-job FIFO probe; the lease reaper
CREATE INDEX ix_bms_execution_queue ON bms_execution (status, due_at, id);
CREATE INDEX ix_bms_execution_job_queue ON bms_execution (job_id, status, due_at, id);
CREATE INDEX ix_bms_execution_lease ON bms_execution (status, lease_until);
CREATE INDEX ix_bms_execution_owner ON bms_execution (owner, status);

-- Per-job scheduler state, derived from the job definition (job_version tells when to recompute).
CREATE TABLE bms_schedule (
  job_id           UUID                        NOT NULL,
  job_version      BIGINT                      NOT NULL,
  -- schedule and misfire policy as text: a change of anything else keeps next_fire_at
  fingerprint      VARCHAR(1000)               NOT NULL,
  enabled          BOOLEAN                     NOT NULL,
  -- NULL: no automatic fire (manual schedule, disabled job)
  next_fire_at     TIMESTAMP(6) WITH TIME ZONE,
  rpo_ms           BIGINT,
  -- the last RpoBreachedEvent published for this job (by any instance)
  rpo_notified_at  TIMESTAMP(6) WITH TIME ZONE,
  updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_bms_schedule PRIMARY KEY (job_id),
  CONSTRAINT fk_bms_schedule_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);
CREATE INDEX ix_bms_schedule_next ON bms_schedule (next_fire_at);

-- One row per fire time of a job: the primary key is UNIQUE(job_id, scheduled_for), so two
-- schedulers firing the same slot record one fire and make one execution.
CREATE TABLE bms_fire (
  job_id         UUID                        NOT NULL,
  scheduled_for  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  -- FIRED (made execution_id), COALESCED (a missed fire covered by a later catch-up run),
  -- SKIPPED (a missed fire dropped by the SKIP misfire policy)
  outcome        VARCHAR(16)                 NOT NULL,
  execution_id   UUID,
  recorded_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  recorded_by    VARCHAR(200)                NOT NULL,
  CONSTRAINT pk_bms_fire PRIMARY KEY (job_id, scheduled_for),
  CONSTRAINT fk_bms_fire_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);

-- Every copy retention deleted, or tried to: the rule that expired it and what happened.
CREATE TABLE bms_retention_deletion (
  id             UUID                        NOT NULL,
  job_id         UUID                        NOT NULL,
  execution_id   UUID                        NOT NULL,
  copy_name      VARCHAR(200)                NOT NULL,
  target_type    VARCHAR(100)                NOT NULL,
  location       TEXT                        NOT NULL,
  rule           VARCHAR(1000)               NOT NULL,
  -- DELETED, LOCKED (immutable: skipped), FAILED
  outcome        VARCHAR(16)                 NOT NULL,
  detail         TEXT,
  at             TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_bms_retention_deletion PRIMARY KEY (id),
  CONSTRAINT fk_bms_retention_deletion_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE,
  CONSTRAINT fk_bms_retention_deletion_execution FOREIGN KEY (execution_id) REFERENCES bms_execution (id) ON DELETE CASCADE
);
CREATE INDEX ix_bms_retention_deletion_job ON bms_retention_deletion (job_id, at);
CREATE INDEX ix_bms_retention_deletion_copy ON bms_retention_deletion (execution_id, copy_name, outcome);
