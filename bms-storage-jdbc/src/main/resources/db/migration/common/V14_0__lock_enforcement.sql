-- how strongly the medium holds a lock read back (LockProof.enforcement); proofs recorded before
-- this column existed came from targets that could not say, so they count as advisory
ALTER TABLE bms_lock_proof ADD COLUMN enforcement VARCHAR(16) DEFAULT 'ADVISORY' NOT NULL;
