-- Catalog search on PostgreSQL: paths compare byte-wise (COLLATE "C") whatever the database's
-- collation, so one B-tree serves equality, prefix ranges (LIKE 'a/b/%') and path order.
CREATE INDEX ix_bms_manifest_entry_path ON bms_manifest_entry (path COLLATE "C", execution_id);
CREATE INDEX ix_bms_manifest_entry_name ON bms_manifest_entry (name COLLATE "C", execution_id);
-- listing one restore point by directory prefix, in byte order
CREATE INDEX ix_bms_manifest_entry_point_path ON bms_manifest_entry (execution_id, path COLLATE "C");
