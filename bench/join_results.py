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
    watch_ms = report.get("watchMs", 0)
    freezes = report.get("freezes") or [0] * len(joins)
    frozen_ms = report.get("frozenMs") or [0] * len(joins)
    dropped = report.get("framesDropped") or [0] * len(joins)
    merge_results(results_path, {
        "join_to_first_frame_ms_p50": p50,
        "join_freezes_after_first_frame": sum(freezes),
        "join_frozen_ms_after_first_frame": sum(frozen_ms),
    })
    model, cpus = cpu_model()
    widths = report.get("hostWidths") or [0] * len(joins)
    warmup = report.get("warmup", 0)
    rows = "\n".join(f"| {i + 1} | {ms:.0f} | {w} | {f} ({fm} ms) | {d} |"
                     for i, (ms, w, f, fm, d) in enumerate(zip(joins, widths, freezes, frozen_ms, dropped)))
    section = f"""{BEGIN}
## Join to first frame

From pressing **Join** on the pre-join screen to the first video frame of the host presented in the page
(`requestVideoFrameCallback`), for {len(joins)} guests joining one after another a meeting whose host sends its
camera; Chromium and the server on loopback, the server on its embedded defaults. Before them, {warmup} guests
join the same way unreported: a server that has just started spends much of a core compiling its code for its first
minute, which a server in service has long done. Run by `bench/join.sh` on {datetime.date.today().isoformat()},
{model} ({cpus} CPUs).

**join_to_first_frame_ms_p50 = {p50:.0f} ms** (min {report["min"]:.0f}, max {report["max"]:.0f}; target < 500).

Everything shares the machine: the host's page encodes its camera as three simulcast layers and decodes the guest's,
the guest's page does the same, and the server forwards. The host's sender ramps up to its 1280-wide layer within
about half a minute; the last column is the widest layer it was encoding at each join. On a 2-CPU machine that
encoding competes with the joining page for the CPU (the browsers' encoders, and with them key frames, and the pages'
own work wait for it). The measurement itself stays out of the way: the page's frame callback resolves a promise the
bench waits on (until 2026-12-03 the bench polled the measured page every animation frame and read its WebRTC
statistics every 5 ms, which loaded the very threads a join needs).

What a join does to get there: the SFU asks the host for a key frame as soon as the guest's subscription exists and again
when the guest answers, and starts the guest's stream from the newest key frame in its buffer the moment the connection
is up, with the timing of that burst (up to a second of video) compressed so that Chromium plays it through at once
instead of timing it as it was captured (docs/media.md); the pre-join screen opens the signaling socket and makes the two
media connections and the camera's simulcast sender while the person looks at the preview (making them blocks the page
for 50-150 ms on this machine); the guest's page answers the subscribe offer and connects before it starts its own
encoders.

The last columns watch each guest for {watch_ms / 1000:g} s after its first frame: Chromium's freezes (a frame shown much
longer than the ones before it) and frames it dropped. **{sum(freezes)} freezes in {len(joins)} joins, {sum(frozen_ms)} ms
frozen in all** (`join_freezes_after_first_frame`, `join_frozen_ms_after_first_frame`). Traced frame by frame in
trial runs (the server's receive and send time of each frame beside the page's receive and presentation time), such
freezes are gaps in what the host's page sends: no frame captured for 150-330 ms of its RTP clock, arriving at the server
300-400 ms after the one before, while the server forwarded every frame to the guest within 1-3 ms. They fall in the
second after the first frame, when the joining page starts its own three encoders and the host's page starts receiving
it, on the same 2 CPUs; trial runs on 2026-12-03 with the start from the buffer switched off froze in 4 of 10 joins too.
The frames dropped come with the start from the buffer: Chromium passes over some of the replayed frames on its way to
live ones (0-1 per join in those trials without it).

| join | ms | host's widest layer | freezes (frozen) in the next {watch_ms / 1000:g} s | frames dropped |
|---|---|---|---|---|
{rows}
{END}"""
    replace_section(markdown_path, BEGIN, END, section)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
