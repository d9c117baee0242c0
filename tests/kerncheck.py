"""kerncheck.py PDF PAIR... - kerning in the drawn text.

Reads every page's content stream (pikepdf) and each font's ToUnicode
map, and collects the adjustments inside TJ arrays between two
characters.  Each PAIR (two characters, e.g. "Te") must be drawn
somewhere with an adjustment that moves the second closer (a positive
TJ number); the same pair in the same font must always have the same
adjustment (the layout measured with the value the drawing uses).
Prints the pairs seen; exit 1 on a fault.
"""
import re
import sys

import pikepdf

pdf = pikepdf.open(sys.argv[1])
want = sys.argv[2:]
seen = {}  # (font, pair) -> set of adjustments
faults = []


def tounicode(font):
    m = {}
    tu = font.get("/ToUnicode")
    if tu is None:
        return m
    for a, b in re.findall(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>",
                           tu.read_bytes()):
        m[int(a, 16)] = chr(int(b, 16))
    return m


maps = {}
for page in pdf.pages:
    fonts = page.Resources.get("/Font", {})
    for name in fonts.keys():
        key = fonts[name].objgen
        if key not in maps:
            maps[key] = tounicode(fonts[name])
    cur = None
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "Tf":
            f = fonts.get(str(operands[0]))
            cur = (f.objgen, maps.get(f.objgen, {})) if f is not None else None
        elif op == "TJ" and cur is not None:
            prev = None
            adj = None
            for el in operands[0]:
                if isinstance(el, pikepdf.String):
                    b = bytes(el)
                    text = "".join(cur[1].get(b[i] << 8 | b[i + 1], "?")
                                   for i in range(0, len(b) - 1, 2))
                    if prev is not None and adj is not None and text:
                        seen.setdefault((cur[0], prev + text[0]), set()).add(adj)
                    if text:
                        prev = text[-1]
                    adj = None
                else:
                    adj = float(el)

for (font, pair), vals in sorted(seen.items()):
    if len(vals) > 1:
        faults.append(f"pair {pair!r} drawn with different adjustments {sorted(vals)}")
pairs = {p for (_, p) in seen}
print(f"{len(pairs)} kerned pairs drawn, e.g. {sorted(pairs)[:12]}")
for p in want:
    vals = set().union(*[v for (f, q), v in seen.items() if q == p] or [set()])
    if not vals:
        faults.append(f"{p!r} is never drawn with a kerning adjustment")
    elif not all(v > 0 for v in vals):
        faults.append(f"{p!r} drawn wider, not closer: {sorted(vals)}")
for f in faults:
    print("FAULT:", f)
sys.exit(1 if faults else 0)
