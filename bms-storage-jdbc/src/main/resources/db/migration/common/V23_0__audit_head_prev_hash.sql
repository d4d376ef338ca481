-- bms storage, version 23.0: the audit chain's head keeps the hash it replaced, so that on PostgreSQL one
-- statement moves the head (UPDATE ... SET prev_hash = hash, hash = sha256(...) RETURNING) and inserts the
-- record from what it returned: an append is one round trip instead of three (lock, insert, move). Empty
-- until the first such append; nothing reads it outside that statement. Runs unchanged on H2, whose appends
-- keep locking the head, inserting and moving it in three statements.
ALTER TABLE bms_audit_head ADD COLUMN prev_hash VARCHAR(64);
