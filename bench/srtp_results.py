#!/usr/bin/env python3
"""Turns the BenchmarkDotNet full JSON report of SrtpBenchmarks into bench/results.json keys
(merged into the existing flat object) and the SRTP section of bench/RESULTS.md.

usage: srtp_results.py REPORT.json RESULTS.json RESULTS.md
"""
import datetime
import os
import sys

from results_io import cpu_model, load_report, merge_results, replace_section

BEGIN = "<!-- srtp:begin -->"
END = "<!-- srtp:end -->"

# (BenchmarkDotNet method, Suite parameter) -> results.json key
KEYS = {
    ("ConfabProtect", "cm"): "srtp_cm_protect_ns",
    ("ConfabUnprotect", "cm"): "srtp_cm_unprotect_ns",
    ("ConfabProtect", "gcm"): "srtp_gcm_protect_ns",
    ("ConfabUnprotect", "gcm"): "srtp_gcm_unprotect_ns",
    ("Libsrtp2Protect", "cm"): "libsrtp2_cm_protect_ns",
    ("Libsrtp2Unprotect", "cm"): "libsrtp2_cm_unprotect_ns",
    ("Libsrtp2Protect", "gcm"): "libsrtp2_gcm_protect_ns",
    ("Libsrtp2Unprotect", "gcm"): "libsrtp2_gcm_unprotect_ns",
}


def main(report_path, results_path, markdown_path):
    report = load_report(report_path)

    figures = {}
    minimum = {}
    allocated = {}
    for bench in report["Benchmarks"]:
        suite = bench["Parameters"].split("=", 1)[1]
        key = KEYS.get((bench["Method"], suite))
        if key is None:
            continue
        figures[key] = round(bench["Statistics"]["Median"], 1)
        minimum[key] = round(bench["Statistics"]["Min"], 1)
        allocated[key] = bench.get("Memory", {}).get("BytesAllocatedPerOperation")

    missing = sorted(set(KEYS.values()) - set(figures))
    if missing:
        sys.exit(f"missing benchmarks in report: {missing}")

    for suite in ("cm", "gcm"):
        ours = figures[f"srtp_{suite}_protect_ns"] + figures[f"srtp_{suite}_unprotect_ns"]
        theirs = figures[f"libsrtp2_{suite}_protect_ns"] + figures[f"libsrtp2_{suite}_unprotect_ns"]
        figures[f"srtp_{suite}_ratio_over_libsrtp2"] = round(ours / theirs, 3)

    merge_results(results_path, figures)

    model, cpus = cpu_model()
    host = report.get("HostEnvironmentInfo", {})
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    rows = [
        ("AES-CM-128 + HMAC-SHA1-80", "protect", "srtp_cm_protect_ns", "libsrtp2_cm_protect_ns"),
        ("AES-CM-128 + HMAC-SHA1-80", "unprotect", "srtp_cm_unprotect_ns", "libsrtp2_cm_unprotect_ns"),
        ("AEAD-AES-128-GCM", "protect", "srtp_gcm_protect_ns", "libsrtp2_gcm_protect_ns"),
        ("AEAD-AES-128-GCM", "unprotect", "srtp_gcm_unprotect_ns", "libsrtp2_gcm_unprotect_ns"),
    ]
    lines = [
        BEGIN,
        "## SRTP: Confab beside libsrtp2",
        "",
        f"- Date: {date}; produced by `bench/micro.sh`.",
        f"- Machine: {model}, {cpus} CPUs; {host.get('RuntimeVersion', '')}, "
        f"BenchmarkDotNet {host.get('BenchmarkDotNetVersion', '')}; libsrtp2 from Debian (libsrtp2-1, NSS crypto).",
        f"- Load average when the run ended: {load:.1f}. The machine is shared with other builds running at the",
        "  same time, so absolute figures are noisy; both libraries ran in the same process, one benchmark",
        "  after the other, in the same run.",
        "- Workload: one RTP packet, 12-octet header + 1200-octet payload, in place. results.json holds the",
        "  median time per packet over the measured iterations (short job: 3 warmup + 15 measured); the",
        "  fastest iteration (min) is shown too, as the least disturbed by the other work on the machine.",
        "- Unprotect copies the next of 1024 distinct pre-protected packets into the work buffer before each",
        "  call (the same copy for both libraries) and recreates the receiver every 1024 packets so its replay",
        "  window accepts them again; Confab's allocation column shows that recreation spread per packet",
        "  (the steady-state path allocates nothing, see SrtpAllocationTests).",
        "- Confab: AES counter mode on AES-NI, eight counter blocks per step XORed straight onto the payload;",
        "  GHASH on PCLMULQDQ over header, payload and lengths as one run of blocks, up to eight per reduction,",
        "  two per multiplication with VPCLMULQDQ where the machine has it (the platform AesGcm and AES-ECB",
        "  serve where these instructions are missing); HMAC-SHA1 on one reusable IncrementalHash per direction,",
        "  which measured faster than the one-shot HMACSHA1.HashData (that one keys the HMAC again per packet).",
        "",
        "| suite | operation | Confab median (ns) | libsrtp2 median (ns) | Confab / libsrtp2 | "
        "Confab min (ns) | libsrtp2 min (ns) | min ratio | Confab allocated (B/op) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for suite, operation, ours_key, theirs_key in rows:
        ours, theirs = figures[ours_key], figures[theirs_key]
        ours_min, theirs_min = minimum[ours_key], minimum[theirs_key]
        lines.append(
            f"| {suite} | {operation} | {ours:,.0f} | {theirs:,.0f} | {ours / theirs:.2f} | "
            f"{ours_min:,.0f} | {theirs_min:,.0f} | {ours_min / theirs_min:.2f} | {allocated[ours_key]} |"
        )
    lines += [
        "",
        f"Protect + unprotect, Confab over libsrtp2: AES-CM {figures['srtp_cm_ratio_over_libsrtp2']:.2f}, "
        f"AES-GCM {figures['srtp_gcm_ratio_over_libsrtp2']:.2f} (target: at most 1.00).",
        END,
    ]
    replace_section(markdown_path, BEGIN, END, "\n".join(lines))

    print(figures)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
