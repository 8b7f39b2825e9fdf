#!/usr/bin/env bash
# Chat throughput and delivery delay (issue 6) on a fresh machine: installs PostgreSQL (and Node.js for the server's web
# client build) when missing, starts a throwaway PostgreSQL cluster on a loopback port with its default durability (fsync
# and synchronous commit on), builds Release, starts Confab.Server on it, and runs bench/Confab.ChatBench: 20 receivers
# and 10 senders in one meeting, offered rates stepped up until one does not hold, then the gap halved. Writes
# chat_msgs_per_s_persisted (the highest rate that holds with a delivery p99 within 50 ms) and chat_delivery_ms_p99, and
# chat_msgs_per_s_lossless (the highest that holds at any delay), into bench/results.json and the chat section of
# bench/RESULTS.md.
# Stops all it started, even on failure.
#
# Environment knobs: CHAT_RATES (default "100,250,500,1000,2000,5000,10000,12500,15000,20000"), CHAT_SENDERS (10),
# CHAT_RECEIVERS (20), CHAT_WARMUP_SECONDS (3), CHAT_WINDOW_SECONDS (15), CHAT_DRAIN_SECONDS (2), CHAT_REFINE (3: halving
# steps after the first rate that fails), CHAT_PRIME_SECONDS (10: an unreported run at the lowest rate first), CHAT_PORT
# (18095), CHAT_PG_PORT (5441), CHAT_PG_OPTIONS (more postgres options, e.g. "-c synchronous_commit=off"; the results then
# no longer describe a durable store).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
port="${CHAT_PORT:-18095}"
pg_port="${CHAT_PG_PORT:-5441}"
work="$(mktemp -d /tmp/confab-chat.XXXXXX)"
pg_dir="$work/pg"
server_pid=""

log() { printf '[chat.sh] %s\n' "$*"; }

install_missing() {
  local wanted=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || wanted+=(postgresql)
  command -v npm >/dev/null 2>&1 || wanted+=(nodejs npm)
  command -v curl >/dev/null 2>&1 || wanted+=(curl)
  if [ "${#wanted[@]}" -gt 0 ]; then
    log "installing: ${wanted[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${wanted[@]}" >/dev/null
  fi
}

# As test.sh: initdb and pg_ctl, as the postgres user when root; the socket in the cluster's own directory.
start_postgres() {
  local pg_bin run=()
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  mkdir -p "$pg_dir"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$work"; run=(runuser -u postgres --); fi
  "${run[@]}" "$pg_bin/initdb" -D "$pg_dir" -A trust -U postgres >"$work/initdb.log" 2>&1
  "${run[@]}" "$pg_bin/pg_ctl" -D "$pg_dir" -l "$pg_dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -c unix_socket_directories=$pg_dir -c max_connections=200 ${CHAT_PG_OPTIONS:-}" start >/dev/null
  log "PostgreSQL on 127.0.0.1:$pg_port (pid $(head -n 1 "$pg_dir/postmaster.pid"))"
}

start_server() {
  if curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
    echo "port $port already answers HTTP: another server holds it" >&2
    exit 1
  fi
  mkdir -p "$work/data"
  Confab__DataDir="$work/data" \
  Confab__Database__Provider=postgres \
  Confab__Database__ConnectionString="$database" \
  Confab__Media__Port=0 \
  Confab__Chat__RateLimitMessages=1000000 \
  Logging__LogLevel__Default=Warning \
    dotnet "$repo/src/Confab.Server/bin/Release/net10.0/Confab.Server.dll" --urls "http://127.0.0.1:$port" \
    >"$work/server.log" 2>&1 &
  server_pid=$!
  local i
  for i in $(seq 1 300); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && { log "Confab.Server on 127.0.0.1:$port (pid $server_pid)"; return 0; }
    kill -0 "$server_pid" 2>/dev/null || { tail -n 20 "$work/server.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "Confab.Server did not answer on port $port" >&2
  exit 1
}

cleanup() {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  if [ -f "$pg_dir/postmaster.pid" ]; then
    local pg_pid
    pg_pid="$(head -n 1 "$pg_dir/postmaster.pid")"
    kill -INT "$pg_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pg_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

install_missing
start_postgres
database="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50"

dotnet build "$repo/src/Confab.Server" -c Release -m:1 -v q -nologo
dotnet build "$repo/bench/Confab.ChatBench" -c Release -m:1 -v q -nologo
start_server

# Other work on the machine (and, on a virtual machine, the hypervisor) shares its cores: the section notes the load average
# (1, 5, 15 min) the run began with, and the shares of CPU time stolen by the hypervisor and left idle while it ran.
export CHAT_LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
cpu_ticks() { awk '/^cpu /{ print $2+$3+$4+$5+$6+$7+$8+$9, $9, $5 }' /proc/stat; }   # total, steal, idle
read -r total_before steal_before idle_before < <(cpu_ticks)
# The generator runs its sockets' receive continuations on the socket event thread instead of handing each to the thread
# pool: on a small machine it shares with the server and the database, that cut its CPU time at 10,000/s by about a third
# (65 % of a core to 46 %), and a message is timestamped as it is read, not after a hop to another thread. The server runs
# with the runtime's defaults.
DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 \
dotnet "$repo/bench/Confab.ChatBench/bin/Release/net10.0/Confab.ChatBench.dll" \
  --base-url "http://127.0.0.1:$port" --database "$database" \
  --rates "${CHAT_RATES:-100,250,500,1000,2000,5000,10000,12500,15000,20000}" \
  --senders "${CHAT_SENDERS:-10}" --receivers "${CHAT_RECEIVERS:-20}" \
  --warmup "${CHAT_WARMUP_SECONDS:-3}" --window "${CHAT_WINDOW_SECONDS:-15}" --drain "${CHAT_DRAIN_SECONDS:-2}" --refine "${CHAT_REFINE:-3}" \
  --prime "${CHAT_PRIME_SECONDS:-10}" \
  --out "$work/chat.json"
read -r total_after steal_after idle_after < <(cpu_ticks)
export CHAT_CPU_STEAL_PERCENT=$(( 100 * (steal_after - steal_before) / (total_after - total_before) ))
export CHAT_CPU_IDLE_PERCENT=$(( 100 * (idle_after - idle_before) / (total_after - total_before) ))

if grep -q -i "error\|exception" "$work/server.log"; then
  log "the server logged errors:"
  grep -i -m 20 "error\|exception" "$work/server.log" >&2 || true
fi
python3 "$repo/bench/chat_results.py" "$work/chat.json" "$repo/bench/results.json" "$repo/bench/RESULTS.md"
