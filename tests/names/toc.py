#!/usr/bin/python3
"""toc.py FILE.pdf - the PDF's table of contents as the structure tree
holds it ("toc DEPTH text" per TOCI, DEPTH counted in nested TOC
elements) and its bookmarks ("bookmark DEPTH title"), each in order."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                ".."))
import pdfcheck  # noqa: E402
from pikepdf import Dictionary  # noqa: E402


def norm(s):
    return re.sub(r"\s+", " ", s.replace("\u00ad", "")).strip()


def main(argv):
    c = pdfcheck.Checker(argv[1])
    c.collect_pages()
    c.check_content()
    if not c.read_structure():
        raise SystemExit("%s: no structure tree" % argv[1])
    out = []

    def walk(e, depth):
        for k in e.kids:
            if k.std == "TOC":
                walk(k, depth + 1)
            elif k.std == "TOCI":
                ref = [x for x in k.kids if x.std != "TOC"]
                text = " ".join(c.elem_text(x) for x in ref)
                # the page number at the end is not part of the title
                out.append("toc %d %s" % (depth, norm(re.sub(r"\s*\d+\s*$",
                                                            "", text))))
                walk(k, depth)
            else:
                walk(k, depth)
    tops = [e for e in c.elems if e.std == "TOC" and
            (e.parent is None or e.parent.std not in ("TOC", "TOCI"))]
    for t in tops:
        walk(t, 1)

    def marks(item, depth):
        seen = set()
        while isinstance(item, Dictionary) and pdfcheck.key(item) not in seen:
            seen.add(pdfcheck.key(item))
            out.append("bookmark %d %s" % (
                depth, norm(pdfcheck.text_of(item.get("/Title")) or "")))
            marks(item.get("/First"), depth + 1)
            item = item.get("/Next")
    ol = c.pdf.Root.get("/Outlines")
    if isinstance(ol, Dictionary):
        marks(ol.get("/First"), 1)
    for line in out:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
