#!/usr/bin/python3
"""typesize.py FILE.pdf - the smallest type a reader meets: prints
"body SIZE" (the smallest text outside tables and figures), "table
SIZE" (the smallest text in a table), "figure SIZE" and
"figure-median SIZE" and "table-median SIZE" (half the figures' or
the tables' text runs are that size or larger), in points as
drawn (Tf size times the text and graphics matrices' scale), read from
the content streams and attributed through the structure tree (an
MCID's element and its ancestors).  Artifacts (running header, page
numbers, repeated table headers) are left out: they repeat what the
tagged content says.  Exit 2 if the file has no structure tree."""
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfcheck  # noqa: E402
import pikepdf  # noqa: E402


def scale(m):
    a, b, c, d = (float(x) for x in m[:4])
    return math.sqrt(abs(a * d - b * c))


def mul(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def main(argv):
    chk = pdfcheck.Checker(argv[1])
    chk.collect_pages()
    if not chk.read_structure():
        print("no structure tree")
        return 2

    def kind(pk, mcid):
        for e in chk.mcid_owner.get((pk, mcid), []):
            k = "body"
            while e is not None:
                if e.std == "Figure":
                    return "figure"
                if e.std == "Table":
                    k = "table"
                e = e.parent
            return k
        return None

    least = {}
    figure, table = [], []
    for page in chk.pages:
        pk = pdfcheck.key(page)
        ctm = (1, 0, 0, 1, 0, 0)
        stack, mc = [], []
        size, tm = 0, (1, 0, 0, 1, 0, 0)
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "q":
                stack.append(ctm)
            elif op == "Q" and stack:
                ctm = stack.pop()
            elif op == "cm":
                ctm = mul(tuple(float(x) for x in operands), ctm)
            elif op == "BT":
                tm = (1, 0, 0, 1, 0, 0)
            elif op == "Tm":
                tm = tuple(float(x) for x in operands)
            elif op == "Tf":
                size = float(operands[1])
            elif op in ("BDC", "BMC"):
                props = operands[1] if op == "BDC" else None
                mcid = props.get("/MCID") if isinstance(
                    props, pikepdf.Dictionary) else None
                tag = str(operands[0])
                mc.append(("artifact" if tag == "/Artifact" else
                           kind(pk, int(mcid)) if mcid is not None else
                           (mc[-1] if mc else None)))
            elif op == "EMC" and mc:
                mc.pop()
            elif op in pdfcheck.TEXT_SHOW:
                k = next((x for x in reversed(mc) if x), None)
                if k in (None, "artifact"):
                    continue
                s = size * scale(tm) * scale(ctm)
                if k == "figure":
                    figure.append(s)
                elif k == "table":
                    table.append(s)
                if s > 0 and s < least.get(k, 1e9):
                    least[k] = s
    for k in ("body", "table", "figure"):
        if k in least:
            print("%s %.2f" % (k, least[k]))
    for name, runs in (("figure", figure), ("table", table)):
        if runs:
            runs.sort()
            print("%s-median %.2f" % (name, runs[(len(runs) - 1) // 2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
