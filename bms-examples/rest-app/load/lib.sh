# Shared by run-load.sh and run-data-load.sh (sourced, not run): starts the app on a fresh data
# directory and measures one endpoint with wrk. Expects ROOT (the repository) as the working directory.
APP=bms-examples/rest-app
JAR=${JAR:-$APP/target/bms-rest-app.jar}
REQUESTS=${REQUESTS:-10000}
CONCURRENCY=${CONCURRENCY:-50}
THREADS=${THREADS:-2}
PORT=${PORT:-18181}
KEY=load-admin-key-0123456789abcdef
BASE=http://127.0.0.1:$PORT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$JAR" ] || mvn -q -B -pl $APP -am package -DskipTests

APP_PID=
DATA=
stop_app() {
  if [ -n "$APP_PID" ]; then
    kill $APP_PID 2>/dev/null || true
    wait $APP_PID 2>/dev/null || true
    APP_PID=
  fi
  [ -z "$DATA" ] || rm -rf "$DATA"
  DATA=
}
trap 'rc=$?; stop_app; exit $rc' EXIT
trap 'exit 130' INT TERM

# start_app [app arguments...]: a fresh data directory, the limiter raised so that it never refuses
# (the point is the server's latency, not its 429s); waits until /health answers (seeding included).
# With SEED_CACHE=dir, the data directory of a first run with the same arguments is kept there (after
# the app seeded it and stopped) and copied for later runs, so that seeding 10,000 jobs (5 minutes)
# happens once: the copy is the same data, written by the same library. Delete the directory to reseed.
start_app() {
  if [ -n "${SEED_CACHE:-}" ]; then
    local key template
    key=$(echo "$*" | tr -c 'A-Za-z0-9=\n' '_')
    template=$SEED_CACHE/$key
    if [ ! -d "$template" ]; then
      local started=$(date +%s)
      start_fresh "$@"
      echo $(( $(date +%s) - started )) > "$DATA/seed-seconds"
      stop_app_keep
      mkdir -p "$SEED_CACHE"
      mv "$DATA" "$template.tmp" && mv "$template.tmp" "$template"
      DATA=
    fi
    SEED_SECONDS=$(cat "$template/seed-seconds")
    DATA=$(mktemp -d /tmp/bms-rest-load.XXXXXX)
    cp -r "$template/." "$DATA/"
    rm -f "$DATA/app.log"
    launch "$@"
  else
    local started=$(date +%s)
    start_fresh "$@"
    SEED_SECONDS=$(( $(date +%s) - started ))
  fi
}
stop_app_keep() {
  kill $APP_PID 2>/dev/null || true
  wait $APP_PID 2>/dev/null || true
  APP_PID=
}
start_fresh() {
  DATA=$(mktemp -d /tmp/bms-rest-load.XXXXXX)
  launch "$@"
}
launch() {
  java ${JAVA_OPTS:-} -Xms${HEAP:-512m} -Xmx${HEAP:-512m} -jar "$JAR" --port=$PORT --data-dir="$DATA" --api-keys="load:admin:$KEY" \
    --rate-limit=100000000/100000000 "$@" > "$DATA/app.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 ${START_SECONDS:-120}); do
    curl -fs -H "X-API-Key: $KEY" $BASE/health >/dev/null 2>&1 && break
    kill -0 $APP_PID 2>/dev/null || { cat "$DATA/app.log" >&2; exit 1; }
    sleep 1
  done
  curl -fs -H "X-API-Key: $KEY" $BASE/health >/dev/null
}

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

machine() {
  echo "$(nproc) cores (load average $(cut -d' ' -f1-3 /proc/loadavg) at the end), $(java -version 2>&1 | head -1 | tr -d '"'), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $(date -u +%Y-%m-%d)"
}
