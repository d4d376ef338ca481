-- bms storage, version 1.1: the manifest of every managed execution (bms is the catalog that
-- verification compares copies against). All copies of one execution share one manifest.
CREATE TABLE bms_manifest_entry (
  execution_id  UUID          NOT NULL,
  path          VARCHAR(4096) NOT NULL,
  size          BIGINT        NOT NULL,
  sha256        CHAR(64)      NOT NULL,
  CONSTRAINT pk_bms_manifest_entry PRIMARY KEY (execution_id, path),
  CONSTRAINT fk_bms_manifest_entry_execution FOREIGN KEY (execution_id) REFERENCES bms_execution (id) ON DELETE CASCADE
);

-- number of manifest entries recorded for the execution; NULL when it has no manifest (reported
-- executions, failures before the source was read), so an empty manifest differs from none
ALTER TABLE bms_execution ADD COLUMN manifest_entries BIGINT;
