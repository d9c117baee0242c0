#!/usr/bin/python3
"""same_content.py REPORT.html REPORT.pdf - do both outputs say the same?

From the HTML it collects, in reading order, the text of every heading,
paragraph, list item, caption and table row.  Then:

1. each of them must occur in the PDF's tagged text (poppler's
   `pdfinfo -struct-text`, the reading order a screen reader follows),
   in the same order, a table row as its cells one after the other;
2. each of them (a row: each of its cells) must occur in the PDF's text
   as `pdftotext` extracts it;
3. each line `pdftotext` gives must occur in the HTML, leaving out page
   furniture (lines on most pages: running header, "Seite N von M") and
   the table of contents' leaders and page numbers.

Whitespace is ignored, so line breaking does not matter, and so are the
decorations both outputs draw beside words (bullets, status symbols).
Prints every difference and exits 1 if there is any.
"""
import html.parser
import re
import subprocess
import sys

BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "caption",
          "figcaption", "dt", "dd"}
# Not content both outputs share: the HTML's head, SVG internals (the
# chart's alternative is checked as a figure's caption and table).
SKIP = {"svg", "script", "style", "head", "title"}
VOID = {"br", "img", "meta", "link", "input", "wbr", "hr"}
DECORATION = re.compile("[\u00ad\u2022\u25cb\u25d0\u2714\u25b2\u25c6\u2716\u25a0\u2013\u2026\ufe0e.]")


def norm(s):
    return re.sub(r"\s+", "", DECORATION.sub("", s))


