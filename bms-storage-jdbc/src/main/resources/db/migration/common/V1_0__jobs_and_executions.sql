-- bms storage, version 1.0: job definitions, executions, copy results.
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL). Vendor-specific scripts, when needed,
-- go to db/migration/{vendor}. V2_x (scheduler), V3_x (compliance), V4_x (alerting) are reserved.
--
-- Instants are stored as TIMESTAMP(6) WITH TIME ZONE: microsecond precision, written in UTC after
-- truncation to microseconds by the application, so a value read back equals the value written
-- truncated to micros. Durations of copies are stored in milliseconds.

CREATE TABLE bms_job (
  id          UUID                        NOT NULL,
  name        VARCHAR(200)                NOT NULL,
  enabled     BOOLEAN                     NOT NULL,
  version     BIGINT                      NOT NULL,
  created_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  -- the whole dev.bms.api.model.BackupJob as JSON (see JobDefinitionCodec); name, enabled and the
  -- labels are copied to columns for filtering
  definition  TEXT                        NOT NULL,
  CONSTRAINT pk_bms_job PRIMARY KEY (id),
  CONSTRAINT uq_bms_job_name UNIQUE (name)
);

CREATE INDEX ix_bms_job_enabled_id ON bms_job (enabled, id);

-- "key" and "value" are reserved words in H2, hence the prefixed column names
CREATE TABLE bms_job_label (
  job_id       UUID         NOT NULL,
  label_key    VARCHAR(63)  NOT NULL,
  label_value  VARCHAR(200) NOT NULL,
  CONSTRAINT pk_bms_job_label PRIMARY KEY (job_id, label_key),
  CONSTRAINT fk_bms_job_label_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);

CREATE INDEX ix_bms_job_label_kv ON bms_job_label (label_key, label_value, job_id);

CREATE TABLE bms_execution (
  id              UUID                        NOT NULL,
  job_id          UUID                        NOT NULL,
  mode            VARCHAR(16)                 NOT NULL,
  trigger         VARCHAR(16)                 NOT NULL,
  status          VARCHAR(16)                 NOT NULL,
  scheduled_for   TIMESTAMP(6) WITH TIME ZONE,
  created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  started_at      TIMESTAMP(6) WITH TIME ZONE,
  finished_at     TIMESTAMP(6) WITH TIME ZONE,
  heartbeat_at    TIMESTAMP(6) WITH TIME ZONE,
  progress_bytes  BIGINT                      NOT NULL,
  bytes           BIGINT                      NOT NULL,
  files           BIGINT                      NOT NULL,
  attempt         INTEGER                     NOT NULL,
  owner           VARCHAR(200),
  version         BIGINT                      NOT NULL,
  error           TEXT,
  CONSTRAINT pk_bms_execution PRIMARY KEY (id),
  CONSTRAINT fk_bms_execution_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);

-- one job's executions newest first; the latest execution per job (overview, latest status)
CREATE INDEX ix_bms_execution_job_created ON bms_execution (job_id, created_at DESC, id DESC);
-- every execution newest first
CREATE INDEX ix_bms_execution_created ON bms_execution (created_at DESC, id DESC);
-- last success per job
CREATE INDEX ix_bms_execution_job_status_finished ON bms_execution (job_id, status, finished_at);

CREATE TABLE bms_copy_result (
  execution_id     UUID                        NOT NULL,
  position         INTEGER                     NOT NULL,
  copy_name        VARCHAR(200)                NOT NULL,
  target_type      VARCHAR(100)                NOT NULL,
  status           VARCHAR(16)                 NOT NULL,
  bytes            BIGINT                      NOT NULL,
  files            BIGINT                      NOT NULL,
  duration_ms      BIGINT                      NOT NULL,
  manifest_digest  VARCHAR(128),
  location         TEXT,
  immutable_until  TIMESTAMP(6) WITH TIME ZONE,
  error            TEXT,
  CONSTRAINT pk_bms_copy_result PRIMARY KEY (execution_id, position),
  CONSTRAINT fk_bms_copy_result_execution FOREIGN KEY (execution_id) REFERENCES bms_execution (id) ON DELETE CASCADE
);
