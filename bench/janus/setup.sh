#!/usr/bin/env bash
# Janus 1.1.2 (Debian package `janus`) as the peer the SFU is measured beside.
#
#   setup.sh install                         installs janus (and curl, iproute2) if missing
#   setup.sh start --dir D [--core C] [--port P] [--ip A] [--rtp-ports LO-HI] [--debug-level L] [--event-loops N]
#                                            writes a configuration into D, starts janus pinned to core C
#                                            with taskset, waits for GET /janus/info, prints its PID (also in
#                                            D/janus.pid) and writes its media address to D/janus.ip;
#                                            log in D/janus.log
#   setup.sh stop --dir D                    stops the janus started with that directory, by its PID
#
# The configuration: HTTP transport only, on 127.0.0.1:P (default 8088), the videoroom plugin only,
# no event handlers or loggers, ICE host candidates on one local address only (no STUN, no TURN, no IPv6,
# no mDNS), libnice debugging off, a low log level, no session timeout (the load generator long-polls).
# Janus never gathers on loopback interfaces, so its media address is this machine's first global IPv4
# address (traffic to it still stays inside the machine, on the loopback device) unless --ip says otherwise.
set -euo pipefail

janus_lib_dir="/usr/lib/x86_64-linux-gnu/janus"

usage() {
  sed -n '2,14p' "$0" >&2
  exit 2
}

install_janus() {
  local wanted=()
  command -v janus >/dev/null 2>&1 || wanted+=(janus)
  command -v curl >/dev/null 2>&1 || wanted+=(curl)
  command -v ip >/dev/null 2>&1 || wanted+=(iproute2)
  if [ "${#wanted[@]}" -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${wanted[@]}" >/dev/null
  fi
}

# Comma-separated file names of the modules in a folder, all but the one kept (may be empty).
modules_except() {
  local folder="$1" keep="$2"
  local names=()
  local f
  for f in "$folder"/libjanus_*.so; do
    [ -e "$f" ] || continue
    local name
    name="$(basename "$f")"
    [ "$name" = "$keep" ] || names+=("$name")
  done
  local IFS=,
  echo "${names[*]}"
}

write_config() {
  local dir="$1" port="$2" rtp_ports="$3" debug_level="$4" event_loops="$5" media_ip="$6"
  mkdir -p "$dir"
  local loops_line=""
  if [ "$event_loops" -gt 0 ]; then
    loops_line="event_loops = $event_loops"
  fi
  cat >"$dir/janus.jcfg" <<EOF
general: {
  configs_folder = "$dir"
  plugins_folder = "$janus_lib_dir/plugins"
  transports_folder = "$janus_lib_dir/transports"
  events_folder = "$janus_lib_dir/events"
  loggers_folder = "$janus_lib_dir/loggers"
  debug_level = $debug_level
  debug_colors = false
  server_name = "Janus beside Confab"
  session_timeout = 0
  $loops_line
}
certificates: {
}
media: {
  ipv6 = false
  rtp_port_range = "$rtp_ports"
}
nat: {
  nice_debug = false
  ice_lite = false
  ice_tcp = false
  full_trickle = false
  ignore_mdns = true
  ice_enforce_list = "$media_ip"
}
plugins: {
  disable = "$(modules_except "$janus_lib_dir/plugins" libjanus_videoroom.so)"
}
transports: {
  disable = "$(modules_except "$janus_lib_dir/transports" libjanus_http.so)"
}
loggers: {
  disable = "$(modules_except "$janus_lib_dir/loggers" none)"
}
events: {
  broadcast = false
  disable = "$(modules_except "$janus_lib_dir/events" none)"
}
EOF
  cat >"$dir/janus.transport.http.jcfg" <<EOF
general: {
  json = "plain"
  base_path = "/janus"
  http = true
  port = $port
  ip = "127.0.0.1"
  https = false
}
admin: {
  admin_http = false
  admin_https = false
}
cors: {
}
EOF
  cat >"$dir/janus.plugin.videoroom.jcfg" <<EOF
general: {
}
EOF
}

# This machine's first global-scope IPv4 address.
first_global_ipv4() {
  local ip
  ip="$(ip -4 -o addr show scope global 2>/dev/null | awk '{ split($4, a, "/"); print a[1]; exit }')"
  if [ -z "$ip" ]; then
    echo "no global IPv4 address to give Janus (it does not gather on loopback); pass --ip" >&2
    exit 1
  fi
  echo "$ip"
}

wait_for_http() {
  local port="$1" pid="$2" log="$3"
  local i
  for i in $(seq 1 200); do
    if curl -sf "http://127.0.0.1:$port/janus/info" >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "janus exited during start; last lines of $log:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    sleep 0.1
  done
  echo "janus did not answer on port $port" >&2
  return 1
}

start_janus() {
  local dir="" core="0" port="8088" rtp_ports="20000-40000" debug_level="2" event_loops="0" media_ip=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) dir="$2"; shift 2 ;;
      --core) core="$2"; shift 2 ;;
      --port) port="$2"; shift 2 ;;
      --ip) media_ip="$2"; shift 2 ;;
      --rtp-ports) rtp_ports="$2"; shift 2 ;;
      --debug-level) debug_level="$2"; shift 2 ;;
      --event-loops) event_loops="$2"; shift 2 ;;
      *) usage ;;
    esac
  done
  [ -n "$dir" ] || usage
  install_janus
  if curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
    echo "port $port already answers HTTP: another server holds it" >&2
    exit 1
  fi
  dir="$(mkdir -p "$dir" && cd "$dir" && pwd)"
  if [ -z "$media_ip" ]; then
    media_ip="$(first_global_ipv4)"
  fi
  write_config "$dir" "$port" "$rtp_ports" "$debug_level" "$event_loops" "$media_ip"
  echo "$media_ip" >"$dir/janus.ip"
  taskset -c "$core" janus -F "$dir" -C "$dir/janus.jcfg" >"$dir/janus.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$dir/janus.pid"
  wait_for_http "$port" "$pid" "$dir/janus.log"
  echo "$pid"
}

stop_janus() {
  local dir=""
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) dir="$2"; shift 2 ;;
      *) usage ;;
    esac
  done
  [ -n "$dir" ] && [ -f "$dir/janus.pid" ] || usage
  local pid
  pid="$(cat "$dir/janus.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    local i
    for i in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid"
    fi
  fi
  rm -f "$dir/janus.pid"
}

case "${1:-}" in
  install) install_janus ;;
  start) shift; start_janus "$@" ;;
  stop) shift; stop_janus "$@" ;;
  *) usage ;;
esac
