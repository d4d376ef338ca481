#!/usr/bin/env bash
# What an audit record's append costs PostgreSQL itself, apart from bms (issue 17, docs/benchmarks.md
# "Append cost"). pgbench runs, on one connection with prepared statements and the server's commit
# settings, a transaction shaped like an unaudited job change (BEGIN, UPDATE of a job row, COMMIT) and the
# same transaction with what an audited change adds: a trivial statement (one more round trip), and bms's
# one-statement append (move the chain head, hash in the database, insert the record) into a table shaped
# like bms_audit with its indexes as of storage V23_0 (V17_0, V17_1, V21_0), then with the full-text
# column and index dropped, then with three btree indexes dropped as well.
#
# Usage: bms-benchmarks/audit-append-sql.sh [seconds per run, default 10] [rounds, default 2]
# Needs pgbench (PostgreSQL's contrib, in /usr/lib/postgresql/*/bin) and the database of the tests
# (127.0.0.1:5432, trust auth, database test). Works in the schema bms_audit_append_sql, dropped at the end.
set -euo pipefail
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
SECONDS_PER_RUN=${1:-10}
ROUNDS=${2:-2}
PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
PGBENCH=${PGBENCH:-pgbench}
CONN=(-h 127.0.0.1 -U postgres)
S=bms_audit_append_sql
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"; psql -q "${CONN[@]}" -d test -c "DROP SCHEMA IF EXISTS $S CASCADE" >/dev/null 2>&1 || true' EXIT

psql -q -v ON_ERROR_STOP=1 "${CONN[@]}" -d test >/dev/null <<SQL
DROP SCHEMA IF EXISTS $S CASCADE;
CREATE SCHEMA $S;
SET search_path = $S;
CREATE TABLE job (id INT PRIMARY KEY, version BIGINT NOT NULL, enabled BOOLEAN NOT NULL, definition TEXT NOT NULL);
INSERT INTO job SELECT g, 0, TRUE, repeat('x', 800) FROM generate_series(1, 100) g;
CREATE TABLE bms_audit (
  seq BIGINT NOT NULL, at TIMESTAMP(6) WITH TIME ZONE NOT NULL, actor_id VARCHAR(200) NOT NULL,
  actor_name VARCHAR(200) NOT NULL, actor_kind VARCHAR(16) NOT NULL, actor_roles VARCHAR(2000) NOT NULL,
  operation VARCHAR(100) NOT NULL, resource_type VARCHAR(50) NOT NULL, resource_id VARCHAR(200) NOT NULL,
  outcome VARCHAR(16) NOT NULL, detail TEXT NOT NULL, diff TEXT NOT NULL, prev_hash VARCHAR(64) NOT NULL,
  hash VARCHAR(64) NOT NULL, CONSTRAINT pk_bms_audit PRIMARY KEY (seq));
CREATE INDEX ix_bms_audit_at ON bms_audit (at, seq);
CREATE INDEX ix_bms_audit_actor ON bms_audit (actor_id, seq);
CREATE INDEX ix_bms_audit_operation ON bms_audit (operation, seq);
CREATE INDEX ix_bms_audit_resource ON bms_audit (resource_type, resource_id, seq);
CREATE INDEX ix_bms_audit_hash ON bms_audit (hash);
CREATE INDEX ix_bms_audit_operation_at ON bms_audit (operation, at);
CREATE INDEX ix_bms_audit_actor_at ON bms_audit (actor_id, at);
ALTER TABLE bms_audit ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple',
  operation || ' ' || resource_type || ' ' || resource_id || ' ' || actor_id || ' ' || actor_name || ' '
  || outcome || ' ' || detail || ' ' || diff)) STORED;
CREATE INDEX ix_bms_audit_search ON bms_audit USING GIN (search);
CREATE TABLE bms_audit_head (id INT PRIMARY KEY, seq BIGINT NOT NULL, hash VARCHAR(64) NOT NULL, prev_hash VARCHAR(64));
INSERT INTO bms_audit_head VALUES (1, 0, repeat('0', 64), NULL);
SQL

