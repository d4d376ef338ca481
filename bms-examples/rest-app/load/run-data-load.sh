#!/usr/bin/env bash
# The dashboard's own data requests under load at the size of real estates: for each size (1,000 and
# 10,000 jobs by default) the app starts on a fresh embedded H2 database seeded with that many
# generated jobs and 30 days of history (--sample-jobs, --seed-days=30), then wrk measures each data
# endpoint from 50 connections beside its plain-JDBC twin in the same server (--raw-endpoints: the
# same rows read without bms), bms first, raw right after, so the ratio holds while the machine's
# load moves. Writes the "## Dashboard data under load" section of docs/benchmarks.md.
#
#   bms-examples/rest-app/load/run-data-load.sh
#   SIZES=1000 REQUESTS=2000 bms-examples/rest-app/load/run-data-load.sh   # quicker, docs left as is
#   SEED_CACHE=/tmp/bms-seed bms-examples/rest-app/load/run-data-load.sh      # seed each size once, reuse it
#   ENDPOINTS="stats alerts" WRITE_DOCS=0 JAR=/tmp/app.jar ...               # some endpoints, another jar
#
# Needs wrk (Debian package "wrk"). Builds the app's jar when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
HEAP=${HEAP:-1g}
START_SECONDS=${START_SECONDS:-3600}
SIZES=${SIZES:-1000 10000}
. bms-examples/rest-app/load/lib.sh

ENDPOINTS=${ENDPOINTS:-stats compliance-summary compliance alerts reports}
RESULTS=$(mktemp /tmp/bms-data-load.XXXXXX)
echo "results in $RESULTS"
for jobs in $SIZES; do
  start_app --seed-days=30 --sample-jobs=$jobs --raw-endpoints=true
  echo "$jobs SEEDED seconds=$SEED_SECONDS" | tee -a "$RESULTS"
  # the import's first rollup flush, the compliance sweep and the RPO monitor's first passes over the
  # imported history (alerts raised for thousands of jobs at 10,000) run now, not in a measurement
  sleep ${SETTLE:-120}
  for pair in "stats|GET /api/stats|/api/stats|/raw/stats" \
      "compliance-summary|GET /api/compliance/summary|/api/compliance/summary|/raw/compliance/summary" \
      "compliance|GET /api/compliance|/api/compliance?limit=100|/raw/compliance" \
      "alerts|GET /api/alerts|/api/alerts?limit=100|/raw/alerts" \
      "reports|GET /api/reports/success-rate|/api/reports/success-rate|/raw/reports/success-rate"; do
    IFS='|' read -r name label path raw <<< "$pair"
    [[ " $ENDPOINTS " == *" $name "* ]] || continue
    echo "uptime $(uptime)" >> "$RESULTS.uptime"
    echo "$jobs BMS $(run "$label" "$path")" | tee -a "$RESULTS"
    echo "$jobs RAW $(run "$label" "$raw")" | tee -a "$RESULTS"
  done
  stop_app
done

if [ "$REQUESTS" != 10000 ] || [ "$CONCURRENCY" != 50 ] || [ "${WRITE_DOCS:-1}" = 0 ]; then
  echo "not the report's configuration (10000 requests, concurrency 50): docs/benchmarks.md left as is"
  exit 0
fi
python3 $APP/load/write_data_benchmarks.py "$RESULTS" "$ROOT/docs/benchmarks.md" "$(machine)"
echo "wrote docs/benchmarks.md"
