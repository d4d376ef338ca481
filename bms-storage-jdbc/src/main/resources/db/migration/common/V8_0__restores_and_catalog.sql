-- bms storage, version 8.0: restore records and what the catalog search needs.
-- (V8_x are restore's; runs unchanged on PostgreSQL and H2.)

-- What the source captured besides content, restored where present; the file name (last path
-- segment) for "find a file by name" searches.
ALTER TABLE bms_manifest_entry ADD COLUMN modified_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE bms_manifest_entry ADD COLUMN permissions VARCHAR(9);
ALTER TABLE bms_manifest_entry ADD COLUMN name VARCHAR(4096);
UPDATE bms_manifest_entry SET name = REGEXP_REPLACE(path, '^.*/', '');

-- One restore: who asked, from which restore point, its outcome. lease_until is set while it
-- runs: retention does not delete a restore point a live lease holds.
CREATE TABLE bms_restore (
  id               UUID                        NOT NULL,
  job_id           UUID                        NOT NULL,
  execution_id     UUID                        NOT NULL,
  requested_by     VARCHAR(200)                NOT NULL,
  destination      TEXT                        NOT NULL,
  selection        TEXT                        NOT NULL,
  copy_name        VARCHAR(200),
  conflict_policy  VARCHAR(16)                 NOT NULL,
  status           VARCHAR(16)                 NOT NULL,
  started_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  finished_at      TIMESTAMP(6) WITH TIME ZONE,
  lease_until      TIMESTAMP(6) WITH TIME ZONE,
  files_planned    BIGINT                      NOT NULL,
  bytes_planned    BIGINT                      NOT NULL,
  files_restored   BIGINT                      NOT NULL,
  files_skipped    BIGINT                      NOT NULL,
  files_failed     BIGINT                      NOT NULL,
  bytes_restored   BIGINT                      NOT NULL,
  error            TEXT,
  CONSTRAINT pk_bms_restore PRIMARY KEY (id),
  CONSTRAINT fk_bms_restore_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);
CREATE INDEX ix_bms_restore_job_started ON bms_restore (job_id, started_at DESC, id DESC);
CREATE INDEX ix_bms_restore_started ON bms_restore (started_at DESC, id DESC);
CREATE INDEX ix_bms_restore_lease ON bms_restore (job_id, status, lease_until);

-- What each copy supplied to a restore: the throughput evidence of restore-time estimates.
CREATE TABLE bms_restore_copy (
  restore_id   UUID         NOT NULL,
  copy_name    VARCHAR(200) NOT NULL,
  target_type  VARCHAR(100) NOT NULL,
  files        BIGINT       NOT NULL,
  bytes        BIGINT       NOT NULL,
  read_nanos   BIGINT       NOT NULL,
  CONSTRAINT pk_bms_restore_copy PRIMARY KEY (restore_id, copy_name),
  CONSTRAINT fk_bms_restore_copy_restore FOREIGN KEY (restore_id) REFERENCES bms_restore (id) ON DELETE CASCADE
);

CREATE TABLE bms_restore_problem (
  restore_id  UUID          NOT NULL,
  position    INTEGER       NOT NULL,
  path        VARCHAR(4096) NOT NULL,
  copy_name   VARCHAR(200),
  kind        VARCHAR(32)   NOT NULL,
  detail      TEXT          NOT NULL,
  recovered   BOOLEAN       NOT NULL,
  CONSTRAINT pk_bms_restore_problem PRIMARY KEY (restore_id, position),
  CONSTRAINT fk_bms_restore_problem_restore FOREIGN KEY (restore_id) REFERENCES bms_restore (id) ON DELETE CASCADE
);

-- A job's restore-time objective.
CREATE TABLE bms_rto_target (
  job_id      UUID                        NOT NULL,
  target_ms   BIGINT                      NOT NULL,
  updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_bms_rto_target PRIMARY KEY (job_id),
  CONSTRAINT fk_bms_rto_target_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);
