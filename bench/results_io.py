"""Shared by the benchmark result scripts: the machine's CPU, the flat bench/results.json object, and the
marked sections of bench/RESULTS.md that each benchmark owns."""
import json
import os
import re
import subprocess


def cpu_model():
    """(model name, CPU count) from lscpu, or ("unknown", "unknown")."""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown", "unknown"
    fields = dict(
        (k.strip(), v.strip()) for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)
    )
    return fields.get("Model name", "unknown"), fields.get("CPU(s)", "unknown")


def load_report(path):
    with open(path) as f:
        return json.load(f)


def merge_results(results_path, figures, remove=()):
    """Adds or replaces these keys in the flat JSON object at results_path, keeping every other key but those
    named in remove (keys a benchmark no longer writes)."""
    results = {}
    if os.path.exists(results_path):
        with open(results_path) as f:
            results = json.load(f)
    for key in remove:
        results.pop(key, None)
    results.update(figures)
    with open(results_path, "w") as f:
        json.dump(results, f, indent=2, sort_keys=True)
        f.write("\n")


def replace_section(markdown_path, begin, end, section):
    """Replaces the text between the begin and end markers (both included in section), or appends it."""
    text = ""
    if os.path.exists(markdown_path):
        with open(markdown_path) as f:
            text = f.read()
    if begin in text and end in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: section, text, flags=re.S)
    else:
        if not text:
            text = "# Benchmark results\n"
        text = text.rstrip("\n") + "\n\n" + section
    with open(markdown_path, "w") as f:
        f.write(text.rstrip("\n") + "\n")
