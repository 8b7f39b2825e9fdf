#!/usr/bin/env python3
"""Turns the chat benchmark's output (Confab.ChatBench --out) into the bench/results.json keys
chat_msgs_per_s_persisted (the highest rate that held with a delivery p99 within the target, 50 ms) and chat_delivery_ms_p99
(at that rate), chat_msgs_per_s_lossless and chat_delivery_ms_p99_lossless (the highest rate that held at any delay, and its
p99), chat_delivery_ms_p99_at_10000 (at the target rate, when it was run and held) and the chat section of bench/RESULTS.md.

usage: chat_results.py CHAT.json RESULTS.json RESULTS.md
"""
import datetime
import os
import sys
import textwrap

from results_io import cpu_model, load_report, merge_results, replace_section

BEGIN = "<!-- chat:begin -->"
END = "<!-- chat:end -->"
TARGET_RATE = 10000


def ms(value):
    return "–" if value is None or value < 0 else f"{value:.1f}"


def verdict(step, target):
    if not step["holds"]:
        return "no: " + "; ".join(step["problems"])
    return "holds" if step["p99Ms"] is not None and step["p99Ms"] <= target else f"holds, p99 above {target} ms"


def main(report_path, results_path, markdown_path):
    report = load_report(report_path)
    rate = report["chat_msgs_per_s_persisted"]
    p99 = report["chat_delivery_ms_p99"]
    p50 = report["chat_delivery_ms_p50"]
    target = report["p99TargetMs"]
    lossless = report["chat_msgs_per_s_lossless"]
    p99_lossless = report["chat_delivery_ms_p99_lossless"]
    at_target = next((s for s in report["steps"] if s["offered"] == TARGET_RATE and s["holds"]), None)
    p99_at_target = None if at_target is None else round(at_target["p99Ms"], 1)
    merge_results(results_path, {
        "chat_msgs_per_s_persisted": rate,
        "chat_delivery_ms_p99": None if p99 is None else round(p99, 1),
        "chat_delivery_ms_p99_at_10000": p99_at_target,
        "chat_msgs_per_s_lossless": lossless,
        "chat_delivery_ms_p99_lossless": None if p99_lossless is None else round(p99_lossless, 1),
    })
    model, cpus = cpu_model()
    load = os.environ.get("CHAT_LOAD_BEFORE")
    load_note = f" The load average (1, 5, 15 min) when it began: {load}." if load else ""
    steal, idle = os.environ.get("CHAT_CPU_STEAL_PERCENT"), os.environ.get("CHAT_CPU_IDLE_PERCENT")
    if steal is not None and idle is not None:
        load_note += (f" While it ran, the hypervisor took {steal} % of the machine's CPU time (steal) and {idle} % stayed"
                      " idle: the throughput follows the CPU the virtual machine is given.")
    rows = "\n".join(
        f"| {s['offered']} | {s['achieved']:.0f} | {s['sent']} | {s['acked']} | {s['persisted']} | {s['missing']} "
        f"| {s['duplicates']} | {ms(s['p50Ms'])} | {ms(s['p99Ms'])} | {ms(s['maxMs'])} | {s['generatorCores']:.2f} "
        f"| {verdict(s, target)} |"
        for s in report["steps"])
    if rate:
        headline = (f"**chat_msgs_per_s_persisted = {rate}** (target ≥ 10,000) with "
                    f"**chat_delivery_ms_p99 = {ms(p99)} ms** at that rate (p50 {ms(p50)} ms; target ≤ {target}).")
    else:
        headline = f"**chat_msgs_per_s_persisted = 0**: no offered rate held with a p99 within {target} ms (target ≥ 10,000)."
    if p99_at_target is not None and rate != TARGET_RATE:
        headline += (f" At the target rate of 10,000/s: **chat_delivery_ms_p99_at_10000 = {ms(p99_at_target)} ms**"
                     f" (p50 {ms(at_target['p50Ms'])} ms).")
    if lossless:
        headline += (f" The highest rate that held at any delay: **chat_msgs_per_s_lossless = {lossless}**, p99"
                     f" **chat_delivery_ms_p99_lossless = {ms(p99_lossless)} ms**.")
    method = " ".join([
        "One meeting on one node, the server on PostgreSQL (a local cluster with its default durability: fsync and",
        f"synchronous commit on): {report['receivers']} receivers that only read (the host among them) and",
        f"{report['senders']} senders that send public text messages over the meeting signaling (plain WebSocket), so each",
        f"message is stored and then delivered to {report['receivers'] + report['senders']} sockets.",
        "The senders follow an open-loop schedule at the offered rate (spread over the senders, sent at each millisecond",
        f"tick): {report['warmupSeconds']} s of warm-up, then a {report['windowSeconds']} s measured window, then at most",
        f"{report['drainSeconds']} s of drain; each rate in a meeting of its own, after an unreported",
        f"{report['primeSeconds']} s priming run at the lowest rate (a cold server makes the first messages wait).",
        "The delivery delay runs from the time a message was due (its text carries it) to its arrival at a receiver, for",
        "the window's messages at all receivers.",
        "A rate holds when at least 95 % of it went out in the window and every message sent, warm-up included, was",
        "acknowledged to its sender, delivered exactly once to every receiver (under the id it was acknowledged with) by",
        "the end of the drain, and counted in `chat_messages`, with nothing refused.",
        "The listed rates are tried lowest first until one does not hold, then",
        f"{report['refinements']} more halve the gap above the highest that held.",
        f"chat_msgs_per_s_persisted is the highest rate that held with a delivery p99 within {target} ms (the target), the",
        "throughput the chat sustains while it stays that quick; chat_msgs_per_s_lossless the highest that held at any delay.",
        "Generator, server and database share the machine; the generator's CPU time from the first send to the end of the",
        "drain is in the table, in cores (it runs its sockets' receive continuations inline, on the socket event thread).",
        f"Run by `bench/chat.sh` on {datetime.date.today().isoformat()}, {model} ({cpus} CPUs).{load_note}",
    ])
    section = f"""{BEGIN}
## Chat

{textwrap.fill(method, width=120, break_on_hyphens=False)}

{headline}

| offered /s | sent /s | sent | acked | stored | deliveries missing | duplicates | p50 ms | p99 ms | max ms | generator cores | verdict |
|---|---|---|---|---|---|---|---|---|---|---|---|
{rows}

Rerun: `bash bench/chat.sh` (knobs at its top, e.g. `CHAT_RATES=500,1000 CHAT_WINDOW_SECONDS=30`).
{END}"""
    replace_section(markdown_path, BEGIN, END, section)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
