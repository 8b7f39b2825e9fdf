#!/usr/bin/env python3
"""Turns the join benchmark's output (Confab.JoinBench --out) into the bench/results.json key
join_to_first_frame_ms_p50 and the join section of bench/RESULTS.md.

usage: join_results.py JOINS.json RESULTS.json RESULTS.md
"""
import datetime
import sys

from results_io import cpu_model, load_report, merge_results, replace_section

BEGIN = "<!-- join:begin -->"
END = "<!-- join:end -->"


def main(report_path, results_path, markdown_path):
    report = load_report(report_path)
    joins = report["joins"]
    p50 = round(report["p50"], 1)
    merge_results(results_path, {"join_to_first_frame_ms_p50": p50})
    model, cpus = cpu_model()
    rows = "\n".join(f"| {i + 1} | {ms:.0f} |" for i, ms in enumerate(joins))
    section = f"""{BEGIN}
## Join to first frame

From pressing **Join** on the pre-join screen to the first video frame of the host presented in the page
(`requestVideoFrameCallback`), for {len(joins)} guests joining one after another a meeting whose host sends its
camera; Chromium and the server on loopback, the server on its embedded defaults. Run by `bench/join.sh`
on {datetime.date.today().isoformat()}, {model} ({cpus} CPUs).

**join_to_first_frame_ms_p50 = {p50:.0f} ms** (min {report["min"]:.0f}, max {report["max"]:.0f}; target < 500).

| join | ms |
|---|---|
{rows}
{END}"""
    replace_section(markdown_path, BEGIN, END, section)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
