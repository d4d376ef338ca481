-- bms storage, version 17.0: the audit trail (issue 17). One hash chain per database: each record's
-- hash covers the previous record's hash and its own canonical text (dev.bms.spi.storage.AuditChain).
-- Appends lock the single row of bms_audit_head (SELECT ... FOR UPDATE), so instances sharing the
-- database append one at a time and never fork the chain; the primary key on seq would refuse a
-- fork anyway. Runs unchanged on PostgreSQL and H2; PostgreSQL adds its full-text index in V17_1.

CREATE TABLE bms_audit (
  seq            BIGINT                      NOT NULL,
  at             TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  actor_id       VARCHAR(200)                NOT NULL,
  actor_name     VARCHAR(200)                NOT NULL,
  actor_kind     VARCHAR(16)                 NOT NULL,
  actor_roles    VARCHAR(2000)               NOT NULL,
  operation      VARCHAR(100)                NOT NULL,
  resource_type  VARCHAR(50)                 NOT NULL,
  resource_id    VARCHAR(200)                NOT NULL,
  outcome        VARCHAR(16)                 NOT NULL,
  detail         TEXT                        NOT NULL,
  diff           TEXT                        NOT NULL,
  prev_hash      VARCHAR(64)                 NOT NULL,
  hash           VARCHAR(64)                 NOT NULL,
  CONSTRAINT pk_bms_audit PRIMARY KEY (seq)
);

CREATE INDEX ix_bms_audit_at ON bms_audit (at, seq);
CREATE INDEX ix_bms_audit_actor ON bms_audit (actor_id, seq);
CREATE INDEX ix_bms_audit_operation ON bms_audit (operation, seq);
CREATE INDEX ix_bms_audit_resource ON bms_audit (resource_type, resource_id, seq);
CREATE INDEX ix_bms_audit_hash ON bms_audit (hash);

-- the chain's head: the newest record's sequence and hash, one row (id 1)
CREATE TABLE bms_audit_head (
  id    INT          NOT NULL,
  seq   BIGINT       NOT NULL,
  hash  VARCHAR(64)  NOT NULL,
  CONSTRAINT pk_bms_audit_head PRIMARY KEY (id)
);

INSERT INTO bms_audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
