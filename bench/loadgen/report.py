"""Turns one load run (floor JSON, Janus and Confab scenario rows as JSON lines) into the load keys of
bench/results.json, the load section of bench/RESULTS.md, and a PNG of server CPU against participants.

usage: report.py floor.json janus.jsonl confab.jsonl results.json RESULTS.md plot_dir [stalls.json [kernel_threads.json]]
"""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from results_io import cpu_model, merge_results, replace_section  # noqa: E402

BEGIN = "<!-- load:begin -->"
END = "<!-- load:end -->"
PLOT_NAME = "load_cpu_5p.png"
LOSS_LIMIT = 0.01
# The target load: 200 participants in 5-person meetings on one core.
TARGET_PARTICIPANTS = 200
# A generator whose sources send later than this at the 99th percentile no longer keeps up with its load.
GENERATOR_BEHIND_MICROSECONDS = 5000


def read_rows(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def held(row):
    """Everyone connected and loss under 1%."""
    return row["failure"] is None and row["participants_up"] == row["participants"] and row["loss_fraction"] < LOSS_LIMIT


def five_person(rows):
    return sorted((r for r in rows if r["scenario"] == "5p"), key=lambda r: r["participants"])


def capacity(rows):
    """(largest participant count that held, the row of that run, whether a larger run was tried and failed)."""
    runs = five_person(rows)
    good = [r for r in runs if held(r)]
    if not good:
        return None, None, bool(runs)
    best = good[-1]
    saturated = any(r["participants"] > best["participants"] and not held(r) for r in runs)
    return best["participants"], best, saturated


def common_load(janus, confab):
    """The largest participant count both servers held in 5-person meetings (None when either held none)."""
    held_counts = [set(r["participants"] for r in five_person(rows) if held(r)) for rows in (janus, confab) if rows]
    if len(held_counts) < 2 or not (held_counts[0] & held_counts[1]):
        return None
    return max(held_counts[0] & held_counts[1])


def server_keys(prefix, rows, at_participants):
    """Capacity keys from the largest run that held; per-packet, latency and memory keys at the common load
    (the same participant count for both servers) when there is one, else at capacity."""
    participants, best, saturated = capacity(rows)
    if best is None:
        return {}
    at = best
    if at_participants is not None:
        at = next(r for r in five_person(rows) if r["participants"] == at_participants and held(r))
    return {
        f"{prefix}cpu_us_per_forwarded_packet": at["cpu_microseconds_per_forwarded_packet"],
        f"{prefix}cpu_us_per_forwarded_packet_at_capacity": best["cpu_microseconds_per_forwarded_packet"],
        f"{prefix}participants_per_core_5p": participants,
        f"{prefix}participants_per_core_5p_saturated": saturated,
        f"{prefix}participants_per_core_5p_cpu_extrapolated": round(at["participants"] / at["server_cores"], 1)
        if at["server_cores"] > 0 else None,
        f"{prefix}end_to_end_delay_ms_p50": round(at["delay_microseconds_p50"] / 1000, 3),
        f"{prefix}end_to_end_delay_ms_p99": round(at["delay_microseconds_p99"] / 1000, 3),
        **added_latency_keys(prefix, best),
        **target_latency_keys(prefix, rows),
        f"{prefix}memory_kb_per_participant": at["memory_kilobytes_per_participant"],
        f"{prefix}measured_at_participants": at["participants"],
    }


def added_latency_keys(prefix, row):
    """The latency the server itself measured it added (kernel receive timestamp to the copy's send), at its largest
    held load: only a server that exports it (Confab) has these keys."""
    if row.get("server_hold_microseconds_p99", -1) < 0:
        return {}
    return {
        f"{prefix}added_latency_ms_p50": round(row["server_hold_microseconds_p50"] / 1000, 3),
        f"{prefix}added_latency_ms_p99": round(row["server_hold_microseconds_p99"] / 1000, 3),
        f"{prefix}added_latency_measured_at_participants": row["participants"],
    }


def target_latency_keys(prefix, rows):
    """The added latency at the target load itself, when a step of exactly that many participants held."""
    row = next((r for r in five_person(rows) if r["participants"] == TARGET_PARTICIPANTS and held(r)), None)
    if row is None or row.get("server_hold_microseconds_p99", -1) < 0:
        return {}
    return {
        f"{prefix}added_latency_ms_p50_at_{TARGET_PARTICIPANTS}": round(row["server_hold_microseconds_p50"] / 1000, 3),
        f"{prefix}added_latency_ms_p99_at_{TARGET_PARTICIPANTS}": round(row["server_hold_microseconds_p99"] / 1000, 3),
    }


def stall_keys(stalls):
    """The machine's own stalls of a busy core (bench/floor/stalls.c), the worse of the cores."""
    cores = stalls.get("cores", []) if stalls else []
    if not cores:
        return {}
    return {
        "machine_stalls_over_1ms_per_s": max(c["stalls_over_1ms_per_second"] for c in cores),
        "machine_longest_stall_ms": max(c["longest_stall_ms"] for c in cores),
        # run.sh names the server's core first: the share of time a packet arriving there waits over 1 ms for it.
        "machine_server_core_held_over_1ms_share": cores[0].get("held_over_1ms_fraction", -1),
    }


def kernel_threads_note(state):
    """Which kernel threads the run kept off the servers' core (bench/loadgen/kernel_threads.py), as report lines."""
    if not state:
        return ["The kernel's unbound threads were not moved: they could run on the servers' core.", ""]
    names = sorted({t["name"] for t in state.get("moved", [])})
    if not names:
        return []
    return [f"For the run the kernel threads that may run on any core ({len(names)}: {', '.join(f'`{n}`' for n in names)}) "
            f"were kept off the servers' core {state['server_core']} on the generator's core {state['target_core']}, as "
            "a host dedicated to media keeps them off its media cores; the stall measurement below ran the same way.",
            ""]


def optional_json(index):
    """The JSON file named by the optional argument at sys.argv[index]; None when it is not given or does not exist."""
    if len(sys.argv) <= index or not os.path.exists(sys.argv[index]):
        return None
    with open(sys.argv[index]) as f:
        return json.load(f)


def run_started():
    """When bench/run.sh started (it exports RUN_STARTED); now when the report is run by hand."""
    return os.environ.get("RUN_STARTED") or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def lateness(r):
    p99 = r.get("generator_send_lateness_microseconds_p99", -1)
    return "–" if p99 < 0 else f"{p99 / 1000:.2f}"


def hold(r):
    p50, p99 = r.get("server_hold_microseconds_p50", -1), r.get("server_hold_microseconds_p99", -1)
    return "–" if p99 < 0 else f"{p50 / 1000:.2f} / {p99 / 1000:.2f}"


def drops(r, labelled=False):
    """The machine's receive-buffer drops in the window, and of those the server's and the generator's sockets' where read
    (as "server / generator", or with each side named when `labelled`)."""
    total = r.get("udp_receive_buffer_errors", 0)
    server, generator = r.get("server_socket_drops", -1), r.get("generator_socket_drops", -1)
    if server < 0 or generator < 0:
        return f"{total}"
    return f"{total} ({server} at the server / {generator} at the generator)" if labelled else f"{total} ({server} / {generator})"


def table(rows):
    lines = [
        "| server | scenario | participants (up) | forwarded pkt/s | server cores | CPU µs / forwarded pkt "
        "| loss | UDP rcvbuf drops | end-to-end delay p50 / p99 ms | server-measured added latency p50 / p99 ms "
        "| server RSS MB (before → peak) | generator cores | generator send lateness p99 ms | generator longest stall ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['server']} | {r['scenario']} ({r['meetings']}×{r['meeting_size']}) | {r['participants']} ({r['participants_up']}) "
            f"| {r['forwarded_packets_per_second']:.0f} | {r['server_cores']:.3f} | {r['cpu_microseconds_per_forwarded_packet']:.2f} "
            f"| {100 * r['loss_fraction']:.3f}% | {drops(r)} | {r['delay_microseconds_p50'] / 1000:.2f} / {r['delay_microseconds_p99'] / 1000:.2f} "
            f"| {hold(r)} | {r['server_rss_before_kilobytes'] / 1024:.1f} → {r['server_rss_peak_kilobytes'] / 1024:.1f} "
            f"| {r['generator_cores']:.3f} | {lateness(r)} | {r.get('generator_longest_stall_milliseconds', -1)} |"
            + (f" failed: {r['failure']}" if r["failure"] else "")
        )
    return "\n".join(lines)


def plot(janus, confab, path):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return False
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for name, rows, marker in (("Janus 1.1.2", janus, "s"), ("Confab", confab, "o")):
        runs = five_person(rows)
        if runs:
            ax.plot([r["participants"] for r in runs], [r["server_cores"] for r in runs], marker=marker, label=name)
    ax.set_xlabel("participants (5-person meetings, 1.5 Mbit/s video + audio)")
    ax.set_ylabel("server CPU (cores, one core pinned)")
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return True


def main():
    floor_path, janus_path, confab_path, results_path, markdown_path, plot_dir = sys.argv[1:7]
    with open(floor_path) as f:
        floor = json.load(f)
    stalls = optional_json(7)
    kernel_threads = optional_json(8)
    janus = read_rows(janus_path)
    confab = read_rows(confab_path)

    floor_us = round(floor["protect_cpu_us"] + floor["sendto_cpu_us"], 3)
    figures = {
        "floor_us_per_forwarded_packet": floor_us,
        "floor_protect_us": floor["protect_cpu_us"],
        "floor_sendto_us": floor["sendto_cpu_us"],
    }
    figures.update(stall_keys(stalls))
    common = common_load(janus, confab)
    figures.update(server_keys("janus_", janus, common))
    confab_keys = server_keys("", confab, common)
    figures.update(confab_keys)
    if confab_keys and "janus_cpu_us_per_forwarded_packet" in figures:
        figures["cpu_ratio_confab_over_janus"] = round(
            confab_keys["cpu_us_per_forwarded_packet"] / figures["janus_cpu_us_per_forwarded_packet"], 3)
    if confab_keys:
        figures["cpu_over_floor"] = round(confab_keys["cpu_us_per_forwarded_packet"] / floor_us, 3)
    # Replaced by end_to_end_delay_ms_* (what the generator sees) and, for Confab, the server-measured added latency.
    merge_results(results_path, figures, remove=["janus_added_latency_ms_p50", "janus_added_latency_ms_p99"])

    plotted = plot(janus, confab, os.path.join(plot_dir, PLOT_NAME))
    model, cpus = cpu_model()
    scenarios = [("5-person meetings × K", lambda r: r["scenario"] == "5p"),
                 ("One 50-person meeting (25 videos each at 150 kbit/s, all audio, 3 speakers)", lambda r: r["scenario"] == "50p"),
                 ("One 300-person audio-only room (3 speakers)", lambda r: r["scenario"] == "audio300")]
    parts = [
        BEGIN,
        "## Load: Confab's SFU beside Janus",
        "",
        f"Machine: {model}, {cpus} CPUs. Each server pinned to one core with `taskset`, the load generator "
        f"(`bench/Confab.LoadGen`) to the other. Written by `bench/run.sh`, started {run_started()}.",
        "",
        *kernel_threads_note(kernel_threads),
        f"Floor per forwarded packet (`bench/floor`, {floor.get('libsrtp_version', 'libsrtp2')}): one AES-GCM-128 protect of a "
        f"1200-byte payload {floor['protect_cpu_us']:.2f} µs + one loopback `sendto` of 1200 bytes {floor['sendto_cpu_us']:.2f} µs "
        f"= **{floor_us:.2f} µs** (thread CPU time, median of {floor['rounds']} rounds of {floor['iterations']}).",
        "",
        "Both servers get the same load shape: Opus-sized audio every 20 ms and VP8-shaped video (keyframe every 3 s) "
        "with a counter and send time in each payload. The Janus participants speak the videoroom HTTP API with the "
        "generator's own media peer (Janus is a full ICE agent); the Confab participants are Confab.Client over the "
        "SFU's development signaling. Forwarded packets are those the subscribers received in the measured window; "
        "CPU is the server's utime+stime from /proc over the same window. In the 50-person room every participant "
        "publishes one 150 kbit/s video (the size of a low simulcast layer) and receives the next 25 participants' videos: "
        "Janus subscribers name those 25 feeds, Confab participants select them (`select-video`, low layer). In the "
        "audio rooms muted participants send nothing, and everyone receives the speakers.",
        "",
    ]
    if not confab:
        parts += ["Confab rows are missing from this run.", ""]
    for title, keep in scenarios:
        rows = [r for r in janus + confab if keep(r)]
        if rows:
            parts += [f"### {title}", "", table(rows), ""]
    for prefix, name in (("janus_", "Janus"), ("", "Confab")):
        key = f"{prefix}participants_per_core_5p"
        if key in figures:
            bound = "" if figures[f"{prefix}participants_per_core_5p_saturated"] else " (at least: no larger step lost packets)"
            parts.append(f"- {name}: {figures[key]} participants in 5-person meetings held under 1% loss on one core{bound}; "
                         f"{figures[prefix + 'cpu_us_per_forwarded_packet']} µs CPU per forwarded packet at "
                         f"{figures[prefix + 'measured_at_participants']} participants, "
                         f"{figures[prefix + 'cpu_us_per_forwarded_packet_at_capacity']} µs at its largest held load.")
    for name, rows in (("Janus", janus), ("Confab", confab)):
        failing = [r for r in five_person(rows) if not held(r)]
        if failing and failing[0]["server_cores"] < 0.8:
            r = failing[0]
            parts.append(f"- {name}'s first step over 1% loss ({r['participants']} participants) used only {r['server_cores']:.2f} "
                         f"of its core, with {drops(r, labelled=True)} UDP receive-buffer drops on the machine: "
                         "the limit there is not the server's CPU (a socket that was not drained in time, at the server or "
                         "at the generator, whose own core ran at "
                         f"{r['generator_cores']:.2f}).")
    if common is not None:
        parts.append(f"- Per-packet CPU, latency and memory keys are taken at {common} participants, the largest load both "
                     "servers held, so the ratio compares the same load (per-packet cost falls as load rises).")
    parts.append("- End-to-end delay: from the send time in each payload to its arrival at the receiving participant, "
                 "every packet of the window, both servers the same way; it includes the generator's own queueing (each "
                 "source sends at its own due times, but one I/O thread serves hundreds of sockets). Server-measured "
                 "added latency: Confab timestamps each datagram as the kernel receives it (SO_TIMESTAMPNS) and measures, "
                 "for every copy it forwards, the time to the return of the sendmmsg that sent it (socket queueing, "
                 "routing, SRTP and sending), exported from /metrics as `confab_media_hold_time_us_bucket`; quantiles are "
                 "interpolated within those buckets. `added_latency_ms_*` in results.json are these, at the largest "
                 f"held load, and `added_latency_ms_*_at_{TARGET_PARTICIPANTS}` at {TARGET_PARTICIPANTS} participants. "
                 "Generator send lateness: how long after its due time each source's send ran (99th percentile), and "
                 "the longest such delay: when the generator is late, packets due over that time leave together, and the "
                 "server receives a burst that no server can forward without queueing.")
    parts.append("- Confab's packet thread runs in SCHED_FIFO (`Confab:Media:RealtimePriority`, docs/media.md), so its "
                 "server's other threads cannot hold packets for a time slice; Janus has no such setting and runs as "
                 "Debian ships it. Confab.Server is built without tiered compilation, so the measured window runs fully "
                 "optimized code, not the instrumented tier a freshly started process runs for its first minute.")
    parts.append("- Confab sends each batch's datagrams to one subscriber (the packets of a frame) as one message the "
                 "kernel cuts into those datagrams (UDP segmentation, `UDP_SEGMENT`; docs/media.md), where Janus sends "
                 "one datagram per call. The generator's sockets do the same with what they send. Confab's sockets, the "
                 "server's and the generator's, take such runs whole and split them again themselves (UDP receive "
                 "coalescing, `UDP_GRO`), where Janus's socket receives them cut by the kernel: the same datagrams either "
                 "way, and on loopback the kernel cuts on the sender's core, so neither server's core pays for the other's "
                 "choice.")
    realtime = [r.get("generator_realtime") for r in janus + confab if "generator_realtime" in r]
    if realtime:
        parts.append("- The generator's I/O thread ran at real-time priority (SCHED_FIFO) in "
                     f"{sum(1 for x in realtime if x)} of {len(realtime)} scenarios, so that the process's other threads "
                     "cannot take time slices from its sources and make them send late and together"
                     + ("." if all(realtime) else "; in the others it was refused (not root), and its send lateness shows it."))
    for name, rows in (("Janus", janus), ("Confab", confab)):
        behind = next((r for r in five_person(rows)
                       if r.get("generator_send_lateness_microseconds_p99", -1) > GENERATOR_BEHIND_MICROSECONDS), None)
        if behind is not None:
            parts.append(f"- From {behind['participants']} participants on ({name}) the generator's core ran at "
                         f"{behind['generator_cores']:.2f} and its sources sent up to "
                         f"{behind['generator_send_lateness_microseconds_p99'] / 1000:.1f} ms late (99th percentile): it no "
                         "longer kept up, so the latencies of those steps measure the generator's own queueing, not the "
                         "server's (loss and the server's CPU per packet are counted there as at every step).")
    if stalls and stalls.get("cores"):
        worst = max(stalls["cores"], key=lambda c: c["stalls_over_1ms_per_second"])
        parts.append(f"- The machine's own stalls (`bench/floor/stalls.c`, before the scenarios): a thread spinning on "
                     f"each core for {stalls['seconds']:.0f} s lost the CPU for more than 1 ms "
                     f"{worst['stalls_over_1ms_per_second']:.1f} times a second on core {worst['core']}, up to "
                     f"{max(c['longest_stall_ms'] for c in stalls['cores']):.1f} ms at once. Every packet that arrives in "
                     "such a stall, and those queued behind it, is held that long whatever the server does, so on a "
                     "machine where this is more than a few times a second the 99th percentiles above measure the "
                     "machine as much as the servers.")
        server_core = stalls["cores"][0]
        if "held_over_1ms_fraction" in server_core:
            share = server_core["held_over_1ms_fraction"]
            verdict = ("more than 1 %: on this machine no server on that core could show a 99th percentile of added "
                       "latency under 1 ms, however little it did" if share > 0.01 else
                       "under 1 %: the machine alone does not rule out a 99th percentile under 1 ms")
            parts.append(f"- On core {server_core['core']}, the servers', a packet arriving at a random moment would have "
                         f"waited over 1 ms for the machine to give the core back {share * 100:.2f} % of the time (each "
                         f"stall but its last millisecond; `machine_server_core_held_over_1ms_share`), {verdict}.")
    quiet = next((r for r in five_person(confab) if held(r) and r.get("server_hold_microseconds_p99", -1) >= 0), None)
    if quiet is not None:
        parts.append(f"- At its smallest step ({quiet['participants']} participants, server at {quiet['server_cores']:.2f} of "
                     f"a core) Confab's added latency was {quiet['server_hold_microseconds_p50'] / 1000:.2f} ms at the median "
                     f"and {quiet['server_hold_microseconds_p99'] / 1000:.2f} ms at the 99th percentile: with no load to "
                     "queue behind, that is what waking the server's sleeping core and thread costs on this machine.")
    parts.append("- UDP rcvbuf drops: the machine's /proc/net/snmp RcvbufErrors over the window (datagrams dropped "
                 "because a socket's receive buffer was full), and in parentheses those at the server's sockets and at the "
                 "generator's (the drops column of /proc/net/udp for each process's sockets): a server that did not read "
                 "in time, or receivers that did not.")
    parts.append("")
    if plotted:
        parts += [f"![server CPU against participants]({PLOT_NAME})", ""]
    parts.append(END)
    replace_section(markdown_path, BEGIN, END, "\n".join(parts))


if __name__ == "__main__":
    main()
