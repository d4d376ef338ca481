-- bms storage, version 17.1 (PostgreSQL only): full-text search over audit records. The text is the
-- same expression H2 searches with LIKE (AuditMapper.xml); 'simple' keeps ids and names as they are
-- (no stemming, no stop words).
ALTER TABLE bms_audit ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple',
  operation || ' ' || resource_type || ' ' || resource_id || ' ' || actor_id || ' ' || actor_name || ' '
  || outcome || ' ' || detail || ' ' || diff)) STORED;

CREATE INDEX ix_bms_audit_search ON bms_audit USING GIN (search);
