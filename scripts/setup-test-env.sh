#!/usr/bin/env bash
# Prepares a machine to run bms's whole test suite, idempotently:
#   - starts PostgreSQL (127.0.0.1:5432, database "test") and Redis (127.0.0.1:6379) when they are down;
#   - installs from Debian's packages what some tests drive but no Maven artifact provides:
#     chromium + chromium-driver (the rest-app's browser test), wrk (its load script),
#     prometheus (promtool, which checks the observability rules).
# Needs a Debian-based machine with PostgreSQL, Redis, Java 17 and Maven installed, and root or sudo
# for the package installs. Nothing is installed twice; services already running are left alone.
set -euo pipefail

log() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# PostgreSQL on 127.0.0.1:5432 (trust auth, database "test").
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  log "starting PostgreSQL"
  as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
pg_isready -h 127.0.0.1 -p 5432 >/dev/null || { log "PostgreSQL is not reachable on 127.0.0.1:5432"; exit 1; }
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE test"

# Redis on 127.0.0.1:6379 (the cache tests also start private redis-servers of their own).
command -v redis-server >/dev/null || { log "redis-server is not installed"; exit 1; }
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi
redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { log "Redis is not reachable on 127.0.0.1:6379"; exit 1; }

# Debian packages the tests need (command -> package).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v wrk >/dev/null || missing+=(wrk)
command -v promtool >/dev/null || missing+=(prometheus)
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  # prometheus is installed for promtool only: a policy-rc.d that denies service starts keeps the
  # package scripts from starting its daemon (removed again afterwards if we created it).
  policy=/usr/sbin/policy-rc.d
  created_policy=no
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null && as_root chmod +x "$policy" && created_policy=yes
  fi
  status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || status=$?
  [ "$created_policy" = yes ] && as_root rm -f "$policy"
  [ "$status" -eq 0 ] || { log "apt-get install failed ($status)"; exit "$status"; }
fi
for cmd in chromium chromedriver wrk promtool; do
  command -v "$cmd" >/dev/null || { log "$cmd is still missing after the install"; exit 1; }
done
log "ready: PostgreSQL, Redis, $(chromium --version 2>/dev/null | head -1), wrk, $(promtool --version 2>&1 | head -1)"
