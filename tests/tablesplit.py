#!/usr/bin/python3
"""tablesplit.py FILE.pdf - where tables break and how full pages are.

Prints one line per Table element of the structure tree: "table N
rows R pages P,Q counts A,B top T height H" (its body rows, TR elements
outside THead, by the page their content starts on; T: how far down
the body area its first text stands, from 0 to 1, so what precedes it
on that page; H: how much of the body area its text spans, summed over
its pages, more than 1 for a table no page holds), "chart F table P-Q" for each chart and its data table (the pages
they are on), then "page N fill F" per page:
how far down the body area (80 pt from the top to 76 pt from the
bottom) its lowest tagged text reaches, from 0 to 1, and "chapter" if
the page opens with a first-level chapter heading (the first heading
below the document's H1)."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfcheck  # noqa: E402
import pikepdf  # noqa: E402

TOP, BOTTOM = 80.0, 76.0


def main(argv):
    c = pdfcheck.read_tagged(argv[1])
    if c is None:
        print("no structure tree")
        return 2

    def first_page(e):
        for kind, *rest in e.order:
            if kind == "mcid":
                return c.page_no.get(rest[0])
            p = first_page(rest[0])
            if p:
                return p
        return None

    # Where each MCID's text begins and ends: (page number, MCID) ->
    # [highest, lowest] baseline, measured from the page's top.
    extent = {}

    def scan_page(i, page):
        h = float(page.MediaBox[3])
        ty = 0.0
        depth = []
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op == "BT":
                ty = 0.0
            elif op in ("Td", "TD"):
                ty += float(operands[1])
            elif op == "Tm":
                ty = float(operands[5])
            elif op == "BDC":
                props = operands[1]
                depth.append(int(props["/MCID"])
                             if isinstance(props, pikepdf.Dictionary) and
                             "/MCID" in props else None)
            elif op == "BMC":
                depth.append(None)
            elif op == "EMC" and depth:
                depth.pop()
            elif op in pdfcheck.TEXT_SHOW:
                mc = next((d for d in reversed(depth) if d is not None),
                          None)
                if mc is None:
                    continue
                y = h - ty
                ext = extent.setdefault((i, mc), [y, y])
                ext[0] = min(ext[0], y)
                ext[1] = max(ext[1], y)
        return h

    heights = {}
    for i, page in enumerate(c.pdf.pages, 1):
        heights[i] = scan_page(i, page)

    def first_mcid(e):
        for kind, *rest in e.order:
            if kind == "mcid":
                pno = c.page_no.get(rest[0])
                if (pno, rest[1]) in extent:
                    return pno, rest[1]
            else:
                m = first_mcid(rest[0])
                if m:
                    return m
        return None

    def fraction(pno, y):
        return (y - TOP) / (heights[pno] - TOP - BOTTOM)

    n = 0
    for e in c.elems:
        if e.std != "Table":
            continue
        n += 1
        rows = []

        def walk(x, in_head):
            for k in x.kids:
                if k.std == "TR":
                    if not in_head:
                        rows.append(first_page(k))
                else:
                    walk(k, in_head or k.std == "THead")
        walk(e, False)
        pages = sorted({p for p in rows if p})
        counts = [sum(1 for p in rows if p == q) for q in pages]
        m = first_mcid(e)
        top = fraction(m[0], extent[m][0]) if m else 0.0
        # Its height, in pages: the extent of its text on each page.
        span = {}

        def spread(x):
            for kind, *rest in x.order:
                if kind != "mcid":
                    spread(rest[0])
                    continue
                pno = c.page_no.get(rest[0])
                if (pno, rest[1]) not in extent:
                    continue
                lo, hi = extent[(pno, rest[1])]
                s = span.setdefault(pno, [lo, hi])
                s[0], s[1] = min(s[0], lo), max(s[1], hi)
        spread(e)
        height = sum(fraction(p, hi) - fraction(p, lo)
                     for p, (lo, hi) in span.items())
        print("table %d rows %d pages %s counts %s top %.2f height %.2f" % (
            n, len(rows), ",".join(map(str, pages)) or "-",
            ",".join(map(str, counts)) or "-", top, height))

    # A chart's data table (the Table right after the element holding
    # the Figure): "chart F table P-Q", the pages of each.
    def all_pages(e, acc):
        for kind, *rest in e.order:
            if kind == "mcid":
                p = c.page_no.get(rest[0])
                if p:
                    acc.append(p)
            else:
                all_pages(rest[0], acc)
        return acc

    def has_figure(e):
        return e.std == "Figure" or any(has_figure(k) for k in e.kids)

    def charts(e):
        prev = None
        for kind, *rest in e.order:
            if kind != "elem":
                continue
            k = rest[0]
            if k.std == "Table" and prev is not None and has_figure(prev):
                fp, tp = all_pages(prev, []), all_pages(k, [])
                if fp and tp:
                    print("chart %d table %d-%d" % (min(fp), min(tp),
                                                     max(tp)))
            charts(k)
            prev = k
    for e in c.elems:
        if e.parent is None:
            charts(e)

    # Chapter pages: where a heading of the chapter level starts.
    heads = [e for _, e in c.headings()]
    levels = sorted({int(e.std[1]) for e in heads})
    chapter = levels[1] if len(levels) > 1 and sum(
        1 for e in heads if e.std == "H1") == 1 else levels[0]
    chapter_pages = {first_page(e) for e in heads
                     if e.std == "H%d" % chapter}

    # The lowest tagged text of each page: text shown inside an MCID.
    for i in heights:
        low = max((ext[1] for (pno, _), ext in extent.items() if pno == i),
                  default=None)
        fill = 0.0 if low is None else fraction(i, low)
        print("page %d fill %.2f%s" % (i, fill,
                                      " chapter" if i in chapter_pages
                                      else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
