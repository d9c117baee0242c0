#!/usr/bin/python3
"""same_content.py REPORT.html REPORT.pdf - do both outputs say the same?

Collects the text blocks of the HTML in reading order (headings,
paragraphs, list items, table rows, captions) and checks that each one
occurs in the PDF's text (pdftotext), in the same order; then checks the
reverse for the PDF's lines, leaving out page furniture (the running
header and "Seite N von M"), which only the PDF has.  Whitespace and
line breaks are normalised, so the PDF's own line breaking does not
matter.  Prints every block found in one output but not the other and
exits 1 if there is any.
"""
import html.parser
import re
import subprocess
import sys

BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "caption",
          "figcaption", "dt", "dd"}
# Only in one output by design: the skip link and the HTML's own table
# of contents (the PDF has its own, with page numbers), SVG internals.
SKIP = {"nav", "svg", "script", "style", "head"}


def norm(s):
    s = s.replace("\u00ad", "")  # soft hyphen
    return re.sub(r"\s+", "", s)


class Blocks(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.skip = 0
        self.blocks = []
        self.cur = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in SKIP or "skip-link" in (a.get("class") or "") \
                or a.get("aria-hidden") == "true":
            if tag not in ("br", "img", "meta", "link", "input"):
                self.skip += 1
                self.stack.append(("skip", tag))
            return
        if tag in BLOCKS and self.skip == 0:
            if self.cur is not None:
                self.blocks.append(self.cur)
            self.cur = ""
            self.stack.append(("block", tag))
        elif tag not in ("br", "img", "meta", "link", "input", "wbr"):
            self.stack.append(("inline", tag))

    def handle_endtag(self, tag):
        while self.stack:
            kind, t = self.stack.pop()
            if kind == "skip":
                self.skip -= 1
            if kind == "block" and self.cur is not None:
                self.blocks.append(self.cur)
                self.cur = None
            if t == tag:
                break

    def handle_data(self, data):
        if self.skip == 0 and self.cur is not None:
            self.cur += data


def pdf_text(path):
    r = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"],
                       capture_output=True, text=True, check=True)
    if "Syntax" in r.stderr:
        sys.exit("pdftotext warned: " + r.stderr)
    return r.stdout


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    parser = Blocks()
    with open(sys.argv[1], encoding="utf-8") as f:
        parser.feed(f.read())
    blocks = [b for b in (norm(x) for x in parser.blocks) if b]
    text = pdf_text(sys.argv[2])
    lines = text.split("\n")
    pages = text.split("\f")
    # Furniture: lines that repeat on most pages, and page numbers.
    counts = {}
    for page in pages:
        for ln in set(norm(x) for x in page.split("\n")):
            counts[ln] = counts.get(ln, 0) + 1
    furniture = {ln for ln, c in counts.items() if ln and c >= max(3, len(pages) // 2)}
    flat = norm(text)
    problems = 0
    pos = 0
    for b in blocks:
        i = flat.find(b, pos)
        if i < 0:
            j = flat.find(b)
            where = "out of order" if j >= 0 else "missing"
            print(f"in the HTML, {where} in the PDF: {b[:100]}")
            problems += 1
        else:
            pos = i + len(b)
    html_flat = "".join(blocks)
    for ln in lines:
        n = norm(ln)
        if not n or n in furniture or re.fullmatch(r"\S*\d+\S*\d+", n) and len(n) < 20:
            continue
        if n not in html_flat and norm(ln.rstrip(". 0123456789")) not in html_flat:
            print(f"in the PDF, missing in the HTML: {ln.strip()[:100]}")
            problems += 1
    print(f"{len(blocks)} HTML blocks, {len(lines)} PDF lines, {problems} differences")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
