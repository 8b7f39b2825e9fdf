#!/usr/bin/env bash
# The micro-benchmarks: SRTP protect/unprotect beside libsrtp2, and the SFU's per-packet forward step.
# Builds Release, runs BenchmarkDotNet (short in-process jobs, a few minutes), merges the figures into
# bench/results.json and rewrites their sections of bench/RESULTS.md. Installs libsrtp2-1 if missing.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
artifacts="$(mktemp -d)"
trap 'rm -rf "$artifacts"' EXIT

if ! ldconfig -p | grep -q 'libsrtp2\.so\.1'; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsrtp2-1 >/dev/null
fi

dotnet build "$repo/bench/Confab.Benchmarks" -c Release -v q -nologo
(
  cd "$artifacts"
  dotnet "$repo/bench/Confab.Benchmarks/bin/Release/net10.0/Confab.Benchmarks.dll" \
    --filter '*SrtpBenchmarks*' '*ForwardBenchmarks*' --artifacts "$artifacts"
)

python3 "$repo/bench/srtp_results.py" \
  "$artifacts/results/Confab.Benchmarks.Srtp.SrtpBenchmarks-report-full.json" \
  "$repo/bench/results.json" "$repo/bench/RESULTS.md"
python3 "$repo/bench/forward_results.py" \
  "$artifacts/results/Confab.Benchmarks.Forwarding.ForwardBenchmarks-report-full.json" \
  "$repo/bench/results.json" "$repo/bench/RESULTS.md"
