"""Keeps the kernel's unbound threads off the servers' core for a load run, and puts them back after it.

Kernel threads that are not bound to a CPU (memory compaction, huge page collapsing, memory access monitoring,
RCU grace periods, ...) run wherever the scheduler finds room, which on a two-core machine is often the server's
core between two of its packets. Part of their work cannot be preempted, so while it runs the server's packets
wait, whatever the server's priority: a host dedicated to media keeps such threads off its media cores, and so
does the benchmark, the same for Janus and Confab.

usage: kernel_threads.py move SERVER_CORE TARGET_CORE STATE.json
       kernel_threads.py restore STATE.json

`move` writes the threads it moved (pid, name, former CPUs) to STATE.json; `restore` gives each the CPUs it had
(threads gone since are skipped). Threads the kernel does not let move (per-CPU ones) are left alone.
"""
import json
import os
import sys

PF_KTHREAD = 0x00200000  # <linux/sched.h>: a kernel thread
PF_NO_SETAFFINITY = 0x04000000  # userland may not change its CPUs (per-CPU threads)


def read_stat(pid):
    """(name, flags) of a task from /proc/PID/stat (the name may hold spaces and parentheses); OSError when gone."""
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    fields = stat[stat.rfind(")") + 2:].split()
    return stat[stat.find("(") + 1:stat.rfind(")")], int(fields[6])  # flags: the 9th field of stat(5), 7th after the name


def kernel_threads():
    """(pid, name, flags) of every kernel thread."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            name, flags = read_stat(entry)
        except OSError:
            continue  # gone meanwhile
        if flags & PF_KTHREAD:
            yield int(entry), name, flags


def move(server_core, target_core, state_path):
    moved, refused = [], 0
    for pid, name, flags in kernel_threads():
        if flags & PF_NO_SETAFFINITY:
            continue
        try:
            cpus = os.sched_getaffinity(pid)
            if server_core not in cpus or target_core not in cpus:
                continue
            os.sched_setaffinity(pid, {target_core})
        except OSError:
            refused += 1  # exited, or not ours to move (not root)
            continue
        moved.append({"pid": pid, "name": name, "cpus": sorted(cpus)})
    with open(state_path, "w") as f:
        json.dump({"server_core": server_core, "target_core": target_core, "moved": moved, "refused": refused}, f)
    print(f"moved {len(moved)} kernel threads from core {server_core} to core {target_core}"
          + (f" ({refused} refused)" if refused else ""))


def restore(state_path):
    try:
        with open(state_path) as f:
            state = json.load(f)
    except (OSError, ValueError):
        return
    for thread in state.get("moved", []):
        try:
            if read_stat(thread["pid"])[0] != thread["name"]:
                continue  # the pid now belongs to another thread
            os.sched_setaffinity(thread["pid"], set(thread["cpus"]))
        except OSError:
            continue


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "move":
        move(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 3 and sys.argv[1] == "restore":
        restore(sys.argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
