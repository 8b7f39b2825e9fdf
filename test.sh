#!/usr/bin/env bash
# Runs every Confab test on a new machine: installs what the tests need, starts a throwaway
# PostgreSQL and Redis on loopback ports, runs `dotnet test`, and stops what it started by PID.
set -euo pipefail
cd "$(dirname "$0")"

PG_PORT="${CONFAB_TEST_PG_PORT:-5433}"
REDIS_PORT="${CONFAB_TEST_REDIS_PORT:-6390}"
STATE_DIR="$(mktemp -d /tmp/confab-test.XXXXXX)"
PG_DIR="$STATE_DIR/pg"

log() { printf '[test.sh] %s\n' "$*"; }

need_packages() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v ffmpeg >/dev/null || missing+=(ffmpeg)
  # The server's build runs npm to build the web client (web/).
  command -v npm >/dev/null || missing+=(nodejs npm)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing: ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

PG_BIN=""
start_postgres() {
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  mkdir -p "$PG_DIR"
  local run=()
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$STATE_DIR"; run=(runuser -u postgres --); fi
  "${run[@]}" "$PG_BIN/initdb" -D "$PG_DIR" -A trust -U postgres --no-sync >"$STATE_DIR/initdb.log" 2>&1
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=off -c max_connections=300" start >/dev/null
  log "PostgreSQL on 127.0.0.1:$PG_PORT (pid $(head -n 1 "$PG_DIR/postmaster.pid"))"
}

start_redis() {
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --daemonize yes --pidfile "$STATE_DIR/redis.pid" \
    --dir "$STATE_DIR" --save "" --appendonly no --logfile "$STATE_DIR/redis.log"
  for _ in $(seq 1 100); do [ -s "$STATE_DIR/redis.pid" ] && break; sleep 0.05; done
  log "Redis on 127.0.0.1:$REDIS_PORT (pid $(cat "$STATE_DIR/redis.pid"))"
}

stop_services() {
  if [ -f "$PG_DIR/postmaster.pid" ]; then kill -INT "$(head -n 1 "$PG_DIR/postmaster.pid" 2>/dev/null)" 2>/dev/null || true; fi
  if [ -f "$STATE_DIR/redis.pid" ]; then kill "$(cat "$STATE_DIR/redis.pid" 2>/dev/null)" 2>/dev/null || true; fi
  # Wait for both to exit before removing their directory.
  for _ in $(seq 1 100); do
    local alive=0
    [ -f "$PG_DIR/postmaster.pid" ] && kill -0 "$(head -n 1 "$PG_DIR/postmaster.pid" 2>/dev/null)" 2>/dev/null && alive=1
    [ -f "$STATE_DIR/redis.pid" ] && kill -0 "$(cat "$STATE_DIR/redis.pid" 2>/dev/null)" 2>/dev/null && alive=1
    [ $alive -eq 0 ] && break
    sleep 0.1
  done
  rm -rf "$STATE_DIR"
}
trap stop_services EXIT

need_packages
start_postgres
start_redis

export CONFAB_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"
export CONFAB_TEST_REDIS="127.0.0.1:$REDIS_PORT"
# In CI every real-engine test must run: missing engines fail the tests instead of skipping them.
export CONFAB_REQUIRE_ENGINES=1

dotnet build Confab.slnx -c Release -nologo -v q 2>&1 | tail -n 5
RESULTS_DIR="$STATE_DIR/results"
set +e
# One test assembly at a time (-m:1): the media and browser tests time real packets and frames, and the cluster's
# loss test (two servers, 50 clients) would otherwise take their cores.
dotnet test Confab.slnx -c Release --no-build -nologo -m:1 --logger "trx" --results-directory "$RESULTS_DIR" "$@" 2>&1 | tee "$STATE_DIR/test.log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line over all test projects.
passed=0; failed=0; skipped=0
for trx in "$RESULTS_DIR"/*.trx; do
  [ -f "$trx" ] || continue
  c=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$c"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$c")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$c")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
