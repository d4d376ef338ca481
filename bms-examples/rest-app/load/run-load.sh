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
APP=bms-examples/rest-app
JAR=$APP/target/bms-rest-app.jar
REQUESTS=${REQUESTS:-10000}
CONCURRENCY=${CONCURRENCY:-50}
THREADS=${THREADS:-2}
PORT=${PORT:-18181}
KEY=load-admin-key-0123456789abcdef
DATA=$(mktemp -d /tmp/bms-rest-load.XXXXXX)
BASE=http://127.0.0.1:$PORT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$JAR" ] || mvn -q -B -pl $APP -am package -DskipTests

# The limiter is raised for the run: the point is the server's latency, not its 429s.
java -Xms512m -Xmx512m -jar "$JAR" --port=$PORT --data-dir="$DATA" --api-keys="load:admin:$KEY" \
  --rate-limit=100000000/100000000 > "$DATA/app.log" 2>&1 &
APP_PID=$!
cleanup() {
  local rc=$?
  kill $APP_PID 2>/dev/null || true
  wait $APP_PID 2>/dev/null || true
  rm -rf "$DATA"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for _ in $(seq 1 120); do
  curl -fs -H "X-API-Key: $KEY" $BASE/health >/dev/null 2>&1 && break
  sleep 1
done
curl -fs -H "X-API-Key: $KEY" $BASE/health >/dev/null

JOB_ID=$(curl -fs -H "X-API-Key: $KEY" "$BASE/api/jobs?name=payroll-files" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["job"]["id"])')
mkdir -p "$DATA/targets/load"

# wrk runs for a duration, not a count: per endpoint a 5 s warm-up (JIT, caches; not measured),
# a 2 s run that measures the rate, then the measured run, long enough for about $REQUESTS requests
# at that rate (2-60 s).
wrk_run() { # seconds path root run-id
  API_KEY=$KEY BODY_NAME_ROOT=$3 RUN_ID=$4 \
    wrk -t$THREADS -c$CONCURRENCY -d${1}s --timeout 10s -s $APP/load/count.lua "$BASE$2" | grep '^RESULT'
}
run() { # label path [post-root]
  local label=$1 path=$2 root=${3:-} rate seconds
  wrk_run 5 "$path" "$root" warm >/dev/null
  rate=$(wrk_run 2 "$path" "$root" rate)
  seconds=$(python3 -c "import math,sys; f=dict(kv.split('=') for kv in sys.argv[1].split()[1:]); \
r=int(f['requests'])/(int(f['duration_us'])/1e6); print(min(60, max(2, math.ceil($REQUESTS / r))))" "$rate")
  echo "$label $(wrk_run "$seconds" "$path" "$root" run)"
}

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
  run "GET /dashboard" "/dashboard"
} | tee "$RESULTS"

if [ "$REQUESTS" != 10000 ] || [ "$CONCURRENCY" != 50 ]; then
  echo "not the report's configuration (10000 requests, concurrency 50): docs/benchmarks.md left as is"
  exit 0
fi
python3 $APP/load/write_benchmarks.py "$RESULTS" "$ROOT/docs/benchmarks.md" \
  "$(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg) at the end), $(java -version 2>&1 | head -1 | tr -d '"'), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $(date -u +%Y-%m-%d)"
echo "wrote docs/benchmarks.md"
