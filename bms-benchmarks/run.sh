#!/bin/sh
# Runs the whole benchmark suite and prints every bms benchmark beside its raw baseline with the
# ratio (JMH's JSON goes to bms-benchmarks/target/benchmarks.json), then the heap held per 10,000
# cached jobs. Needs PostgreSQL on 127.0.0.1:5432 (user postgres, database test) and Redis on
# 127.0.0.1:6379. Arguments go to JMH, e.g.
#   bms-benchmarks/run.sh JobOverview          only the list benchmarks
#   bms-benchmarks/run.sh -wi 1 -i 3           shorter (each class sets its own iterations otherwise)
# Set BMS_BENCH_NO_BUILD=1 to skip the build. Before running, prints the iteration time the selection
# will take, computed from the classes' @Fork/@Warmup/@Measurement/@Param (SuiteDuration).
set -e
cd "$(dirname "$0")/.."
if [ -z "$BMS_BENCH_NO_BUILD" ]; then
  mvn -q -B -DskipTests -pl bms-benchmarks -am package
fi
java -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.SuiteDuration "$@"
echo
java -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.BenchmarkTable \
  -rf json -rff bms-benchmarks/target/benchmarks.json "$@"
echo
java -Xms1g -Xmx1g -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.CacheMemory 10000
