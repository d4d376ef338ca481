-- bms storage, version 22.0: each job's anomaly baseline (issue 19), one short text per job that
-- bms reads and rewrites after each finished execution. Runs unchanged on PostgreSQL and on H2.
CREATE TABLE bms_job_baseline (
  job_id      UUID                        NOT NULL,
  state       TEXT                        NOT NULL,
  updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_bms_job_baseline PRIMARY KEY (job_id),
  CONSTRAINT fk_bms_job_baseline_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);
