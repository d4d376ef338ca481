-- bms storage, version 3.0: verification evidence, verification and compliance policies, and the
-- retention locks read back from the media (the only immutability proof compliance trusts).
-- Runs unchanged on PostgreSQL and on H2 (MODE=PostgreSQL).

-- One verification of one restore point: what (execution, job), how (level, sample), when, result.
CREATE TABLE bms_verification (
  id            UUID                        NOT NULL,
  execution_id  UUID                        NOT NULL,
  job_id        UUID                        NOT NULL,
  level         VARCHAR(16)                 NOT NULL,
  trigger       VARCHAR(16)                 NOT NULL,
  sample_slice  INTEGER                     NOT NULL,
  sample_of     INTEGER                     NOT NULL,
  started_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  finished_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  passed        BOOLEAN                     NOT NULL,
  CONSTRAINT pk_bms_verification PRIMARY KEY (id),
  CONSTRAINT fk_bms_verification_execution FOREIGN KEY (execution_id) REFERENCES bms_execution (id) ON DELETE CASCADE,
  CONSTRAINT fk_bms_verification_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);

-- newest verification per job and level (compliance), per job (history)
CREATE INDEX ix_bms_verification_job_level ON bms_verification (job_id, level, finished_at DESC, id DESC);
CREATE INDEX ix_bms_verification_job ON bms_verification (job_id, finished_at DESC, id DESC);
CREATE INDEX ix_bms_verification_execution ON bms_verification (execution_id);

-- the result per copy; problem_count may exceed the problems stored (at most 1,000 per copy)
CREATE TABLE bms_verification_copy (
  verification_id  UUID         NOT NULL,
  position         INTEGER      NOT NULL,
  copy_name        VARCHAR(200) NOT NULL,
  target_type      VARCHAR(100) NOT NULL,
  files_checked    BIGINT       NOT NULL,
  bytes_checked    BIGINT       NOT NULL,
  problem_count    BIGINT       NOT NULL,
  error            TEXT,
  CONSTRAINT pk_bms_verification_copy PRIMARY KEY (verification_id, position),
  CONSTRAINT fk_bms_verification_copy FOREIGN KEY (verification_id) REFERENCES bms_verification (id) ON DELETE CASCADE
);

CREATE TABLE bms_verification_problem (
  verification_id  UUID          NOT NULL,
  copy_position    INTEGER       NOT NULL,
  position         INTEGER       NOT NULL,
  path             VARCHAR(4096) NOT NULL,
  kind             VARCHAR(32)   NOT NULL,
  detail           TEXT          NOT NULL,
  CONSTRAINT pk_bms_verification_problem PRIMARY KEY (verification_id, copy_position, position),
  CONSTRAINT fk_bms_verification_problem FOREIGN KEY (verification_id, copy_position)
    REFERENCES bms_verification_copy (verification_id, position) ON DELETE CASCADE
);

-- a job's periodic verification; due_at and next_slice are its rotation state, moved by a
-- compare-and-set so that one instance runs each due verification
CREATE TABLE bms_verification_policy (
  job_id         UUID                        NOT NULL,
  level          VARCHAR(16)                 NOT NULL,
  every_ms       BIGINT                      NOT NULL,
  sample_slices  INTEGER                     NOT NULL,
  due_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  next_slice     INTEGER                     NOT NULL,
  CONSTRAINT pk_bms_verification_policy PRIMARY KEY (job_id),
  CONSTRAINT fk_bms_verification_policy_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);

CREATE INDEX ix_bms_verification_policy_due ON bms_verification_policy (due_at);

-- a job's own compliance thresholds (JSON, see PolicyCodec)
CREATE TABLE bms_compliance_policy (
  job_id      UUID NOT NULL,
  definition  TEXT NOT NULL,
  CONSTRAINT pk_bms_compliance_policy PRIMARY KEY (job_id),
  CONSTRAINT fk_bms_compliance_policy_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);

-- the global default thresholds: at most one row
CREATE TABLE bms_compliance_default (
  id          INTEGER NOT NULL,
  definition  TEXT    NOT NULL,
  CONSTRAINT pk_bms_compliance_default PRIMARY KEY (id),
  CONSTRAINT ck_bms_compliance_default_one CHECK (id = 1)
);

-- the retention lock of a copy as read back from its medium (BackupTarget.lockedUntil);
-- locked_until NULL: read back, no lock found
CREATE TABLE bms_lock_proof (
  execution_id  UUID                        NOT NULL,
  copy_name     VARCHAR(200)                NOT NULL,
  locked_until  TIMESTAMP(6) WITH TIME ZONE,
  checked_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_bms_lock_proof PRIMARY KEY (execution_id, copy_name),
  CONSTRAINT fk_bms_lock_proof_execution FOREIGN KEY (execution_id) REFERENCES bms_execution (id) ON DELETE CASCADE
);

-- success-rate reports range over finish times
CREATE INDEX ix_bms_execution_finished ON bms_execution (finished_at);
