#!/usr/bin/env bash
# The README's test command: prepares the machine (scripts/setup-test-env.sh), then runs every test of
# every module. --fail-at-end: a failing module does not hide the results of the modules that do not
# depend on it. Extra arguments go to Maven (e.g. ./test.sh -pl bms-core -am).
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup-test-env.sh
echo "[test] java: $(java -version 2>&1 | head -1); maven: $(mvn -v | head -1)"
exec mvn -B --fail-at-end verify "$@"
