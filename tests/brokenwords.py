#!/usr/bin/python3
"""brokenwords.py FILE.pdf - the words the layout broke across lines.

A word broken across lines is a Span with the whole word as
/ActualText and a marked content for each line's part
(pdf_layout.c).  Prints "broken WORD: PART|PART..." for each, and
"cut WORD: PART|PART..." where a part before the last ends in a letter
or a digit: the word was cut between two letters (the layout's last
resort, cut_item()), not at a hyphenation point (the part ends in the
hyphen drawn) or after "-", "/" or a space.  Exit 1 if any word was cut,
2 if the file has no structure tree."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfcheck  # noqa: E402


def main(argv):
    c = pdfcheck.read_tagged(argv[1])
    if c is None:
        print("no structure tree")
        return 2
    cut = 0
    for e in c.elems:
        if e.std != "Span" or "/ActualText" not in e.obj:
            continue
        word = pdfcheck.text_of(e.obj.get("/ActualText"))
        parts = ["".join(c.page_mcids.get(pk, {}).get(n, []))
                 for kind, pk, n in (i for i in e.order if i[0] == "mcid")]
        if len(parts) < 2:
            continue
        bad = any(p and (p[-1].isalpha() or p[-1].isdigit())
                  for p in parts[:-1])
        cut += bad
        print("%s %s: %s" % ("cut" if bad else "broken", word,
                              "|".join(parts)))
    return 1 if cut else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
