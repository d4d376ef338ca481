#!/bin/sh
# Runs the whole benchmark suite and prints bms beside each raw baseline with the ratio; also
# writes JMH's JSON to bms-benchmarks/target/benchmarks.json. Needs PostgreSQL on 127.0.0.1:5432
# (user postgres, database test) and Redis on 127.0.0.1:6379. Extra arguments go to JMH, e.g.
#   bms-benchmarks/run.sh 'JobOverview'            only the list benchmarks
#   bms-benchmarks/run.sh -f 1 -wi 1 -i 3 -r 1s     a shorter run
set -e
cd "$(dirname "$0")/.."
if [ ! -f bms-benchmarks/target/benchmarks.jar ] || [ -n "$BMS_BENCH_BUILD" ]; then
  mvn -q -B -DskipTests -pl bms-benchmarks -am package
fi
exec java -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.BenchmarkTable \
  -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff bms-benchmarks/target/benchmarks.json "$@"
