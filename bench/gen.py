#!/usr/bin/python3
"""gen.py SIZE SEED DIR - write valid synthetic inputs of a given size.

SIZE is S (50 milestones, 25 indicators), M (200, 100), L (2,000, 1,000)
or XL (20,000, 10,000), or MILESTONES:INDICATORS.  The same SEED gives
the same files.  Texts have realistic lengths and German characters;
every milestone is consistent with the checks in docs/inputs.md (dates,
units, causes and countermeasures, progress), so a build writes a full report.
"""
import os
import random
import sys

SIZES = {"S": (50, 25), "M": (200, 100), "L": (2000, 1000), "XL": (20000, 10000)}
POINTS = [
    ("01", "Digitale Angebote für Bürgerinnen und Bürger", ["01a", "01b", "01c"]),
    ("02", "Umsetzungsstrategie Verwaltungsdigitalisierung",
     ["02a", "02b", "02c", "02d", "02e", "02f", "02g", "02h"]),
    ("03", "Barrierefreiheit, Green IT und Open Source", []),
    ("04", "Jährlicher Fortschrittsbericht", []),
]
WORDS = ("Digitalisierung Verwaltungsprozesse Bürgerservice Schulungskonzept "
         "Mitarbeitende Datenschutz Informationssicherheit Gremienarbeit "
         "Fördermittel Ausschreibung Einführung Prüfung Übergabe Pilotbetrieb "
         "Schnittstelle Fachverfahren Rechenzentrum Barrierefreiheit Straßen "
         "Größe Maßnahme Beteiligung Änderung Öffentlichkeit Übersicht "
         "Qualität Zuständigkeit Rückmeldung Veröffentlichung").split()


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sentence(rng, lo, hi):
    n = rng.randint(lo, hi)
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words)


def unit(word):
    """The id of the unit named "Amt WORD" (declared under units)."""
    return f"amt-{WORDS.index(word) + 1:02d}"


def deviation(rng):
    """A cause and a countermeasure: the halves of one sentence (one draw
    of the generator, so that the inputs after it stay the same)."""
    words = sentence(rng, 15, 40).split()
    half = len(words) // 2
    return (f"    cause: {q(' '.join(words[:half]) + '.')}\n"
            f"    countermeasure: {q(' '.join(words[half:]).capitalize() + '.')}\n")


