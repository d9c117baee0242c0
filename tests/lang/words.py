#!/usr/bin/python3
"""words.py INPUTS_DIR TEMPLATES_DIR - the words of the inputs' text
(every YAML scalar value, every CSV field) that the templates of the
other language never use, one a line: the words langcheck.py takes as
foreign in a report in that language.  Ids, numbers, URLs and e-mail
addresses are no words; a word both languages share (Homepage, Portal)
is in the templates and so drops out."""
import csv
import glob
import os
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                ".."))
from langcheck import words  # noqa: E402


def scalars(node, out):
    if isinstance(node, dict):
        for v in node.values():
            scalars(v, out)
    elif isinstance(node, list):
        for v in node:
            scalars(v, out)
    elif isinstance(node, str):
        if "://" not in node and "@" not in node:
            out.append(node)


def main(argv):
    inputs, templates = argv[1], argv[2]
    texts = []
    for p in sorted(glob.glob(os.path.join(inputs, "*.yaml"))):
        with open(p, encoding="utf-8") as f:
            scalars(yaml.safe_load(f), texts)
    for p in sorted(glob.glob(os.path.join(inputs, "*.csv"))):
        with open(p, encoding="utf-8", errors="replace") as f:
            for row in csv.reader(f, delimiter=";"):
                texts.extend(row)
    known = set()
    for dirpath, _, files in os.walk(templates):
        for name in files:
            with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                known.update(words(f.read()))
    found = set()
    for t in texts:
        found.update(w for w in words(t) if len(w) >= 3)
    for w in sorted(found - known):
        print(w)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
