#!/usr/bin/env bash
# The load benchmark, on a fresh machine: the per-packet floor (libsrtp2 AES-GCM protect + loopback sendto), how
# often the machine itself stops a busy core (bench/floor/stalls.c), then the same meeting scenarios against Janus
# 1.1.2 (videoroom) and against Confab's SFU, each server pinned to one core with taskset and the load generator to
# the other. Writes bench/RESULTS.md (tables and PNG plots) and the load keys of bench/results.json. Installs what
# is missing (gcc, curl, iproute2, libsrtp2-dev, janus, python3-matplotlib). For the run, the kernel threads that may
# run on any core are kept off the servers' core (bench/loadgen/kernel_threads.py) and put back at exit.
#
# Environment knobs: MEASURE_SECONDS (default 20), K_STEPS (meetings of 5 to try, default "1 2 4 6 8 10 12 16 20 24 32 40 48 56 64 72"),
# JANUS_PORT (default 18088), CONFAB_PORT (default 18090), SKIP_LARGE=1 (skip the 50-person and 300-person rooms).
#
# The Confab side runs the SFU in Confab.Server (one UDP port, development signaling) and drives it with
# Confab.Client. In the 50-person room each participant selects 25 videos at the low layer through the
# development signaling's select-video, as the Janus participants subscribe to 25 feeds.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
RUN_STARTED="$(date -u '+%Y-%m-%d %H:%M UTC')"
export RUN_STARTED # the report's date
measure_seconds="${MEASURE_SECONDS:-20}"
k_steps="${K_STEPS:-1 2 4 6 8 10 12 16 20 24 32 40 48 56 64 72}"
janus_port="${JANUS_PORT:-18088}"
server_core=0
generator_core=$(( $(nproc) > 1 ? 1 : 0 ))
janus_dir="$work/janus"
confab_port="${CONFAB_PORT:-18090}"
confab_dir="$work/confab"
# Debian's interpreter, where python3-matplotlib installs (a python3 earlier on PATH may not see it).
py="$(command -v /usr/bin/python3 || command -v python3)"

cleanup() {
  if [ -f "$janus_dir/janus.pid" ]; then
    "$repo/bench/janus/setup.sh" stop --dir "$janus_dir" >/dev/null 2>&1 || true
  fi
  stop_confab
  "$py" "$repo/bench/loadgen/kernel_threads.py" restore "$work/kernel_threads.json" || true
  rm -rf "$work"
}
trap cleanup EXIT

