#!/usr/bin/env bash
# Reproduces the reference report's section 1.1 run against the bms REST app: about 10,000 requests
# per endpoint at concurrency 50, and writes p50/p95/p99 and requests/s per endpoint into the
# "## REST API under load" section of docs/benchmarks.md, beside the report's figures.
#
#   bms-examples/rest-app/load/run-load.sh            # embedded H2 (the default)
#   REQUESTS=2000 bms-examples/rest-app/load/run-load.sh   # a quicker run (not written to the docs)
#
# Needs wrk (Debian package "wrk"). Builds the app's jar when it is missing.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
. bms-examples/rest-app/load/lib.sh
start_app

JOB_ID=$(curl -fs -H "X-API-Key: $KEY" "$BASE/api/jobs?name=payroll-files" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["job"]["id"])')
mkdir -p "$DATA/targets/load"

RESULTS=$DATA/results.txt
{
  run "GET /api/jobs" "/api/jobs"
  run "GET /api/jobs/{id}" "/api/jobs/$JOB_ID"
  # Compliance and reports judge every job: measured on the seeded estate, before POST /api/jobs
  # adds thousands of jobs that never ran.
  for extra in "GET /api/compliance|/api/compliance" \
      "GET /api/reports/success-rate|/api/reports/success-rate" \
      "GET /api/reports/success-rate?format=html|/api/reports/success-rate?format=html" \
      "GET /api/reports/success-rate?period=week&format=csv|/api/reports/success-rate?period=week&format=csv" \
      "GET /api/reports/compliance|/api/reports/compliance" \
      "GET /api/reports/alert-acknowledgement|/api/reports/alert-acknowledgement" \
      "GET /api/reports/job-history?jobId={id}|/api/reports/job-history?jobId=$JOB_ID"; do
    label=${extra%%|*}; path=${extra#*|}
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $KEY" "$BASE$path")
    if [ "$status" = 200 ]; then run "$label" "$path"; else echo "$label SKIPPED status=$status"; fi
  done
  run "POST /api/jobs" "/api/jobs" "$DATA/targets/load"
  run "GET /api/executions" "/api/executions"
  run "GET /api/alerts" "/api/alerts"
} | tee "$RESULTS"

if [ "$REQUESTS" != 10000 ] || [ "$CONCURRENCY" != 50 ]; then
  echo "not the report's configuration (10000 requests, concurrency 50): docs/benchmarks.md left as is"
  exit 0
fi
python3 $APP/load/write_benchmarks.py "$RESULTS" "$ROOT/docs/benchmarks.md" "$(machine)"
echo "wrote docs/benchmarks.md"
