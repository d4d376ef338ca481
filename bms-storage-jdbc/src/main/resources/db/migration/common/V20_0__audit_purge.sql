-- bms storage, version 20.0: retention of the audit trail (issue 17). When the oldest records are
-- purged (after being exported), the sequence and hash of the last purged record are kept here, one
-- row (id 1): verification anchors the first remaining record on it, so the remaining chain still
-- verifies. No row: nothing was ever purged (the chain starts at the genesis hash).

CREATE TABLE bms_audit_purge (
  id         INT                         NOT NULL,
  seq        BIGINT                      NOT NULL,
  hash       VARCHAR(64)                 NOT NULL,
  purged_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  CONSTRAINT pk_bms_audit_purge PRIMARY KEY (id)
);
