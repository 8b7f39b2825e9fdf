#!/usr/bin/env bash
# Join to first frame (issue 5): builds Release, starts the server on its embedded defaults, and has guests in
# Chromium press Join one after another in a meeting whose host sends video; each join's time from the click to
# the host's first presented video frame is measured in the page. Writes join_to_first_frame_ms_p50 into
# bench/results.json and the join section of bench/RESULTS.md. Installs Chromium if missing. About a minute.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
joins="${JOINS:-10}"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT

if [ ! -x /usr/bin/chromium ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

dotnet build "$repo/bench/Confab.JoinBench" -c Release -v q -nologo
(
  cd "$(mktemp -d)"
  dotnet "$repo/bench/Confab.JoinBench/bin/Release/net10.0/Confab.JoinBench.dll" --joins "$joins" --warmup "${WARMUP:-5}" --out "$out"
)
python3 "$repo/bench/join_results.py" "$out" "$repo/bench/results.json" "$repo/bench/RESULTS.md"