install_missing() {
  local wanted=()
  command -v gcc >/dev/null 2>&1 || wanted+=(gcc)
  command -v curl >/dev/null 2>&1 || wanted+=(curl)
  command -v ip >/dev/null 2>&1 || wanted+=(iproute2)
  [ -f /usr/include/srtp2/srtp.h ] || wanted+=(libsrtp2-dev)
  command -v janus >/dev/null 2>&1 || wanted+=(janus)
  "$py" -c 'import matplotlib' >/dev/null 2>&1 || wanted+=(python3-matplotlib)
  if [ "${#wanted[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null
  fi
}

# One row per scenario run, as JSON lines.
generator="$repo/bench/Confab.LoadGen/bin/Release/net10.0/Confab.LoadGen.dll"

janus_scenario() {
  # name meetings size audio_only videos_per_subscriber video_bps active_speakers
  "$repo/bench/janus/setup.sh" start --dir "$janus_dir" --core "$server_core" --port "$janus_port" >/dev/null
  local pid
  pid="$(cat "$janus_dir/janus.pid")"
  taskset -c "$generator_core" dotnet "$generator" janus-scenario "http://127.0.0.1:$janus_port/janus" \
    "$(cat "$janus_dir/janus.ip")" "$pid" "$1" "$2" "$3" "$4" "$5" "$measure_seconds" "$6" "$7" \
    >>"$work/janus.jsonl" || true
  "$repo/bench/janus/setup.sh" stop --dir "$janus_dir" >/dev/null
  tail -n 1 "$work/janus.jsonl"
}

start_confab() {
  mkdir -p "$confab_dir/data"
  if curl -s -o /dev/null "http://127.0.0.1:$confab_port/" 2>/dev/null; then
    echo "port $confab_port already answers HTTP: another server holds it" >&2
    exit 1
  fi
  taskset -c "$server_core" dotnet "$repo/src/Confab.Server/bin/Release/net10.0/Confab.Server.dll" \
    --urls "http://127.0.0.1:$confab_port" --Confab:DataDir="$confab_dir/data" --Confab:Media:Port=0 \
    --Logging:LogLevel:Default=Warning >"$confab_dir/server.log" 2>&1 &
  echo $! >"$confab_dir/server.pid"
  local i
  for i in $(seq 1 300); do
    curl -s -o /dev/null "http://127.0.0.1:$confab_port/" 2>/dev/null && return 0
    kill -0 "$(cat "$confab_dir/server.pid")" 2>/dev/null || { tail -n 20 "$confab_dir/server.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "Confab.Server did not answer on port $confab_port" >&2
  exit 1
}

stop_confab() {
  [ -f "$confab_dir/server.pid" ] || return 0
  local pid i
  pid="$(cat "$confab_dir/server.pid")"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$confab_dir/server.pid"
}

confab_scenario() {
  # name meetings size audio_only videos_per_subscriber video_bps active_speakers
  start_confab
  taskset -c "$generator_core" dotnet "$generator" confab-scenario "ws://127.0.0.1:$confab_port/sfu/ws" \
    "$(cat "$confab_dir/server.pid")" "$1" "$2" "$3" "$4" "$5" "$measure_seconds" "$6" "$7" >>"$work/confab.jsonl" || true
  stop_confab
  tail -n 1 "$work/confab.jsonl"
}

# True while the last run kept loss under 1% with everyone connected.
last_run_held() {
  "$py" - "$1" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
last = rows[-1] if rows else None
ok = last and last["failure"] is None and last["participants_up"] == last["participants"] and last["loss_fraction"] < 0.01
sys.exit(0 if ok else 1)
PY
}

install_missing

# Both servers and the generator ask for 4 MiB socket buffers; a fresh kernel caps them at 208 KiB, which a burst
# of key frames from hundreds of participants overflows. Raise the cap (as a media server's host would) when we may.
for limit in net.core.rmem_max net.core.wmem_max; do
  if [ "$(sysctl -n "$limit" 2>/dev/null || echo 0)" -lt 4194304 ]; then
    sysctl -q -w "$limit=4194304" 2>/dev/null || echo "could not raise $limit (not root?): socket buffers stay small" >&2
  fi
done

# The kernel's unbound threads run wherever there is room, often on the server's core between two of its packets,
# and part of their work cannot be preempted (here the memory access monitor, kdamond, passes every 500 ms, and the
# server's longest holds came right after its passes). A host dedicated to media keeps them off its media cores: for the
# run they go to the generator's core (the same for both servers), and back at exit.
if [ "$server_core" != "$generator_core" ]; then
  "$py" "$repo/bench/loadgen/kernel_threads.py" move "$server_core" "$generator_core" "$work/kernel_threads.json" \
    || echo "could not move the kernel threads off core $server_core: they share it with the servers" >&2
fi

echo "== floor: libsrtp2 AES-GCM protect + loopback sendto"
gcc -O2 -Wall -Wextra -o "$work/floor" "$repo/bench/floor/floor.c" -lsrtp2 -lpthread
"$work/floor" -s "$server_core" -d "$generator_core" >"$work/floor.json"
cat "$work/floor.json"

echo "== the machine's own stalls of a busy core (both cores spinning at once)"
gcc -O2 -Wall -Wextra -o "$work/stalls" "$repo/bench/floor/stalls.c" -lpthread
"$work/stalls" -t 10 "$server_core" "$generator_core" >"$work/stalls.json"
cat "$work/stalls.json"

echo "== building the load generator and the server"
dotnet build "$repo/bench/Confab.LoadGen" -c Release -v q -nologo >/dev/null
dotnet build "$repo/src/Confab.Server" -c Release -v q -nologo >/dev/null

echo "== Janus: 5-person meetings"
: >"$work/janus.jsonl"
for k in $k_steps; do
  janus_scenario 5p "$k" 5 0 all 1500000 all
  last_run_held "$work/janus.jsonl" || break
done
if [ "${SKIP_LARGE:-0}" != 1 ]; then
  echo "== Janus: one 50-person meeting, 25 videos each at a low-layer bitrate, 3 speakers"
  janus_scenario 50p 1 50 0 25 150000 3
  echo "== Janus: one 300-person audio-only room, 3 speakers"
  janus_scenario audio300 1 300 1 all 0 3
fi

echo "== Confab: 5-person meetings"
: >"$work/confab.jsonl"
for k in $k_steps; do
  confab_scenario 5p "$k" 5 0 all 1500000 all
  last_run_held "$work/confab.jsonl" || break
done
if [ "${SKIP_LARGE:-0}" != 1 ]; then
  echo "== Confab: one 50-person meeting, 25 videos each at a low-layer bitrate, 3 speakers"
  confab_scenario 50p 1 50 0 25 150000 3
  echo "== Confab: one 300-person audio-only room, 3 speakers"
  confab_scenario audio300 1 300 1 all 0 3
fi

"$py" "$repo/bench/loadgen/report.py" "$work/floor.json" "$work/janus.jsonl" "$work/confab.jsonl" \
  "$repo/bench/results.json" "$repo/bench/RESULTS.md" "$repo/bench" "$work/stalls.json" "$work/kernel_threads.json"
