#!/usr/bin/python3
"""charts_check.py - the charts of a built report, read back from the PDF
and the HTML.

usage: charts_check.py INPUTS_DIR LOCALE.yaml REPORT.pdf REPORT.html

- PDF: every text drawn inside a Figure is at least 9 pt (the font size
  of each Tf in the Figure's marked content);
- HTML: every chart SVG has a min-width in em at which its smallest
  text is at least 75 % of the body text (so it never renders smaller,
  at any zoom), inside a focusable scroll region;
- both: alt texts (the SVG's <desc>, the PDF's /Alt) are short
  summaries (at most 250 characters), and a trend chart's names its
  direction ("higher/lower is better");
- PDF: each Figure's /Alt is "what the chart is about: " followed by
  the summary that the HTML's <desc> holds (the SVG is named by its
  figcaption there), and no two are alike: a screen reader's list of
  graphics shows the /Alt alone;
- both, when the report's language is not the inputs': every piece of
  input text (titles, short titles, units) in a chart's caption, its
  data table and its drawing is marked with the inputs' language
  (lang/xml:lang in the HTML, a Span in the PDF's structure, which
  poppler lists; that Span carries /Lang is pdf_tag.c's, tested
  elsewhere).

Prints each problem and exits 1 if there is any.
"""
import html.parser
import re
import subprocess
import sys

import pikepdf
import yaml

ALT_MAX = 250
problems = []


def problem(msg):
    problems.append(msg)
    print("FAIL:", msg)


def input_texts(inputs_dir, files):
    """The inputs' language and every title, short title and unit."""
    texts, lang = set(), None

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k in ("title", "short_title", "unit") and \
                        isinstance(x, str) and len(x) >= 4:
                    texts.add(x)
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    for f in files:
        with open(f, encoding="utf-8") as fh:
            d = yaml.safe_load(fh)
        walk(d)
        if isinstance(d, dict) and isinstance(d.get("settings"), dict):
            lang = d["settings"].get("language", lang)
    return lang, texts


def is_input(s, texts):
    s = s.strip()
    return len(s) >= 4 and re.search(r"[A-Za-zÄÖÜäöüß]{3}", s) and \
        any(s in t for t in texts)


# ---- PDF ---------------------------------------------------------------

def pdf_sizes(path):
    pdf = pikepdf.open(path)
    n = 0
    for pno, page in enumerate(pdf.pages, 1):
        stack = []
        for operands, op in pikepdf.parse_content_stream(page):
            o = str(op)
            if o in ("BDC", "BMC"):
                stack.append(str(operands[0]))
            elif o == "EMC" and stack:
                stack.pop()
            elif o == "Tf" and "/Figure" in stack:
                n += 1
                if float(operands[1]) < 9 - 1e-6:
                    problem("page %d: chart text at %.2f pt" %
                            (pno, float(operands[1])))
    if n == 0:
        problem("no text inside a Figure in the PDF")
    alts = []

    def walk(e, depth=0):
        if depth > 200 or not isinstance(e, pikepdf.Dictionary):
            return
        if e.get("/S") == "/Figure" and "/Alt" in e:
            alts.append(str(e["/Alt"]))
        k = e.get("/K")
        for c in (k if isinstance(k, pikepdf.Array) else [k]):
            if isinstance(c, pikepdf.Dictionary):
                walk(c, depth + 1)
    walk(pdf.Root.StructTreeRoot)
    return alts


def pdf_lang(path, texts, table_word):
    """Input text in chart captions and tables lies under a Span."""
    out = subprocess.run(["pdfinfo", "-struct-text", path],
                         capture_output=True, text=True, check=True).stdout
    stack = []          # (indent, label)
    scope = None        # indent of the chart element we are in
    prev_sibling = {}   # indent -> label of the last element there
    n = 0
    for line in out.splitlines():
        indent = len(line) - len(line.lstrip())
        body = line.strip()
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if scope is not None and indent <= scope:
            scope = None
        if body.startswith('"'):
            text = body.strip('"')
            labels = [lab for _, lab in stack]
            if scope is None and labels and labels[-1] == "Caption" and \
                    text.startswith(table_word):
                scope = stack[-2][0] if len(stack) > 1 else 0
            if scope is not None and is_input(text, texts):
                n += 1
                if not any(lab.startswith("Span") for lab in labels):
                    problem("PDF: unmarked input text in a chart: %r" %
                            text)
            continue
        label = body
        if label == "Caption" and prev_sibling.get(indent, "") \
                .startswith("Figure") and scope is None:
            scope = indent - 1
        prev_sibling[indent] = label
        stack.append((indent, label))
    return n


# ---- HTML --------------------------------------------------------------

