#!/usr/bin/env python3
"""Turns the BenchmarkDotNet full JSON report of ForwardBenchmarks into bench/results.json keys
(forward_ns_per_packet, forward_alloc_bytes_per_packet) and the forwarding section of bench/RESULTS.md.

usage: forward_results.py REPORT.json RESULTS.json RESULTS.md
"""
import datetime
import os
import sys

from results_io import cpu_model, load_report, merge_results, replace_section

BEGIN = "<!-- forward:begin -->"
END = "<!-- forward:end -->"


def main(report_path, results_path, markdown_path):
    report = load_report(report_path)
    bench = next((b for b in report["Benchmarks"] if b["Method"] == "RouteRewriteProtect"), None)
    if bench is None:
        sys.exit("RouteRewriteProtect is missing from the report")
    stats = bench["Statistics"]
    allocated = bench.get("Memory", {}).get("BytesAllocatedPerOperation")
    if allocated is None:
        sys.exit("the report has no allocation figure: was [MemoryDiagnoser] removed?")
    figures = {
        "forward_ns_per_packet": round(stats["Median"], 1),
        "forward_alloc_bytes_per_packet": allocated,
    }
    merge_results(results_path, figures)

    model, cpus = cpu_model()
    host = report.get("HostEnvironmentInfo", {})
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    replace_section(markdown_path, BEGIN, END, "\n".join([
        BEGIN,
        "## The SFU's forward step",
        "",
        f"- Date: {date}; produced by `bench/micro.sh`.",
        f"- Machine: {model}, {cpus} CPUs; {host.get('RuntimeVersion', '')}, "
        f"BenchmarkDotNet {host.get('BenchmarkDotNetVersion', '')}; load average when the run ended: {load:.1f}.",
        "- Workload: one 1200-octet VP8 packet through Producer.OnRtp to one consumer: route, rewrite (SSRC,",
        "  sequence number and timestamp into the consumer's numbering, header written, payload copied) and",
        "  SRTP protect with AEAD-AES-128-GCM, without the socket send.",
        "",
        "| figure | median | min | allocated (B/packet) |",
        "|---|---:|---:|---:|",
        f"| route + rewrite + protect | {stats['Median']:,.0f} ns | {stats['Min']:,.0f} ns | {allocated} |",
        END,
    ]))
    print(figures)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