def month_end(y, m):
    d = [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return f"{y}-{m:02d}-{d:02d}"


def write(dirname, nm, ni, seed):
    rng = random.Random(seed)
    os.makedirs(dirname, exist_ok=True)
    aspects = []
    with open(os.path.join(dirname, "00-settings.yaml"), "w") as f:
        f.write("# Synthetic benchmark inputs (bench/gen.py); sample data.\n")
        f.write("settings:\n"
                "  organisation: Stadtverwaltung Benchhausen\n"
                "  title: Fortschrittsbericht Verwaltungsdigitalisierung 2026\n"
                "  committee: Ausschuss für Digitalisierung\n"
                "  session_date: 2027-02-18\n"
                "  reporting_year: 2026\n"
                "  cutoff_date: 2026-12-31\n"
                "  language: de\n"
                "  output_basename: bench-%Y\n"
                "  horizon_start: 2026\n"
                "  horizon_end: 2030\n"
                "  sample: true\n"
                "  accessibility_contact:\n"
                "    name: Koordinierungsstelle Digitalisierung\n"
                "    email: barrierefreiheit@example.org\n"
                "units:\n")
        for w in WORDS:
            f.write(f"  - id: {unit(w)}\n    name: {q('Amt ' + w)}\n")
        f.write("glossary:\n"
                "  - term: OZG\n    expansion: Onlinezugangsgesetz\n"
                "  - term: KI\n    expansion: Künstliche Intelligenz\n"
                "structure:\n")
        for pid, title, kids in POINTS:
            f.write(f"  - id: {q(pid)}\n    title: {q(title)}\n"
                    f"    description: {q(sentence(rng, 12, 25) + '.')}\n"
                    f"    responsible: {unit(rng.choice(WORDS))}\n")
            if kids:
                f.write("    aspects:\n")
                for k in kids:
                    aspects.append(k)
                    f.write(f"      - id: {q(k)}\n"
                            f"        title: {q(sentence(rng, 3, 7))}\n"
                            f"        description: {q(sentence(rng, 10, 20) + '.')}\n")
            else:
                aspects.append(pid)
    per_file = 500
    for start in range(0, nm, per_file):
        with open(os.path.join(dirname, f"10-milestones-{start // per_file:03d}.yaml"), "w") as f:
            f.write("milestones:\n")
            for i in range(start, min(nm, start + per_file)):
                st = rng.choices(["done", "in_progress", "planned", "delayed", "at_risk",
                                  "cancelled"], [25, 35, 20, 10, 7, 3])[0]
                f.write(f"  - id: M-{i:05d}\n    aspect: {q(rng.choice(aspects))}\n"
                        f"    title: {q(sentence(rng, 4, 10))}\n"
                        f"    description: {q(sentence(rng, 10, 30) + '.')}\n"
                        f"    responsible: {unit(rng.choice(WORDS))}\n")
                if st == "done":
                    m = rng.randint(1, 11)
                    f.write(f"    planned: {month_end(2026, m + 1)}\n"
                            f"    completed: 2026-{m:02d}-15\n    progress: 100\n")
                elif st == "delayed":
                    y, m = 2027 + rng.randint(0, 2), rng.randint(1, 12)
                    f.write(f"    planned: {month_end(y, m)}\n"
                            f"    forecast: {month_end(y + 1, m)}\n"
                            f"    progress: {rng.randint(10, 80)}\n" + deviation(rng))
                elif st in ("at_risk", "cancelled"):
                    y, m = 2027 + rng.randint(0, 3), rng.randint(1, 12)
                    f.write(f"    planned: {month_end(y, m)}\n"
                            f"    progress: {rng.randint(0, 60)}\n" + deviation(rng))
                else:
                    y, m = 2027 + rng.randint(0, 3), rng.randint(1, 12)
                    prog = 0 if st == "planned" else rng.randint(5, 95)
                    f.write(f"    planned: {month_end(y, m)}\n    progress: {prog}\n")
                f.write(f"    status: {st}\n    updated: 2026-{rng.randint(2, 12):02d}-01\n")
    for start in range(0, ni, per_file):
        with open(os.path.join(dirname, f"20-indicators-{start // per_file:03d}.yaml"), "w") as f:
            f.write("indicators:\n")
            for i in range(start, min(ni, start + per_file)):
                base = rng.randint(0, 500)
                target = base + rng.randint(10, 1000)
                f.write(f"  - id: I-{i:05d}\n    aspect: {q(rng.choice(aspects))}\n"
                        f"    title: {q(sentence(rng, 3, 8))}\n"
                        f"    unit: {q(rng.choice(['Dienste', '%', 'Verfahren', 'Personen']))}\n"
                        f"    direction: higher\n    decimals: {rng.choice([0, 1])}\n"
                        f"    baseline: {{year: 2024, value: {base}}}\n"
                        f"    target: {{year: 2030, value: {target}}}\n"
                        f"    values:\n      2024: {base}\n")
                for y in (2025, 2026):
                    if rng.random() < 0.85:
                        v = base + (target - base) * (y - 2024) / 6 * rng.uniform(0.5, 1.4)
                        f.write(f"      {y}: {v:.1f}\n")
                f.write(f"    source: {q(sentence(rng, 2, 5))}\n")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    size, seed, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    nm, ni = SIZES[size] if size in SIZES else map(int, size.split(":"))
    write(d, nm, ni, seed)


if __name__ == "__main__":
    main()
