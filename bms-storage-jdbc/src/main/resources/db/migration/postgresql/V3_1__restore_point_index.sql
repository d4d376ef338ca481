-- PostgreSQL only (H2 has no partial indexes): each job's newest restore point, read by compliance
-- for every job at once, without stepping over failed executions.
CREATE INDEX ix_bms_execution_job_restore_point ON bms_execution (job_id, created_at DESC, id DESC)
  WHERE status IN ('SUCCEEDED', 'PARTIAL');