class Charts(html.parser.HTMLParser):
    """Collects, per chart, its scroll region, SVG, texts with their
    languages, the description, and the data table after it."""

    def __init__(self, texts, report_lang):
        super().__init__(convert_charrefs=True)
        self.texts = texts
        self.lang = [report_lang]
        self.tags = []
        self.in_chart = 0      # depth inside <figure> or its table
        self.after_fig = False
        self.svgs = []
        self.descs = []
        self.cur_desc = None
        self.regions = 0
        self.checked = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        lang = a.get("lang") or a.get("xml:lang") or self.lang[-1]
        if tag in ("br", "img", "meta", "link", "col", "wbr", "input",
                   "hr", "area", "base", "source"):
            return
        self.tags.append(tag)
        self.lang.append(lang)
        if tag == "figure":
            self.in_chart = len(self.tags)
        elif tag == "table" and self.after_fig and not self.in_chart:
            self.in_chart = len(self.tags)
        if tag == "div" and "chart-scroll" in a.get("class", ""):
            if a.get("tabindex") == "0" and a.get("role") == "region" \
                    and a.get("aria-labelledby"):
                self.regions += 1
        if tag == "svg":
            self.svgs.append(a)
        if tag == "desc":
            self.cur_desc = ""

    def handle_endtag(self, tag):
        if tag not in self.tags:
            return
        while self.tags:
            t = self.tags.pop()
            self.lang.pop()
            if self.in_chart > len(self.tags):
                self.after_fig = t == "figure"
                self.in_chart = 0
            if t == "desc" and self.cur_desc is not None:
                self.descs.append(self.cur_desc)
                self.cur_desc = None
            if t == tag:
                break
        if tag not in ("figure", "desc") and not self.in_chart and \
                tag in ("p", "section", "h2", "h3", "h4", "ul"):
            self.after_fig = False

    def handle_data(self, data):
        if self.cur_desc is not None:
            self.cur_desc += data
        if self.in_chart and is_input(data, self.texts):
            self.checked += 1
            if self.lang[-1] != self.input_lang:
                problem("HTML: unmarked input text in a chart: %r (%s)" %
                        (data.strip(), self.lang[-1]))


def check_html(path, texts, report_lang, input_lang):
    p = Charts(texts, report_lang)
    p.input_lang = input_lang if input_lang != report_lang else report_lang
    with open(path, encoding="utf-8") as fh:
        p.feed(fh.read())
    if not p.svgs:
        problem("HTML: no chart")
    for a in p.svgs:
        m = re.search(r"min-width:([0-9.]+)em", a.get("style", ""))
        w = float(a["viewbox"].split()[2]) if "viewbox" in a else 0
        if not m or w <= 0:
            problem("HTML: an SVG without a min-width in em")
            continue
    if p.regions != len(p.svgs):
        problem("HTML: %d charts but %d focusable scroll regions" %
                (len(p.svgs), p.regions))
    return p


def svg_min_text(path):
    """Per SVG: (min-width em, viewBox width, smallest font-size)."""
    with open(path, encoding="utf-8") as fh:
        h = fh.read()
    res = []
    for svg in re.findall(r"<svg .*?</svg>", h, re.S):
        m = re.search(r'viewBox="0 0 ([0-9.]+) [0-9.]+"', svg)
        mw = re.search(r"min-width:([0-9.]+)em", svg)
        sizes = [float(x) for x in re.findall(r'font-size="([0-9.]+)"', svg)]
        if m and mw and sizes:
            res.append((float(mw.group(1)), float(m.group(1)), min(sizes)))
    return res


def main():
    inputs, locale, pdf, htmlf = sys.argv[1:5]
    import glob
    input_lang, texts = input_texts(
        inputs, sorted(glob.glob(inputs + "/*.yaml")))
    with open(locale, encoding="utf-8") as fh:
        loc = yaml.safe_load(fh)
    report_lang = loc.get("lang") or loc.get("language") or \
        locale.rstrip("/").split("/")[-2]
    table_word = loc["chart"]["table"]
    directions = list(loc["direction"].values())
    input_lang = input_lang or "de"

    alts = pdf_sizes(pdf)
    p = check_html(htmlf, texts, report_lang, input_lang)
    for mw, w, size in svg_min_text(htmlf):
        # Rendered text / body text = size * (drawn width / w) / 1em,
        # at the least drawn width (mw em).
        if size * mw / w < 0.75 - 1e-6:
            problem("HTML: chart text %.1f of %.0f at %.1fem is %.2f of "
                    "the body text" % (size, w, mw, size * mw / w))
    if len(alts) != len(p.descs):
        problem("%d alt texts in the PDF, %d in the HTML" %
                (len(alts), len(p.descs)))
    summaries = []
    for a, d in zip(alts, p.descs):
        name = a[:len(a) - len(d)]
        if not a.endswith(d) or len(name) < 3 or not name.endswith(": "):
            problem("PDF: the alt text is not a name, then the HTML's "
                    "summary: %s | %s" % (a[:80], d[:80]))
        summaries.append(d)
    for a in sorted(set(alts)):
        if alts.count(a) > 1:
            problem("PDF: %d figures have the alt text %s" %
                    (alts.count(a), a[:80]))
    for where, lst in (("PDF", summaries), ("HTML", p.descs)):
        if not lst:
            problem("%s: no alt texts" % where)
        for a in lst:
            if len(a) > ALT_MAX:
                problem("%s: alt text of %d characters: %s" %
                        (where, len(a), a[:80]))
        trends = [a for a in lst if any(d in a for d in directions)]
        if len(trends) < 5:
            problem("%s: only %d alt texts name the direction" %
                    (where, len(trends)))
    if report_lang != input_lang:
        n = pdf_lang(pdf, texts, table_word)
        if n < 20 or p.checked < 20:
            problem("too little input text found in the charts "
                    "(PDF %d, HTML %d): is the check reading them?" %
                    (n, p.checked))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
