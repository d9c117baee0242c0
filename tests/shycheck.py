"""shycheck.py HTML [WORD LANG]... - soft hyphens in the HTML report.

- Each WORD (LANG: the language of its passage) appears in the page's
  text with soft hyphens (&shy;) at three points or more, every one a
  point of libhyphen's patterns for LANG, and with them removed it is
  the word.
- No soft hyphen (as &shy; or U+00AD) inside a tag (attributes: alt,
  aria-*, title, href...), in the <title>, or in an SVG's <title>,
  <desc> or <text>.
- The stylesheet has hyphens:manual for headings and table cells, and
  prints on A4 (@page { size: A4 }).
Prints what it found; exit 1 on a fault.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hyphpoints import points  # noqa: E402

html = open(sys.argv[1], encoding="utf-8").read()
faults = []
SHY = re.compile("&shy;|\u00ad")

for tag in re.findall(r"<[^>]*>", html):
    if SHY.search(tag):
        faults.append(f"soft hyphen inside a tag: {tag[:120]}")
for name in ("title", "desc", "text"):
    for m in re.finditer(rf"<{name}\b[^>]*>(.*?)</{name}>", html, re.S):
        if SHY.search(m.group(1)):
            faults.append(f"soft hyphen in <{name}>: {m.group(1)[:80]}")

total = len(re.findall("&shy;", html))
print(f"{total} soft hyphens")
if total < 100:
    faults.append(f"only {total} soft hyphens in the page")

for word, lang in zip(sys.argv[2::2], sys.argv[3::2]):
    found = False
    allowed = points(word, lang)
    # the word with &shy; between any of its letters
    pat = "(?:&shy;)?".join(re.escape(ch) for ch in word)
    for m in re.finditer(pat, html):
        text = m.group(0)
        if "&shy;" not in text:
            continue
        found = True
        at, pos = [], 0
        for part in text.split("&shy;")[:-1]:
            pos += len(part)
            at.append(pos)
        print(f"{lang} {text.replace('&shy;', '-')}")
        bad = [p for p in at if p not in allowed]
        if bad:
            faults.append(f"{word}: soft hyphens after {[word[:p] for p in bad]}, "
                          f"not points of the {lang} patterns")
        if len(at) < 3:
            faults.append(f"{word}: only {len(at)} soft hyphens")
    if not found:
        faults.append(f"{word} ({lang}) has no soft hyphens in the page")

css = html[:html.find("</style>")]
if not re.search(r"@page\{size:A4", css):
    faults.append("the print stylesheet does not set @page { size: A4 }")
if not re.search(r"h1,h2,h3,h4,h5,h6,th,td[^{]*\{hyphens:manual", css):
    faults.append("headings and table cells lack hyphens:manual")
for f in faults:
    print("FAULT:", f)
sys.exit(1 if faults else 0)
