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
        m, js_end = json.JSONDecoder().raw_decode(rest)
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
    print("- The floor (bench/floor.c) is the work no way of writing the report"
          " avoids: the report's own page content streams (taken from the built"
          " PDF by bench/pages.py) deflated with the compressor and level the"
          " PDF's pages use, on two threads, the same number of bytes as all"
          " output files written, one data sync and one folder sync. It runs"
          " in alternation with the build, each pair in the other order than"
          " the one before; \"× floor\" is the median over the pairs of the"
          " build's wall time divided by the floor's.")
    print("- The machine is shared with other work, so wall times carry noise"
          " from other processes; CPU time is the steadier figure.\n")
    print("| size | wall (s) | CPU (s) | peak memory (MiB) | floor wall (s) | × floor (wall) |"
          " × floor (CPU) | pages | PDF (KiB) | HTML (KiB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, (m, pages, pb, hb) in rows.items():
        f = m.get("floor")
        fl = (f"{f['wall']:.3f} | {m['ratio_wall']:.1f} | {m['ratio_cpu']:.1f}"
              if f else "– | – | –")
        print(f"| {name} | {m['wall']:.3f} | {m['cpu']:.3f} | {m['rss'] / 1024:.1f} | "
              f"{fl} | {pages} | {pb // 1024} | {hb // 1024 if hb else '–'} |")
    print()
    print("## The targets of issue 20\n")
    for name in ("M", "L"):
        if name in rows and "floor" in rows[name][0]:
            r = rows[name][0]["ratio_wall"]
            extra = ""
            if name == "M" and "chromium-M" in rows:
                extra = (f" (Chromium printing its HTML: "
                         f"{rows['chromium-M'][0]['wall'] / rows[name][0]['wall']:.0f}"
                         f" times the build)")
            print(f"- {name}: {r:.1f} times the floor in wall time{extra}"
                  f" (target: at most 2.5) — {'met' if r <= 2.5 else 'NOT met'}.")
    if "M" in rows:
        mm = rows["M"][0]["rss"] / 1024
        print(f"- Peak memory at M: {mm:.1f} MiB (target: under 25) —"
              f" {'met' if mm < 25 else 'NOT met'}.")
    if "L" in rows and "XL" in rows:
        g = rows["XL"][0]["wall"] / rows["L"][0]["wall"]
        gm = rows["XL"][0]["rss"] / 1024
        print(f"- Growth from L to XL: {g:.1f} times the wall time (target: at most 11)"
              f" — {'met' if g <= 11 else 'NOT met'}; peak memory at XL {gm:.0f} MiB"
              f" (target: under 40 % of 1451 MiB, 580 MiB) —"
              f" {'met' if gm < 0.4 * 1451.4 else 'NOT met'}.")
    if "XL" in rows and "XL-whole" in rows:
        gm = rows["XL"][0]["rss"] / 1024
        wm = rows["XL-whole"][0]["rss"] / 1024
        print(f"- Pages released once drawn: peak memory at XL {gm:.0f} MiB, with"
              f" the whole layout kept (row XL-whole, one pass, as before) {wm:.0f} MiB,"
              f" {gm / wm * 100:.0f} % of it (target: at most 75 %) —"
              f" {'met' if gm <= 0.75 * wm else 'NOT met'}.")
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
                 "browser": "HTML: axe-core, keyboard and 320 px reflow in Chromium",
                 "same": "PDF: laid out twice and drawn page by page, the same bytes"
                         " as with the whole layout kept"}
        bad = [f"{s} {w}" for s, ws in checks.items() for w, r in ws.items()
               if r != "pass"]
        # BENCH_CHECKS=0 leaves only the XL-whole comparison.
        ran = any(w != "same" for ws in checks.values() for w in ws)
        # A size timed but not checked (its checks run by hand on the
        # others, say) is not known to pass.
        unchecked = [s for s in ("S", "M", "L", "XL")
                     if s in rows and "pdf" not in checks.get(s, {})]
        verdict = ("NOT met: " + ", ".join(bad) if bad else
                   "not known: the checks were not run (BENCH_CHECKS=0)"
                   if not ran else
                   "met for the sizes checked; not known for "
                   + ", ".join(unchecked) + ", whose outputs were not checked"
                   if unchecked else "met")
        print(f"- The outputs of every size pass the checks of the other issues —"
              f" {verdict}:")
        for what, label in names.items():
            sizes = [s for s in checks if what in checks[s]]
            if sizes:
                res = ", ".join(f"{s} {checks[s][what]}" for s in sizes)
                print(f"  - {label}: {res}")
        print("  (the browser takes minutes on the larger pages, so its checks run"
              " on S and M; the Nu Html Checker runs up to L.)")
    # Measurements that `make bench` does not repeat (a comparison with
    # an earlier build, say) are kept by hand in bench/notes.md.
    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "notes.md")
    if os.path.exists(notes):
        print()
        with open(notes) as f:
            print(f.read().rstrip())


def read_checks(path):
    checks = {}
    for line in open(path):
        size, what, result = line.split()
        checks.setdefault(size, {})[what] = result
    return checks


if __name__ == "__main__":
    main()
