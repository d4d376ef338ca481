-- bms storage, version 18.1: the dashboard summary's job counts kept as counters (issue 13), like the
-- verdict counts of V18_0. Runs unchanged on PostgreSQL and on H2.

-- status '': every job; any other status: the jobs whose newest finished execution has it (bms_job_last)
CREATE TABLE bms_job_count (
  status  VARCHAR(16) NOT NULL,
  n       BIGINT      NOT NULL,
  CONSTRAINT pk_bms_job_count PRIMARY KEY (status)
);

-- lock row 2 orders every change of these counters (row 1: the verdict counts)
INSERT INTO bms_compliance_count_lock (id) VALUES (2);

INSERT INTO bms_job_count (status, n) SELECT '', COUNT(*) FROM bms_job;
INSERT INTO bms_job_count (status, n) SELECT status, COUNT(*) FROM bms_job_last GROUP BY status;

-- firing alerts by severity from the index alone
CREATE INDEX ix_bms_alert_state_severity ON bms_alert (state, severity);
