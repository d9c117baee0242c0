#!/usr/bin/python3
"""names.py FILE.pdf|FILE.html - the names a screen reader lists: one
"H<n> text" line per heading and one "Caption text" line per table
caption, in document order (PDF: the structure tree, read with
pdfcheck.py's reader; HTML: <h1>-<h6> and <caption>)."""
import html.parser
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                ".."))


def norm(s):
    return re.sub(r"\s+", " ", s.replace("\u00ad", "")).strip()


def pdf_names(path):
    import pdfcheck
    c = pdfcheck.Checker(path)
    c.collect_pages()
    c.check_content()
    if not c.read_structure():
        raise SystemExit("%s: no structure tree" % path)
    out = []
    for e in c.elems:
        if pdfcheck.HEADING_RE.match(e.std or ""):
            out.append("%s %s" % (e.std, norm(c.elem_text(e))))
        elif e.std == "Caption" and e.parent is not None and \
                e.parent.std == "Table":
            out.append("Caption %s" % norm(c.elem_text(e)))
    return out


class Names(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.cur = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]|caption", tag):
            self.cur = tag
            self.text = []

    def handle_endtag(self, tag):
        if tag == self.cur:
            kind = "Caption" if tag == "caption" else tag.upper()
            self.out.append("%s %s" % (kind, norm("".join(self.text))))
            self.cur = None

    def handle_data(self, data):
        if self.cur:
            self.text.append(data)


def main(argv):
    path = argv[1]
    if path.endswith(".pdf"):
        lines = pdf_names(path)
    else:
        p = Names()
        with open(path, encoding="utf-8") as f:
            p.feed(f.read())
        lines = p.out
    for line in lines:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
