#!/usr/bin/env bash
# Manual check of the Janus path of the load generator: starts Janus (setup.sh) pinned to core 0, has two
# synthetic participants publish Opus + VP8 to one videoroom and subscribe to each other for a few seconds
# (pinned to core 1), prints what each sent and received as JSON, and stops Janus.
#   smoke.sh [seconds] (default 5); JANUS_PORT overrides the HTTP port (default 18088).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-5}"
port="${JANUS_PORT:-18088}"
dir="$(mktemp -d)"
trap '"$repo/bench/janus/setup.sh" stop --dir "$dir" >/dev/null 2>&1 || true; rm -rf "$dir"' EXIT

dotnet build "$repo/bench/Confab.LoadGen" -c Release -v q -nologo >/dev/null
"$repo/bench/janus/setup.sh" start --dir "$dir" --core 0 --port "$port" >/dev/null
generator_core=$(( $(nproc) > 1 ? 1 : 0 ))
taskset -c "$generator_core" dotnet "$repo/bench/Confab.LoadGen/bin/Release/net10.0/Confab.LoadGen.dll" \
  janus-smoke "http://127.0.0.1:$port/janus" "$(cat "$dir/janus.ip")" "$seconds"
