-- bms storage, version 21.0: audit searches that filter by operation or actor within a time range
-- (the audit page's usual question: "who disabled jobs last month") read only the index entries of
-- that operation or actor in that range. Before, PostgreSQL intersected the whole operation (or
-- actor) index with the whole time range: about 60 ms at a million records for a 30-day window of a
-- frequent operation, 8 ms with these (docs/benchmarks.md, "Audit trail"). The (operation, seq) and
-- (actor_id, seq) indexes of V17_0 stay: they serve newest-first listings without a range.
-- Building them locks appends to bms_audit for a few seconds per million records.

CREATE INDEX ix_bms_audit_operation_at ON bms_audit (operation, at);
CREATE INDEX ix_bms_audit_actor_at ON bms_audit (actor_id, at);
