#!/bin/sh
# Soak run (not part of mvn verify): steady load on PostgreSQL for the given minutes (default 30):
# scheduled managed backups through the filesystem target, reported executions (begin / heartbeat /
# complete) and API reads (job list, summary, compliance page, success-rate report), printing one
# row a minute: heap after GC, pool connections, live threads, work done. See docs/benchmarks.md.
#   bms-benchmarks/soak.sh            30 minutes
#   bms-benchmarks/soak.sh 10         10 minutes
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, database test; -Dbms.bench.pgUrl/pgUser/pgPassword
# through JAVA_OPTS). Set BMS_BENCH_NO_BUILD=1 to skip the build.
set -e
cd "$(dirname "$0")/.."
if [ -z "$BMS_BENCH_NO_BUILD" ]; then
  mvn -q -B -DskipTests -pl bms-benchmarks -am package
fi
exec java -Xmx512m $JAVA_OPTS -cp bms-benchmarks/target/benchmarks.jar dev.bms.benchmarks.Soak "${1:-30}"
