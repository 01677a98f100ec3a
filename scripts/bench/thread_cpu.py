#!/usr/bin/env python3
"""Per-thread CPU of a running process over a window, from /proc/PID/task/*/stat.

Usage: scripts/bench/thread_cpu.py PID [SECONDS]

Prints the cores the whole process kept busy, then each busy thread (cores, name, tid), busiest
first. docs/benchmarks.md (sixteenth round) used it inside a long pipeline round:
    .build/release/trendline-bench --only pipeline --runs 2 --pipeline-videos 200000 --output - &
    (once it prints "pipeline round 1", so the sample falls inside round 2)
    scripts/bench/thread_cpu.py $(pgrep -f 'trendline-bench --only pipeline') 2
"""
import os
import sys
import time


def cpu_ticks(pid):
    """{tid: (thread name, user + system clock ticks)} for every thread of pid."""
    ticks = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:  # the thread ended between listing and reading
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        ticks[tid] = (name, int(fields[11]) + int(fields[12]))  # utime, stime
    return ticks


def main():
    try:
        pid = int(sys.argv[1])
        window = float(sys.argv[2]) if len(sys.argv) == 3 else 2.0
        if len(sys.argv) > 3 or window <= 0:
            raise ValueError
    except (IndexError, ValueError):
        sys.exit(__doc__)
    if not os.path.isdir(f"/proc/{pid}/task"):
        sys.exit(f"no process {pid}")
    before, start = cpu_ticks(pid), time.monotonic()
    time.sleep(window)
    after, elapsed = cpu_ticks(pid), time.monotonic() - start
    hz = os.sysconf("SC_CLK_TCK")
    busy = sorted(
        ((ticks - before.get(tid, (name, 0))[1]) / hz / elapsed, name, tid)
        for tid, (name, ticks) in after.items()
        if ticks != before.get(tid, (name, 0))[1])[::-1]
    print(f"cores busy: {sum(cores for cores, _, _ in busy):.2f}")
    for cores, name, tid in busy[:12]:
        print(f"{cores:.2f} {name} {tid}")


if __name__ == "__main__":
    main()
