#!/usr/bin/python3
"""measure.py [--single] [--pair] RUNS -- CMD ARGS... [-- FLOOR ARGS...]
- time a command like a benchmark should.

Runs CMD RUNS times and prints one JSON line with the medians of
  wall   seconds of wall-clock time,
  cpu    seconds of user+system CPU time of the command and all its
         children: from wait4, or, where more, the sum over the process
         group's processes of the CPU time last sampled in their
         /proc/PID/stat (a browser's helper processes are not all
         waited for by their parent, so wait4 misses them; sampling
         misses at most the last 10 ms of each),
  rss    peak memory in KiB: the command's own peak as GNU time
         reports it (ru_maxrss, exact for a single process), or, where
         more, the largest sum of the proportional set size (Pss) over
         the command's whole process group, sampled every 10 ms in one
         extra run (so a multi-process program such as Chromium is
         counted in full, its shared libraries and shared memory once,
         not once per process).

Reading Pss walks the page tables under the process's memory lock: at
10 ms it made a 1.3 GB build 60 % slower.  So the timed runs only read
/proc/PID/stat, and the Pss sampling has a run of its own.

--single: the command is one process (threads included), so wait4 has
all of its CPU time and the timed runs do not sample /proc at all: the
sampling walks every process on the machine every 10 ms and takes CPU
from a command that uses both processors for 60 ms.  The memory run
still samples.

--pair: the arguments after a second "--" are a second command (the
floor, bench/floor.c), run in alternation with the first, each pair in
the other order than the one before, so that both see the same load
from whatever else the machine runs; the line then also holds the
second command's medians ("floor") and the median of the pairs' ratios
of wall time and of CPU time ("ratio_wall", "ratio_cpu").

The wall time ends when the command is reaped (a thread waits for it),
not at the next 10 ms sample; its output goes to a file, so a chatty
command cannot block on a full pipe.
"""
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def pss(pid):
    """Pss of a process in KiB (VmRSS where smaps_rollup is missing)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def group_rss(pgid, cpu_seen, mem):
    """Sum of Pss over the group (if mem); records each process's CPU
    ticks."""
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == pgid:  # not GNU time itself
            continue
        try:
            if os.getpgid(int(pid)) != pgid:
                continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            cpu_seen[pid] = int(fields[11]) + int(fields[12])
            if mem:
                total += pss(pid)
        except (OSError, ProcessLookupError):
            continue
    return total


def run_once(cmd, mem, sample=True):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # GNU time reports the command's own peak (ru_maxrss) without the
    # pages of a forked Python that a direct Popen would count.
    tf = f"/tmp/measure-{os.getpid()}.txt"
    with tempfile.TemporaryFile() as errf:
        t0 = time.monotonic()
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", tf] + cmd,
                             stdout=subprocess.DEVNULL, stderr=errf,
                             start_new_session=True)
        end = []
        waiter = threading.Thread(
            target=lambda: (p.wait(), end.append(time.monotonic())))
        waiter.start()
        peak = 0
        cpu_seen = {}
        while sample and waiter.is_alive():
            peak = max(peak, group_rss(p.pid, cpu_seen, mem))
            waiter.join(0.01)
        waiter.join()
        wall = end[0] - t0
        errf.seek(0)
        err = errf.read().decode(errors="replace")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu = max(cpu, sum(cpu_seen.values()) / os.sysconf("SC_CLK_TCK"))
    with open(tf) as f:
        peak = max(peak, int(f.read().split()[-1]))
    os.unlink(tf)
    try:
        os.killpg(p.pid, signal.SIGKILL)  # leftovers of a browser
    except ProcessLookupError:
        pass
    if p.returncode != 0:
        sys.exit(f"command failed ({p.returncode}): {' '.join(cmd)}\n{err}")
    return wall, cpu, peak


def medians(res, group_peak):
    return {
        "wall": statistics.median(r[0] for r in res),
        "cpu": statistics.median(r[1] for r in res),
        "rss": max(statistics.median(r[2] for r in res), group_peak),
    }


def main():
    first = sys.argv.index("--")
    args = sys.argv[1:first]
    single = "--single" in args
    pair = "--pair" in args
    runs = int([a for a in args if not a.startswith("--")][0])
    cmd = sys.argv[first + 1:]
    floor = None
    if pair:
        second = cmd.index("--")
        cmd, floor = cmd[:second], cmd[second + 1:]
    res, fres = [], []
    for i in range(runs):
        if floor is None:
            res.append(run_once(cmd, False, not single))
        elif i % 2 == 0:
            res.append(run_once(cmd, False, not single))
            fres.append(run_once(floor, False, False))
        else:
            fres.append(run_once(floor, False, False))
            res.append(run_once(cmd, False, not single))
    out = {"runs": runs}
    out.update(medians(res, run_once(cmd, True)[2]))
    if floor is not None:
        out["floor"] = medians(fres, 0)
        out["ratio_wall"] = statistics.median(
            r[0] / f[0] for r, f in zip(res, fres))
        out["ratio_cpu"] = statistics.median(
            r[1] / max(f[1], 1e-3) for r, f in zip(res, fres))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