# a disable's record as bms writes it (pgbench reads ":name" as a variable, so no colon is followed by a letter)
DIFF='{"definition.enabled": {"from": true, "to": false}, "version": {"from": 41, "to": 42}, "updatedAt": {"from": "2026-12-06T18-32-24.130Z", "to": "2026-12-06T18-32-25.130Z"}}'
CHANGE="UPDATE $S.job SET version = version + 1, enabled = NOT enabled WHERE id = :id;"
cat > "$WORK/unaudited.sql" <<EOF
\set id random(1, 100)
BEGIN;
$CHANGE
COMMIT;
EOF
cat > "$WORK/round-trip.sql" <<EOF
\set id random(1, 100)
BEGIN;
$CHANGE
SELECT 1;
COMMIT;
EOF
cat > "$WORK/append.sql" <<EOF
\set id random(1, 100)
BEGIN;
$CHANGE
WITH moved AS (UPDATE $S.bms_audit_head SET seq = seq + 1, prev_hash = hash, hash = encode(sha256(convert_to(hash || chr(10) || 'jobs.disable job 01a24ca0-eb04-7000-ab63-5dc9c17a4fbc u-alice Alice PERSON admin SUCCEEDED $DIFF', 'UTF8')), 'hex') WHERE id = 1 RETURNING seq, prev_hash, hash) INSERT INTO $S.bms_audit (seq, at, actor_id, actor_name, actor_kind, actor_roles, operation, resource_type, resource_id, outcome, detail, diff, prev_hash, hash) SELECT seq, now(), 'u-alice', 'Alice Example', 'PERSON', 'admin', 'jobs.disable', 'job', '01a24ca0-eb04-7000-ab63-5dc9c17a4fbc', 'SUCCEEDED', '', '$DIFF', prev_hash, hash FROM moved;
COMMIT;
EOF

latency() { # script -> mean latency in µs
  "$PGBENCH" "${CONN[@]}" -M prepared -n -c 1 -T "$SECONDS_PER_RUN" -f "$WORK/$1" test 2>&1 \
    | awk '/latency average/ {printf "%.0f", $4 * 1000}'
}

declare -A SUM
row() { # label script
  local v; v=$(latency "$2"); SUM[$1]+="$v "
}
LABELS=("unaudited: BEGIN, UPDATE job, COMMIT" "+ one trivial statement (a round trip)" \
        "+ the append, every index (V23_0)" "+ the append, no full-text column or index" \
        "+ the append, no full-text, 3 fewer btrees")
for ((r = 1; r <= ROUNDS; r++)); do
  psql -q "${CONN[@]}" -d test -c "TRUNCATE $S.bms_audit" >/dev/null
  row "${LABELS[0]}" unaudited.sql; row "${LABELS[1]}" round-trip.sql; row "${LABELS[2]}" append.sql
  psql -q "${CONN[@]}" -d test -c "DROP INDEX $S.ix_bms_audit_search; ALTER TABLE $S.bms_audit DROP COLUMN search" >/dev/null
  row "${LABELS[3]}" append.sql
  psql -q "${CONN[@]}" -d test -c "DROP INDEX $S.ix_bms_audit_hash, $S.ix_bms_audit_actor, $S.ix_bms_audit_operation" >/dev/null
  row "${LABELS[4]}" append.sql
  # put the dropped ones back for the next round
  psql -q "${CONN[@]}" -d test >/dev/null <<SQL
CREATE INDEX ix_bms_audit_actor ON $S.bms_audit (actor_id, seq);
CREATE INDEX ix_bms_audit_operation ON $S.bms_audit (operation, seq);
CREATE INDEX ix_bms_audit_hash ON $S.bms_audit (hash);
ALTER TABLE $S.bms_audit ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple',
  operation || ' ' || resource_type || ' ' || resource_id || ' ' || actor_id || ' ' || actor_name || ' '
  || outcome || ' ' || detail || ' ' || diff)) STORED;
CREATE INDEX ix_bms_audit_search ON $S.bms_audit USING GIN (search);
SQL
done

echo "pgbench, 1 connection, prepared, ${SECONDS_PER_RUN} s per run, $ROUNDS rounds; synchronous_commit=$(psql -At "${CONN[@]}" -d test -c 'SHOW synchronous_commit'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| transaction | mean latency per round, µs |"
echo "|---|---|"
for l in "${LABELS[@]}"; do
  echo "| $l | $(echo "${SUM[$l]}" | sed 's/ $//; s/ / · /g') |"
done
