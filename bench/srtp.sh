#!/usr/bin/env bash
# SRTP protect/unprotect of a 1200-octet RTP payload, Confab beside libsrtp2 (AES-CM-128 + HMAC-SHA1-80
# and AEAD-AES-128-GCM). Builds Release, runs the BenchmarkDotNet comparison (a short in-process job,
# a few minutes), merges the figures into bench/results.json and rewrites the SRTP section of
# bench/RESULTS.md. Needs libsrtp2-1 (apt-get install -y libsrtp2-1) and python3.
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
artifacts="$(mktemp -d)"
trap 'rm -rf "$artifacts"' EXIT

dotnet build "$repo/bench/Confab.Benchmarks" -c Release -v q -nologo
(
  cd "$artifacts"
  dotnet "$repo/bench/Confab.Benchmarks/bin/Release/net10.0/Confab.Benchmarks.dll" \
    --filter '*SrtpBenchmarks*' --artifacts "$artifacts"
)

python3 "$repo/bench/srtp_results.py" \
  "$artifacts/results/Confab.Benchmarks.Srtp.SrtpBenchmarks-report-full.json" \
  "$repo/bench/results.json" \
  "$repo/bench/RESULTS.md"
