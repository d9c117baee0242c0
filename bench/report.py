#!/usr/bin/python3
"""report.py RESULTS VERSION CHROMIUM [CHECKS] - format bench results as
Markdown."""
import json
import os
import platform
import subprocess
import sys


def machine():
    cpu = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) // 1024 // 1024
    try:
        with open("/etc/debian_version") as f:
            deb = f.read().strip()
    except OSError:
        deb = "?"
    return f"{os.cpu_count()} cores ({cpu}), {mem} GiB memory, Debian {deb}, Linux {platform.release()}"


def main():
    rows = {}
    for line in open(sys.argv[1]):
        parts = line.split(" ", 1)
        name, rest = parts[0], parts[1]
        js_end = rest.index("}") + 1
        m = json.loads(rest[:js_end])
        pages, pdf_bytes, html_bytes = rest[js_end:].split()
        rows[name] = (m, int(pages), int(pdf_bytes), int(html_bytes))
    print("# Benchmarks\n")
    print("Written by `make bench` (bench/run.sh); do not edit by hand.\n")
    print(f"- Machine: {machine()}")
    print(f"- Tool: {sys.argv[2]}; browser for comparison: {sys.argv[3]}")
    print("- Inputs: bench/gen.py with seed 42; S = 50 milestones and 25 indicators,"
          " M = 200/100, L = 2,000/1,000, XL = 20,000/10,000.")
    print("- Each figure is the median of several runs (7 for S and M, 5 for L, 3 for XL"
          " and 5 for Chromium) of a full `progress-report build`: inputs, history,"
          " templates, PDF and HTML. Peak memory is the command's own peak resident"
          " set or, where more, the largest proportional set size (Pss) of its"
          " whole process group, sampled every 10 ms in one extra run (sampling"
          " slows a process, so the timed runs do not); a page shared by several"
          " Chromium processes counts once. CPU time is what wait4 reports or, for"
          " Chromium, whose helper processes are not all waited for, the sum of"
          " its processes' CPU time sampled every 10 ms; progress-report is one"
          " process, so its timed runs are not sampled at all. The outputs are"
          " checked after all timings.")
    print("- The machine is shared with other work, so wall times carry noise"
          " from other processes; CPU time is the steadier figure.\n")
    print("| size | wall (s) | CPU (s) | peak memory (MiB) | pages | PDF (KiB) | HTML (KiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, (m, pages, pb, hb) in rows.items():
        print(f"| {name} | {m['wall']:.3f} | {m['cpu']:.3f} | {m['rss'] / 1024:.1f} | "
              f"{pages} | {pb // 1024} | {hb // 1024 if hb else '–'} |")
    print()
    print("## The targets of issue 9\n")
    if "M" in rows and "chromium-M" in rows:
        ours, chrome = rows["M"][0], rows["chromium-M"][0]
        ratio = chrome["wall"] / ours["wall"]
        print(f"- M against Chromium printing the same report's HTML: {ratio:.0f} times"
              f" faster in wall time (target: at least 40), {chrome['cpu'] / ours['cpu']:.0f}"
              f" times less CPU, {chrome['rss'] / ours['rss']:.0f} times less memory —"
              f" {'met' if ratio >= 40 else 'NOT met'}.")
        print(f"- Peak memory at M: {ours['rss'] / 1024:.1f} MiB (target: under 30) —"
              f" {'met' if ours['rss'] < 30 * 1024 else 'NOT met'}.")
    if "L" in rows and "XL" in rows:
        g = rows["XL"][0]["wall"] / rows["L"][0]["wall"]
        gc = rows["XL"][0]["cpu"] / rows["L"][0]["cpu"]
        gm = rows["XL"][0]["rss"] / rows["L"][0]["rss"]
        print(f"- Growth from L to XL (10 times the data): {g:.1f} times the wall time,"
              f" {gc:.1f} times the CPU time, {gm:.1f} times the peak memory"
              f" (target: at most 12, linear) — {'met' if g <= 12 else 'NOT met'}.")
    checks = read_checks(sys.argv[4]) if len(sys.argv) > 4 else {}
    if checks:
        names = {"pdf": "PDF: tests/pdfcheck.py (PDF/UA-1 and PDF/A-2 rules) and qpdf",
                 "vnu": "HTML: the Nu Html Checker",
                 "browser": "HTML: axe-core, keyboard and 320 px reflow in Chromium"}
        bad = [f"{s} {w}" for s, ws in checks.items() for w, r in ws.items()
               if r != "pass"]
        print(f"- The outputs of every size pass the checks of the other issues —"
              f" {'met' if not bad else 'NOT met: ' + ', '.join(bad)}:")
        for what, label in names.items():
            sizes = [s for s in checks if what in checks[s]]
            if sizes:
                res = ", ".join(f"{s} {checks[s][what]}" for s in sizes)
                print(f"  - {label}: {res}")
        print("  (the browser takes minutes on the larger pages, so its checks run"
              " on S and M; the Nu Html Checker runs up to L.)")


def read_checks(path):
    checks = {}
    for line in open(path):
        size, what, result = line.split()
        checks.setdefault(size, {})[what] = result
    return checks


if __name__ == "__main__":
    main()
