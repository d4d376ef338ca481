-- bms storage, version 13.1: rollups of terminal executions for reports (issue 13). A slot is a
-- quarter hour since the epoch (floor(epoch seconds / 900)), so the calendar days of every time
-- zone are whole slots. Both tables are recomputed from the executions (idempotent), never
-- incremented. Runs unchanged on PostgreSQL and on H2.

-- per job per slot
CREATE TABLE bms_job_rollup (
  job_id        UUID    NOT NULL,
  slot          BIGINT  NOT NULL,
  succeeded     BIGINT  NOT NULL,
  partial       BIGINT  NOT NULL,
  failed        BIGINT  NOT NULL,
  cancelled     BIGINT  NOT NULL,
  duration_ms   BIGINT  NOT NULL,
  max_duration_ms BIGINT NOT NULL,
  bytes         BIGINT  NOT NULL,
  CONSTRAINT pk_bms_job_rollup PRIMARY KEY (job_id, slot),
  CONSTRAINT fk_bms_job_rollup_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);

-- recomputing a slot's total
CREATE INDEX ix_bms_job_rollup_slot ON bms_job_rollup (slot);

-- per slot over every job (a deleted job's history stays here until rebuildRollups)
CREATE TABLE bms_rollup_total (
  slot          BIGINT  NOT NULL,
  succeeded     BIGINT  NOT NULL,
  partial       BIGINT  NOT NULL,
  failed        BIGINT  NOT NULL,
  cancelled     BIGINT  NOT NULL,
  duration_ms   BIGINT  NOT NULL,
  max_duration_ms BIGINT NOT NULL,
  bytes         BIGINT  NOT NULL,
  CONSTRAINT pk_bms_rollup_total PRIMARY KEY (slot)
);

-- each job's newest terminal execution (jobs never finished have no row): the dashboard's "jobs by
-- last status" without a per-job search of the executions
CREATE TABLE bms_job_last (
  job_id        UUID                        NOT NULL,
  execution_id  UUID                        NOT NULL,
  status        VARCHAR(16)                 NOT NULL,
  finished_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_bms_job_last PRIMARY KEY (job_id),
  CONSTRAINT fk_bms_job_last_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);

CREATE INDEX ix_bms_job_last_status ON bms_job_last (status);
