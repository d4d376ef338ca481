-- bms storage, version 19.0: four-eyes approval requests (issue 17). A guarded call is held as one
-- row: its operation and arguments (JSON) to call again on approval, the requester, and the
-- decision. Decisions are conditional updates (WHERE status = 'PENDING' AND version = ?), so when two
-- instances approve one request at once exactly one row update succeeds and the call runs once.
-- Runs unchanged on PostgreSQL and H2.

CREATE TABLE bms_approval (
  id               UUID                        NOT NULL,
  action           VARCHAR(40)                 NOT NULL,
  operation        VARCHAR(100)                NOT NULL,
  resource_type    VARCHAR(50)                 NOT NULL,
  resource_id      VARCHAR(200)                NOT NULL,
  arguments        TEXT                        NOT NULL,
  summary          TEXT                        NOT NULL,
  requester_id     VARCHAR(200)                NOT NULL,
  requester_name   VARCHAR(200)                NOT NULL,
  requester_kind   VARCHAR(16)                 NOT NULL,
  requester_roles  VARCHAR(2000)               NOT NULL,
  created_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  expires_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  status           VARCHAR(16)                 NOT NULL,
  version          BIGINT                      NOT NULL,
  decided_by_id    VARCHAR(200),
  decided_by_name  VARCHAR(200),
  decided_by_kind  VARCHAR(16),
  decided_by_roles VARCHAR(2000),
  decided_at       TIMESTAMP(6) WITH TIME ZONE,
  comment          TEXT                        NOT NULL,
  outcome          VARCHAR(16),
  outcome_detail   TEXT                        NOT NULL,
  CONSTRAINT pk_bms_approval PRIMARY KEY (id)
);

-- the listing, newest first, and its status/requester filters
CREATE INDEX ix_bms_approval_created ON bms_approval (created_at, id);
CREATE INDEX ix_bms_approval_status ON bms_approval (status, expires_at);
CREATE INDEX ix_bms_approval_requester ON bms_approval (requester_id, created_at);
