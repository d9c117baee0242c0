#!/usr/bin/python3
"""changes.py REPORT.html - print the "changes since the last report"
chapter of an English report as "Section: item" lines, one per list item
or paragraph, for tests to compare with what they expect."""
import html.parser
import re
import sys


class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.buf, self.tag, self.section, self.on = [], "", None, "", False
        self.hidden = 0
        self.level = 0  # the chapter's heading level (h1, or h2 under a title)

    def handle_starttag(self, tag, attrs):
        if dict(attrs).get("aria-hidden") == "true":
            self.hidden += 1
        if re.fullmatch(r"h[1-6]", tag) or tag in ("li", "p"):
            self.tag, self.buf = tag, ""

    def handle_endtag(self, tag):
        if tag == "span" and self.hidden:
            self.hidden -= 1
        if tag != self.tag:
            return
        # soft hyphens (long words) are no part of the text
        text = re.sub(r"\s+", " ", self.buf.replace("\u00ad", "")).strip()
        self.tag = None
        if re.fullmatch(r"h[1-6]", tag):
            level = int(tag[1])
            if text == "Changes since the last report":
                self.on, self.level = True, level
            elif self.on and level <= self.level:
                self.on = False
            elif self.on and level == self.level + 1:
                self.section = text
        elif self.on and text:
            self.out.append(f"{self.section or 'intro'}: {text}")

    def handle_data(self, data):
        if self.tag and not self.hidden:
            self.buf += data


p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
print("\n".join(p.out))
