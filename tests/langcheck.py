#!/usr/bin/python3
"""langcheck.py - text in one language that is marked as another.

usage: langcheck.py --foreign-words FILE [--skip-charts] [--phrase TEXT]...
                    FILE.pdf|FILE.html...

Reads the PDF's structure tree (with pdfcheck.py's reader: each marked
content sequence's text, with the /Lang of its nearest element that has
one, else the catalog's) and the HTML (each text node, attribute text a
reader is given and the <title>, with the lang of its nearest element
that has one), and prints every passage whose language is the
document's own but which holds a word of the other language.

--foreign-words FILE  one word a line: words of the other language (the
                      test derives them from the inputs, minus every
                      word the report language's templates use, so a
                      word both languages share never counts)
--phrase TEXT         a phrase of the other language that must be marked
                      wherever it appears (repeatable)
--skip-charts         leave out figures and the data table that follows
                      each (the charts mark their own text)

Prints "FILE: [lang] where: text" per unmarked passage and exits 1 if
there is any, 2 on bad usage.  WCAG 2.1 SC 3.1.2, ISO 14289-1 7.2.
"""
import html.parser
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

WORD_RE = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:-[A-Za-zÄÖÜäöüß]+)*")


def words(text):
    # Addresses are no words of a language.
    text = re.sub(r"\S+://\S+|\S+@\S+", " ", text)
    return [w.lower() for w in WORD_RE.findall(text)]


class Finder:
    def __init__(self, foreign, phrases):
        self.foreign = foreign
        self.phrases = [p.lower() for p in phrases]
        self.hits = []

    def check(self, path, lang, where, text, doc_lang):
        if not text or not lang:
            return
        if lang.lower().split("-")[0] != doc_lang.lower().split("-")[0]:
            return
        low = re.sub(r"\s+", " ", text.lower())
        bad = [w for w in words(text) if w in self.foreign]
        bad += [p for p in self.phrases if p in low]
        if bad:
            self.hits.append("%s: [%s] %s: %s (%s)"
                             % (path, lang, where,
                                re.sub(r"\s+", " ", text).strip()[:160],
                                ", ".join(sorted(set(bad)))))


# -- PDF -------------------------------------------------------------------

def check_pdf(path, finder, skip_charts):
    import pdfcheck
    from pikepdf import String
    c = pdfcheck.read_tagged(path)
    if c is None:
        print("%s: no structure tree" % path)
        return False
    doc_lang = pdfcheck.text_of(c.pdf.Root.get("/Lang")) or ""
    title = c.pdf.docinfo.get("/Title")
    if isinstance(title, String):
        finder.check(path, doc_lang, "Info /Title", str(title), doc_lang)
    roots = [e for e in c.elems if e.parent is None]

    def has_figure(e):
        return e.std == "Figure" or any(has_figure(k) for k in e.kids)

    def walk(e, lang):
        own = pdfcheck.text_of(e.obj.get("/Lang"))
        if own:
            lang = own
        where = e.where()
        for name in ("/Alt", "/ActualText", "/E"):
            t = pdfcheck.text_of(e.obj.get(name))
            if t and not (e.std == "Figure" and skip_charts):
                finder.check(path, lang, "%s %s" % (where, name), t,
                             doc_lang)
        if skip_charts and (e.std == "Figure" or
                            any(k.std == "Figure" for k in e.kids)):
            return
        prev = None
        for kind, *rest in e.order:
            if kind == "elem":
                k = rest[0]
                if skip_charts and k.std == "Table" and prev is not None \
                        and has_figure(prev):
                    prev = k
                    continue
                walk(k, lang)
                prev = k
            else:
                pk, mcid = rest
                t = "".join(c.page_mcids.get(pk, {}).get(mcid, []))
                finder.check(path, lang, "%s on %s" % (where,
                             c.page_where(pk)), t, doc_lang)
    for r in roots:
        walk(r, doc_lang)
    return True


# -- HTML ------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
READ_ATTRS = ("title", "alt", "aria-label")


class HTMLLang(html.parser.HTMLParser):
    def __init__(self, path, finder, skip_charts):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.finder = finder
        self.skip_charts = skip_charts
        self.stack = []         # (tag, lang, skipping)
        self.doc_lang = ""
        self.after_figure = False
        self.skip_depth = None

    def lang(self):
        return self.stack[-1][1] if self.stack else self.doc_lang

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        lang = a.get("lang", self.lang())
        if tag == "html":
            self.doc_lang = lang or ""
        skipping = self.stack[-1][2] if self.stack else False
        if self.skip_charts and not skipping:
            if tag == "figure":
                skipping = True
                self.after_figure = True
            elif self.after_figure and tag == "div" and \
                    "table-wrap" in (a.get("class") or ""):
                skipping = True
                self.after_figure = False
            elif tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6",
                         "section", "ul", "ol"):
                self.after_figure = False
        if not skipping:
            for name in READ_ATTRS:
                if a.get(name):
                    self.finder.check(self.path, lang, "<%s %s>"
                                      % (tag, name), a[name], self.doc_lang)
        if tag not in VOID:
            self.stack.append((tag, lang, skipping))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not data.strip():
            return
        if self.stack and (self.stack[-1][2] or
                           self.stack[-1][0] in ("style", "script")):
            return
        where = "<%s>" % ("> <".join(t for t, _, _ in self.stack[-3:]))
        # soft hyphens are not part of the words
        self.finder.check(self.path, self.lang(), where,
                          data.replace("\u00ad", ""), self.doc_lang)


def check_html(path, finder, skip_charts):
    p = HTMLLang(path, finder, skip_charts)
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return True


def main(argv):
    args = argv[1:]
    foreign = set()
    phrases = []
    skip = False
    files = []
    while args:
        a = args.pop(0)
        if a == "--foreign-words" and args:
            with open(args.pop(0), encoding="utf-8") as f:
                foreign |= {w.strip().lower() for w in f if w.strip()}
        elif a == "--phrase" and args:
            phrases.append(args.pop(0))
        elif a == "--skip-charts":
            skip = True
        elif a.startswith("-"):
            sys.stderr.write(__doc__)
            return 2
        else:
            files.append(a)
    if not files:
        sys.stderr.write(__doc__)
        return 2
    finder = Finder(foreign, phrases)
    ok = True
    for path in files:
        if path.endswith(".pdf"):
            ok = check_pdf(path, finder, skip) and ok
        else:
            ok = check_html(path, finder, skip) and ok
    for h in finder.hits:
        print(h)
    return 1 if finder.hits or not ok else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