class Blocks(html.parser.HTMLParser):
    """Collects ("block", text) and ("row", [cells]) in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.skip = 0
        self.items = []
        self.texts = []   # open text collectors, innermost last
        self.row = None
        self.nav = 0
        self.nav_text = []
        self.svg_text = []  # chart labels: drawn text in both outputs
        self.in_svg = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag == "svg":
            self.in_svg += 1
        if tag in SKIP or "skip-link" in cls:
            self.skip += 1
            self.stack.append((tag, "skip"))
            return
        if tag == "nav":
            self.nav += 1
            self.stack.append((tag, "nav"))
            return
        if self.skip or self.nav:
            self.stack.append((tag, "inline"))
            return
        if tag == "tr":
            self.row = []
            self.stack.append((tag, "row"))
        elif tag in ("td", "th") and self.row is not None:
            self.texts.append([])
            self.stack.append((tag, "cell"))
        elif tag in BLOCKS:
            self.texts.append([])
            self.stack.append((tag, "block"))
        else:
            self.stack.append((tag, "inline"))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            t, kind = self.stack.pop()
            if kind == "skip":
                self.skip -= 1
                if t == "svg":
                    self.in_svg -= 1
            elif kind == "nav":
                self.nav -= 1
            elif kind == "block":
                text = "".join(self.texts.pop())
                if self.texts:  # a block inside a block, e.g. p in li
                    self.texts[-1].append(" ")
                self.items.append(("block", text))
            elif kind == "cell":
                self.row.append("".join(self.texts.pop()))
            elif kind == "row":
                self.items.append(("row", self.row))
                self.row = None
            if t == tag:
                break

    def handle_data(self, data):
        if self.in_svg and self.stack and self.stack[-1][0] in ("text", "tspan"):
            self.svg_text.append(data + " ")
        if self.skip:
            return
        if self.nav:
            self.nav_text.append(data)
            return
        for t in self.texts:
            t.append(data)


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True, check=True)
    if "Syntax" in r.stderr:
        sys.exit(f"{cmd[0]} warned: {r.stderr}")
    return r.stdout


def unbreak(struct_text, text):
    """The structure's text, a word the layout broke across lines (a
    Span of parts, the first ending in the hyphen drawn) joined again
    where pdftotext, which reads the Span's ActualText, has it whole."""
    whole = set(re.findall(r"\S+", text))
    parts = re.findall(r'^\s*"(.*)"\s*$', struct_text, re.M)
    out = []
    for i, p in enumerate(parts):
        if p.endswith("-") and i + 1 < len(parts) and parts[i + 1]:
            head = re.findall(r"\S+$", p[:-1])
            tail = [t.rstrip("-") for t in re.findall(r"^\S+", parts[i + 1])]
            if head and tail and any(head[0] + tail[0] in w for w in whole):
                p = p[:-1]
        out.append(p)
    return "".join(out)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    hp = Blocks()
    with open(sys.argv[1], encoding="utf-8") as f:
        hp.feed(f.read())
    pdf = sys.argv[2]
    text = run(["pdftotext", "-enc", "UTF-8", pdf, "-"])
    struct = norm(unbreak(run(["pdfinfo", "-struct-text", pdf]), text))
    pages = text.split("\f")
    counts = {}
    for page in pages:
        # Running headers and footers stand at the top or bottom.
        pl = [x for x in page.split("\n") if x.strip()]
        for ln in {norm(x) for x in pl[:1] + pl[-1:]}:
            counts[ln] = counts.get(ln, 0) + 1
    repeated = {ln for ln, c in counts.items() if ln and c >= max(3, len(pages) // 2)}

    def furniture(ln):
        """Running header and "Seite N von M"."""
        return norm(ln) in repeated or \
            re.fullmatch(r"\w+ \d+ \w+ \d+", ln.strip())

    # A paragraph running over a page break has the furniture of both
    # pages in the middle of it: leave those lines out.
    lines = [ln for ln in text.split("\n") if not furniture(ln)]
    flat = norm("".join(lines))
    problems = []

    pos = 0
    for kind, val in hp.items:
        whole = norm(val if kind == "block" else "".join(val))
        if not whole:
            continue
        i = struct.find(whole, pos)
        if i < 0:
            where = "out of order" if struct.find(whole) >= 0 else "missing"
            problems.append(f"in the HTML, {where} in the PDF's structure: {whole[:90]}")
        else:
            pos = i + len(whole)
        for part in ([val] if kind == "block" else val):
            n = norm(part)
            # A table cell's lines may stand apart in pdftotext's text,
            # between the lines of the cells beside it: then each of
            # its words must be there (the structure check above holds
            # the order).
            if n and n not in flat and not all(
                    norm(x) in flat for x in part.split()):
                problems.append(f"in the HTML, missing in the PDF's text: {n[:90]}")

    html_flat = "".join(norm(v if k == "block" else "".join(v)) for k, v in hp.items)
    html_flat += norm("".join(hp.nav_text))
    # Text drawn inside charts is in the PDF's Figure and in the SVG.
    html_flat += norm("".join(hp.svg_text))
    html_nohyphen = html_flat.replace("-", "")
    for ln in lines:
        n = norm(ln)
        # A bare number: a page number of the table of contents, or the
        # end of a wrapped line; either way no content of its own.
        if not n or re.fullmatch(r"\d+", n):
            continue
        if n in html_flat or norm(re.sub(r"[\s.]*\d+$", "", ln)) in html_flat:
            continue
        # pdftotext joins a line broken after a hyphen ("Sommer-" /
        # "Update") with the next and drops the hyphen ("SommerUpdate").
        if n.replace("-", "") in html_nohyphen:
            continue
        # pdftotext sets the lines of neighbouring table cells side by
        # side ("150 Euro +47 since" from "150 Euro (2027)" and "+47
        # since 2025"): a line that splits into up to three runs, each
        # in the HTML, is theirs.
        w = ln.split()
        if any(all(norm(" ".join(part)) in html_flat
                   for part in (w[:i], w[i:j], w[j:]) if part)
               for i in range(1, len(w)) for j in range(i, len(w) + 1)):
            continue
        problems.append(f"in the PDF, missing in the HTML: {ln.strip()[:90]}")

    for p in problems:
        print(p)
    print(f"{len(hp.items)} HTML blocks and rows, {len(text.splitlines())} PDF lines, "
          f"{len(problems)} differences")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
