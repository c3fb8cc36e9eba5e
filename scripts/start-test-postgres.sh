#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the storage and API tests, on 127.0.0.1 only, with its
# data in a temporary folder, and prints the connection URL (the value for IOTASSURE_TEST_DATABASE_URL).
# Idempotent: when the server is already running it only prints the URL.
#   export IOTASSURE_TEST_DATABASE_URL=$(scripts/start-test-postgres.sh)
#   scripts/start-test-postgres.sh --stop
# Needs the Debian package postgresql (apt-get install -y postgresql). Run as root, the server runs
# as the postgres user (PostgreSQL refuses to run as root).
set -euo pipefail

PORT="${IOTASSURE_TEST_PG_PORT:-54329}"
BASE="${IOTASSURE_TEST_PG_DIR:-${TMPDIR:-/tmp}/iotassure-test-postgres-$PORT}"
DATA="$BASE/data"
SOCKETS="$BASE/sockets"
LOG="$BASE/server.log"
URL="postgresql://iotassure:iotassure@127.0.0.1:$PORT/postgres"

BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [[ -z "$BIN" || ! -x "$BIN/initdb" ]]; then
  echo "PostgreSQL server binaries not found under /usr/lib/postgresql; install them: apt-get install -y postgresql" >&2
  exit 1
fi

as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [[ "${1:-}" == "--stop" ]]; then
  if [[ -f "$DATA/postmaster.pid" ]]; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast stop >&2; fi
  rm -rf "$BASE"
  exit 0
fi

if [[ ! -f "$DATA/PG_VERSION" ]]; then
  rm -rf "$BASE"
  mkdir -p "$DATA" "$SOCKETS"
  if [[ "$(id -u)" == 0 ]]; then chown -R postgres:postgres "$BASE"; fi
  PWFILE="$BASE/password"
  echo iotassure > "$PWFILE"
  if [[ "$(id -u)" == 0 ]]; then chown postgres "$PWFILE"; fi
  # A superuser named iotassure with a password: the tests create and drop a database per test file.
  as_owner "$BIN/initdb" -D "$DATA" -U iotassure --pwfile="$PWFILE" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 \
    || { cat "$BASE/initdb.log" >&2; exit 1; }
  rm -f "$PWFILE"
fi

if ! as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  # fsync off: a throwaway test server; losing it on power failure costs nothing.
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-h 127.0.0.1 -p $PORT -k $SOCKETS -c fsync=off -c max_connections=200" start >&2 \
    || { cat "$LOG" >&2; exit 1; }
fi
echo "$URL"
