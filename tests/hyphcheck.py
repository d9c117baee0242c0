"""hyphcheck.py PDF STRUCT_TEXT TEXT [WORD LANG]... - words broken across lines.

PDF is the report, STRUCT_TEXT what `pdfinfo -struct-text` printed for
it (the text drawn, part by part), TEXT what `pdftotext` extracted.
Every structure element with an /ActualText that is a Span (a word the
layout broke) must:
  - hold two parts or more whose letters, joined, are its ActualText
    (no letter lost or doubled), each part but the last ending in a
    visible hyphen, unless it ends in "/" or "-" of the word itself;
  - break only where libhyphen's patterns of the passage's language
    allow (a hyphen added), or after "/" and "-";
and its ActualText must be found whole in TEXT.
Each WORD LANG pair names a word that must have been broken this way,
in language LANG.  Prints one line per broken word; exit 1 on a fault.
"""
import os
import re
import sys

import pikepdf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

pdf_path, struct_path, text_path = sys.argv[1:4]
wanted = list(zip(sys.argv[4::2], sys.argv[5::2]))
faults = []

from hyphpoints import DICTS, points  # noqa: E402


def lang_of(elem, doc_lang):
    while elem is not None:
        if "/Lang" in elem:
            return str(elem.Lang).split("-")[0]
        elem = elem.get("/P")
    return doc_lang.split("-")[0]


pdf = pikepdf.open(pdf_path)
doc_lang = str(pdf.Root.get("/Lang", "de"))
spans = []


def kind(o):
    # Debian 12's pikepdf has no Dictionary/Array classes to test
    return getattr(o, "_type_code", None)


def walk(e, depth=0):
    if depth > 200:
        return
    if kind(e) == pikepdf.ObjectType.dictionary:
        if e.get("/S") == "/Span" and "/ActualText" in e:
            spans.append((str(e.ActualText), lang_of(e, doc_lang)))
        k = e.get("/K")
        if kind(k) == pikepdf.ObjectType.array:
            for x in k:
                walk(x, depth + 1)
        elif kind(k) == pikepdf.ObjectType.dictionary:
            walk(k, depth + 1)


walk(pdf.Root.StructTreeRoot)

# The parts as drawn: "Span (inline)" and the quoted strings under it.
drawn = []
lines = open(struct_path, encoding="utf-8").read().split("\n")
for i, ln in enumerate(lines):
    if ln.strip() != "Span (inline)":
        continue
    ind = len(ln) - len(ln.lstrip())
    parts = []
    for nxt in lines[i + 1:]:
        if len(nxt) - len(nxt.lstrip()) <= ind or not nxt.strip().startswith('"'):
            break
        if nxt.strip() != '""':  # an underline's marked content
            parts.append(nxt.strip()[1:-1])
    drawn.append(parts)
text = open(text_path, encoding="utf-8").read()
# pdftotext keeps a no-break space; a line end reads as a space
flat = " ".join(text.replace("\u00a0", " ").split())


def whole(word):
    return " ".join(word.replace("\u00a0", " ").split()) in flat





def match(word, parts):
    """The breaks of `parts` as drawn, if they spell `word`: a list of
    (offset, hyphen added), or None."""
    pos, brks = 0, []
    for p in parts[:-1]:
        if word.startswith(p, pos):
            pos += len(p)
            brks.append((pos, False))
        elif p.endswith("-") and word.startswith(p[:-1], pos):
            pos += len(p) - 1
            brks.append((pos, True))
        else:
            return None
    return brks if word[pos:] == parts[-1] else None


broken = spans
parts_of = {}
for word, lang in broken:
    found = [(parts, m) for parts in drawn if len(parts) >= 2
             for m in [match(word, parts)] if m is not None]
    if not found:
        faults.append(f"{word!r}: no drawn parts spell it (letters lost?)")
        continue
    parts, brks = found[0]
    parts_of[word] = parts
    allowed = points(word, lang) if lang in DICTS else set()
    for pos, hy in brks:
        if hy and pos not in allowed:
            faults.append(f"{word!r} ({lang}): hyphen after {word[:pos]!r}, "
                          f"not a point of the {lang} patterns {sorted(allowed)}")
        if not hy and not re.search(r"[-/_?&=#\u2010\u2013\u2014]$", word[:pos]):
            print(f"note: {word!r} cut without a hyphen after {word[:pos]!r}")
    print(f"broken: {lang} {'|'.join(parts)} -> {word}")
    if not whole(word):
        faults.append(f"{word!r} is not whole in the extracted text")

for w, lang in wanted:
    if not any(s == w and l == lang for s, l in broken):
        faults.append(f"{w!r} ({lang}) was not broken with a hyphen "
                      f"(broken words: {sorted(set(s for s, _ in broken))[:8]})")
        continue
    parts = parts_of.get(w, [])
    if not any(p.endswith("-") for p in parts[:-1]):
        faults.append(f"{w!r}: no visible hyphen at its line end: {parts}")
    if not whole(w):
        faults.append(f"{w!r} missing whole from pdftotext's text")

for f in faults:
    print("FAULT:", f)
sys.exit(1 if faults else 0)
