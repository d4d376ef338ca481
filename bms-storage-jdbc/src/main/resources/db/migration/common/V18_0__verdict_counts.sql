-- bms storage, version 18.0: stored compliance verdicts counted per (rule, status), maintained in the
-- transaction that writes the verdicts, so that the dashboard's counts read a few dozen rows instead of
-- grouping one row per job and rule (issue 13). Runs unchanged on PostgreSQL and on H2.

-- rule_id '' is the overall verdict; n is the number of jobs with that status for that rule
CREATE TABLE bms_compliance_count (
  rule_id  VARCHAR(200) NOT NULL,
  status   VARCHAR(16)  NOT NULL,
  n        BIGINT       NOT NULL,
  CONSTRAINT pk_bms_compliance_count PRIMARY KEY (rule_id, status)
);

-- one row, locked (SELECT ... FOR UPDATE) by every transaction that writes or deletes verdicts, so
-- that the counts change in step with the rows they count whatever runs concurrently
CREATE TABLE bms_compliance_count_lock (
  id  INT NOT NULL,
  CONSTRAINT pk_bms_compliance_count_lock PRIMARY KEY (id)
);
INSERT INTO bms_compliance_count_lock (id) VALUES (1);

INSERT INTO bms_compliance_count (rule_id, status, n)
  SELECT '', status, COUNT(*) FROM bms_compliance_verdict GROUP BY status;
INSERT INTO bms_compliance_count (rule_id, status, n)
  SELECT rule_id, status, COUNT(*) FROM bms_compliance_rule_verdict GROUP BY rule_id, status;
