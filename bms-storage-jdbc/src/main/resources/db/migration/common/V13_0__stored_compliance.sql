-- bms storage, version 13.0: each job's latest compliance verdict, stored so that listing and
-- counting verdicts never evaluate (issue 13). Runs unchanged on PostgreSQL and on H2.

-- the overall verdict; results is the per-rule list as JSON (see VerdictCodec)
CREATE TABLE bms_compliance_verdict (
  job_id         UUID                        NOT NULL,
  status         VARCHAR(16)                 NOT NULL,
  restore_point  UUID,
  results        TEXT                        NOT NULL,
  evaluated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_bms_compliance_verdict PRIMARY KEY (job_id),
  CONSTRAINT fk_bms_compliance_verdict_job FOREIGN KEY (job_id) REFERENCES bms_job (id) ON DELETE CASCADE
);

-- listing the jobs of one status by job id; counting per status
CREATE INDEX ix_bms_compliance_verdict_status ON bms_compliance_verdict (status, job_id);

-- one row per rule of a stored verdict, for counting per digit
CREATE TABLE bms_compliance_rule_verdict (
  job_id   UUID         NOT NULL,
  rule_id  VARCHAR(200) NOT NULL,
  status   VARCHAR(16)  NOT NULL,
  CONSTRAINT pk_bms_compliance_rule_verdict PRIMARY KEY (job_id, rule_id),
  CONSTRAINT fk_bms_compliance_rule_verdict FOREIGN KEY (job_id)
    REFERENCES bms_compliance_verdict (job_id) ON DELETE CASCADE
);

CREATE INDEX ix_bms_compliance_rule_verdict_rule ON bms_compliance_rule_verdict (rule_id, status);
