-- Catalog search on H2 (which compares strings byte-wise already): path and name lookups and prefix ranges.
CREATE INDEX ix_bms_manifest_entry_path ON bms_manifest_entry (path, execution_id);
CREATE INDEX ix_bms_manifest_entry_name ON bms_manifest_entry (name, execution_id);
