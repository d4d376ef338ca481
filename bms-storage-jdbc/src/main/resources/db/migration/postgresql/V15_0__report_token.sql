-- SHA-256 of the report token begin handed out for a reported execution (never the token itself);
-- NULL for managed executions and for reported ones begun before tokens existed (those cannot be
-- reported on: their lease expires and they are abandoned)
ALTER TABLE bms_execution ADD COLUMN report_token_hash BYTEA;
