#!/usr/bin/env bash
# CPU the server spends per request, two jars side by side on copies of one seeded data directory:
# per endpoint the process's user+system CPU time over a wrk run (50 connections) divided by the
# requests answered, for the bms endpoint and its /raw twin, old jar then new jar. Unlike req/s, this
# holds on a machine whose load moves (other builds only slow the wall clock, not the CPU a request takes).
#
#   SEED_CACHE=/tmp/bms-seed SIZES=1000 WRITE_DOCS=0 bms-examples/rest-app/load/run-data-load.sh  # makes the template
#   bms-examples/rest-app/load/compare-cpu.sh old.jar new.jar /tmp/bms-seed/<template> 1000
set -euo pipefail
OLD=$1; NEW=$2; T=$3; JOBS=$4; DUR=${DUR:-10}
KEY=load-admin-key-0123456789abcdef
TCK=$(getconf CLK_TCK)
PIDS=()
DIRS=()
trap 'for p in "${PIDS[@]}"; do kill $p 2>/dev/null || true; done; wait; rm -rf "${DIRS[@]}"' EXIT
start() {
  local d; d=$(mktemp -d /tmp/bms-cpu.XXXXXX); cp -r "$T/." "$d/"; rm -f "$d/app.log"; DIRS+=("$d")
  java -Xms1g -Xmx1g -jar "$1" --port=$2 --data-dir="$d" --api-keys="load:admin:$KEY" \
    --rate-limit=100000000/100000000 --seed-days=30 --sample-jobs=$JOBS --raw-endpoints=true > "$d/app.log" 2>&1 &
  PIDS+=($!)
}
start "$OLD" 18671; start "$NEW" 18672
for port in 18671 18672; do
  for _ in $(seq 1 300); do curl -fs -H "X-API-Key: $KEY" http://127.0.0.1:$port/health >/dev/null 2>&1 && break; sleep 1; done
done
sleep 20 # background sweeps after start
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
measure() { # port pid path
  local c0 c1 n
  c0=$(cpu $2)
  n=$(wrk -t2 -c50 -d${DUR}s --timeout 10s -H "X-API-Key: $KEY" "http://127.0.0.1:$1$3" | awk '/requests in/{print $1}')
  c1=$(cpu $2)
  python3 -c "print(f'{($c1-$c0)*1000/$TCK/$n:.2f} ms CPU/req ({$n} req)')"
}
for pair in "/api/stats|/raw/stats" "/api/compliance?limit=100|/raw/compliance" "/api/alerts?limit=100|/raw/alerts" \
    "/api/reports/success-rate|/raw/reports/success-rate"; do
  IFS='|' read -r b r <<< "$pair"
  DUR=5 measure 18671 ${PIDS[0]} "$b" >/dev/null; DUR=5 measure 18672 ${PIDS[1]} "$b" >/dev/null # warm-up
  echo "$b OLD bms $(measure 18671 ${PIDS[0]} "$b") raw $(measure 18671 ${PIDS[0]} "$r")" \
    "| NEW bms $(measure 18672 ${PIDS[1]} "$b") raw $(measure 18672 ${PIDS[1]} "$r") | load $(cut -d' ' -f1-3 /proc/loadavg)"
done
