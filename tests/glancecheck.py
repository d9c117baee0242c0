#!/usr/bin/python3
"""glancecheck.py - the page at a glance against the inputs.

usage: glancecheck.py LANG INPUTS_DIR FILE.pdf FILE.html [LAST_PAGE]

LAST_PAGE: the PDF page the page at a glance ends on (default 2; large
print takes two pages).

Computes from the inputs (YAML and CSV read here, not through the
program) what the page at a glance must say, after docs/facts.md: the
milestones done, delayed and at risk; the indicators on course, off
course and with their target reached; each resolution point's state;
the three key results and the three biggest risks.  Then checks:

- the PDF's second page is the page at a glance and says all that, the
  results and risks in their order;
- every link on that page is a Link annotation of the structure tree
  whose destination is the heading of the section it names (a resolution
  point's heading, or the aspect's heading of the milestone it names);
- the HTML opens its main content with the same block (before the table
  of contents, at every width), and its links
  point to existing ids whose headings are the same.

Prints one line per problem; exits 1 if there is any.
"""
import csv
import datetime
import glob
import html.parser
import os
import re
import subprocess
import sys
from fractions import Fraction

import pikepdf
import yaml

WORDS = {
    'de': dict(title='Auf einen Blick', ms=('Meilenstein', 'Meilensteine'),
               ind=('Indikator', 'Indikatoren'), done='erledigt',
               delayed='verzögert', at_risk='gefährdet',
               on='auf Kurs', off='nicht auf Kurs',
               reached='Zielwert erreicht', point='Beschlusspunkt',
               status={'planned': 'geplant', 'in_progress': 'in Arbeit',
                       'done': 'erledigt', 'delayed': 'verzögert',
                       'at_risk': 'gefährdet'}),
    'en': dict(title='At a glance', ms=('milestone', 'milestones'),
               ind=('indicator', 'indicators'), done='done',
               delayed='delayed', at_risk='at risk', on='on course',
               off='off course', reached=None, point='Resolution point',
               status={'planned': 'planned', 'in_progress': 'in progress',
                       'done': 'done', 'delayed': 'delayed',
                       'at_risk': 'at risk'}),
}

problems = []


def bad(msg):
    problems.append(msg)
    print(msg)


def norm(s):
    return re.sub(r'\s+', ' ', s.replace('\u00ad', '')).strip()


def date(v):
    if v is None:
        return None
    if isinstance(v, datetime.date):
        return v
    return datetime.date.fromisoformat(str(v))


def months(a, b):
    return (b.year - a.year) * 12 + (b.month - a.month)


def load(inputs):
    data = {'structure': [], 'milestones': [], 'indicators': []}
    settings = {}
    for f in sorted(glob.glob(os.path.join(inputs, '*.yaml'))):
        with open(f, encoding='utf-8') as fh:
            doc = yaml.safe_load(fh) or {}
        for k in data:
            data[k] += doc.get(k) or []
        settings.update(doc.get('settings') or {})
    extra = {}
    for f in sorted(glob.glob(os.path.join(inputs, '*.csv'))):
        with open(f, encoding='utf-8') as fh:
            rows = [r for r in fh if not r.startswith('#')]
        for r in csv.DictReader(rows):
            extra.setdefault(r['indicator'], {})[int(r['year'])] = r['value']
    return data, settings, extra


def facts(inputs):
    data, settings, extra = load(inputs)
    year = int(settings['reporting_year'])
    cutoff = date(settings.get('cutoff_date')) or datetime.date(year, 12, 31)
    aspects, points = {}, []

    def walk(a, parent):
        a = dict(a, parent=parent, id=str(a['id']))
        aspects[a['id']] = a
        if parent is None:
            points.append(a)
        for k in a.get('aspects') or []:
            walk(k, a)
    for p in data['structure']:
        walk(p, None)

    def point_of(a):
        while a['parent'] is not None:
            a = a['parent']
        return a

    ms = []
    for i, m in enumerate(data['milestones']):
        m = dict(m, index=i, aspect=aspects[str(m['aspect'])])
        m['planned'], m['forecast'] = date(m['planned']), date(m.get('forecast'))
        m['completed'] = date(m.get('completed'))
        m['due'] = m['completed'] or m['forecast'] or m['planned']
        openm = m['status'] not in ('done', 'cancelled')
        m['overdue'] = openm and m['due'] < cutoff
        m['late'] = months(m['planned'], m['due']) if m['due'] > m['planned'] else 0
        if m['overdue']:
            m['late'] = max(m['late'], months(m['due'], cutoff))
        m['risk'] = m['status'] in ('delayed', 'at_risk') or m['overdue']
        m['result'] = m['status'] == 'done' and m['completed'].year == year
        ms.append(m)

    # Indicators, after "Indicators" in docs/facts.md.
    on = off = reached = 0
    for ind in data['indicators']:
        b, t = ind['baseline'], ind['target']
        yb, vb = int(b['year']), Fraction(str(b['value']))
        yt, vt = int(t['year']), Fraction(str(t['value']))
        vals = {int(k): Fraction(str(v)) for k, v in (ind.get('values') or {}).items()}
        vals.update({k: Fraction(v) for k, v in extra.get(ind['id'], {}).items()})
        vals.setdefault(yb, vb)
        years = [y for y in vals if yb <= y <= year]
        if not years:
            continue
        yl = max(years)
        latest = vals[yl]
        sign = -1 if ind.get('direction') == 'lower' else 1
        path = vt if yl >= yt else vb + (vt - vb) * (yl - yb) / (yt - yb)
        if sign * (latest - path) >= 0:
            on += 1
        else:
            off += 1
        if sign * (latest - vt) >= 0:
            reached += 1

    count = {s: sum(m['status'] == s for m in ms) for s in
             ('done', 'delayed', 'at_risk', 'in_progress', 'planned', 'cancelled')}

    def state(p):
        mine = [m for m in ms if point_of(m['aspect']) is p]
        live = [m for m in mine if m['status'] != 'cancelled']
        if any(m['status'] == 'at_risk' for m in mine):
            return 'at_risk'
        if any(m['risk'] for m in mine):
            return 'delayed'
        if live and all(m['status'] == 'done' for m in live):
            return 'done'
        if any(m['status'] in ('in_progress', 'done') for m in mine):
            return 'in_progress'
        return 'planned'

    # Results: marked first, then one per resolution point before a
    # second from any, the latest completion first, input order last.
    results, taken = [], []
    pool = [m for m in ms if m['result']]
    while pool and len(results) < 3:
        best = min(pool, key=lambda m: (not m.get('highlight', False),
                                        point_of(m['aspect'])['id'] in taken,
                                        -m['completed'].toordinal(), m['index']))
        results.append(best)
        taken.append(point_of(best['aspect'])['id'])
        pool.remove(best)
    klass = {'at_risk': 0, 'delayed': 1}
    risks = sorted((m for m in ms if m['risk']),
                   key=lambda m: (not m.get('highlight', False),
                                  klass.get(m['status'], 2), -m['late'],
                                  m['due'], m['index']))[:3]
    return dict(total=len(ms), count=count, inds=len(data['indicators']),
                on=on, off=off, reached=reached,
                points=[(p, state(p)) for p in points],
                results=results, risks=risks, point_of=point_of)


def heading_of(f, m, lang):
    """The heading a milestone's link must lead to."""
    a = m['aspect']
    if a['parent'] is None:
        return norm('%s %s: %s' % (WORDS[lang]['point'], a['id'],
                                   a.get('short_title') or a['title']))
    return norm('%s %s' % (a['id'], a.get('short_title') or a['title']))


def expected_links(f, lang):
    """(link text, heading) for every link of the page."""
    w = WORDS[lang]
    out = []
    for p, _ in f['points']:
        t = norm('%s %s: %s' % (w['point'], p['id'],
                                p.get('short_title') or p['title']))
        out.append((t, t))
    for m in f['results'] + f['risks']:
        out.append((norm(m['title']), heading_of(f, m, lang)))
    return out


def check_text(text, f, lang, where):
    w = WORDS[lang]
    t = norm(text)
    want = [
        '%d %s' % (f['total'], w['ms'][f['total'] != 1]),
        '%d %s' % (f['inds'], w['ind'][f['inds'] != 1]),
        '%d %s' % (f['count']['done'], w['done']),
        '%d %s' % (f['count']['delayed'], w['delayed']),
        '%d %s' % (f['count']['at_risk'], w['at_risk']),
        '%d %s' % (f['on'], w['on']),
        '%d %s' % (f['off'], w['off']),
        '%d %s' % (f['reached'], w['reached'] or
                   ('target reached' if f['reached'] == 1 else 'targets reached')),
    ]
    for s in want:
        if not re.search(r'(?<![\d.,])' + re.escape(s) + r'\b', t):
            bad('%s: no "%s"' % (where, s))
    for p, st in f['points']:
        pat = (re.escape('%s %s:' % (w['point'], p['id'])) + r'[^:]*: \S+ ' +
               re.escape(w['status'][st]))
        if not re.search(pat, t):
            bad('%s: resolution point %s is not shown as "%s"' % (where, p['id'], w['status'][st]))
    pos = 0
    for what, lst in (('result', f['results']), ('risk', f['risks'])):
        for k, m in enumerate(lst):
            i = t.find(norm(m['title']), pos)
            if i < 0:
                bad('%s: %s %d "%s" missing or out of order' % (where, what, k + 1, m['title']))
            else:
                pos = i


def crop(pdf, page, x, y, w, h):
    r = subprocess.run(['pdftotext', '-q', '-enc', 'UTF-8', '-f', str(page), '-l', str(page),
                        '-x', str(int(x)), '-y', str(int(y)), '-W', str(int(w) + 1),
                        '-H', str(int(h) + 1), pdf, '-'], capture_output=True, text=True)
    return norm(r.stdout).strip(' :,.;')


def check_pdf(path, f, lang, last):
    w = WORDS[lang]
    page2 = subprocess.run(['pdftotext', '-q', '-enc', 'UTF-8', '-f', '2', '-l', str(last),
                            path, '-'], capture_output=True, text=True).stdout
    # The running header and footer between two pages.
    page2 = re.sub(r'\n[^\n]*\d+ (von|of) \d+\s*\f[^\n]*\n', '\n', page2)
    page1 = subprocess.run(['pdftotext', '-q', '-enc', 'UTF-8', '-f', '1', '-l', '1', path, '-'],
                           capture_output=True, text=True).stdout
    if w['title'] in page1 or not re.search(r'^\s*' + re.escape(w['title']) + r'\s*$', page2, re.M):
        bad('%s: page 2 is not the page at a glance' % path)
    check_text(page2, f, lang, '%s pages 2-%d' % (path, last))
    want = expected_links(f, lang)
    pdf = pikepdf.open(path)
    pages = list(pdf.pages)
    index = {p.objgen: i for i, p in enumerate(pages)}
    seen = set()
    for pno in range(2, last + 1):
        check_links(path, pages, index, pno, want, seen)
    for lt, _ in want:
        if lt not in seen:
            bad('%s: no working link for "%s"' % (path, lt))


def check_links(path, pages, index, pno, want, seen):
    page = pages[pno - 1]
    ph = float(page.MediaBox[3])
    prev = None
    for a in page.get('/Annots') or []:
        if a.get('/Subtype') != '/Link':
            continue
        if '/StructParent' not in a:
            bad('%s: a link on page %d is not in the structure tree' % (path, pno))
        dest = a.get('/Dest')
        if dest is None and '/A' in a and a.A.get('/S') == '/GoTo':
            dest = a.A.D
        r = [float(v) for v in a.Rect]
        # Inside the rectangle, so that no neighbour's glyph counts.
        text = crop(path, pno, r[0] + 1, ph - r[3], r[2] - r[0] - 2, r[3] - r[1])
        if dest is None:
            bad('%s: the link "%s" on page 2 leads nowhere inside the report' % (path, text))
            continue
        tp = index.get(dest[0].objgen)
        top = float(dest[2])
        # The rest of a word hyphenated at the line's end: its glyphs
        # carry an empty ActualText (the word is whole before it), and
        # it leads where the link's first line leads.
        if not text and prev == (tp, top):
            continue
        prev = (tp, top)
        th = float(pages[tp].MediaBox[3])
        head = crop(path, tp + 1, 0, th - top, 600, 60)
        # The annotation may hold only a line of a wrapped link text.
        cands = [(lt, h) for lt, h in want if text and text in lt]
        if not cands:
            bad('%s: page 2 links "%s", which is no expected link' % (path, text))
            continue
        if not any(h in head for _, h in cands):
            bad('%s: "%s" leads to page %d, "%s", not to "%s"'
                % (path, text, tp + 1, head[:80], cands[0][1]))
        seen.update(lt for lt, h in cands if h in head)


def html_unescape(s):
    import html as h
    return h.unescape(s)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.stack, self.links = {}, [], []
        self.in_main = self.first_in_main = None
        self.cur_h = None
        self.cur_a = None
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == 'main':
            self.in_main = True
        elif (self.in_main and self.first_in_main is None and
              (tag, a.get('class')) != ('div', 'lead')):
            # html.c wraps what precedes the TOC in main (div.lead)
            self.first_in_main = (tag, a.get('class'))
        if tag in ('h1', 'h2', 'h3', 'h4', 'h5', 'h6') and 'id' in a:
            self.cur_h = [a['id'], '']
        if tag == 'a' and 'href' in a and self.in_main and self.first_in_main == ('div', 'summary'):
            self.cur_a = [a['href'], '']
        if tag == 'div':
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in ('h1', 'h2', 'h3', 'h4', 'h5', 'h6') and self.cur_h:
            self.ids[self.cur_h[0]] = norm(self.cur_h[1])
            self.cur_h = None
        if tag == 'a' and self.cur_a:
            if self.depth > 0 and not self.done_glance():
                self.links.append((self.cur_a[0], norm(self.cur_a[1])))
            self.cur_a = None
        if tag == 'div':
            self.depth -= 1
            if self.depth == 0 and self.in_main and self.links:
                self.closed = True

    def done_glance(self):
        return getattr(self, 'closed', False)

    def handle_data(self, d):
        if self.cur_h:
            self.cur_h[1] += d
        if self.cur_a:
            self.cur_a[1] += d


def check_html(path, f, lang):
    with open(path, encoding='utf-8') as fh:
        src = fh.read()
    p = Page()
    p.feed(src)
    if p.first_in_main != ('div', 'summary'):
        bad('%s: the main content does not open with the page at a glance' % path)
    start = src.find('<div class="summary">')
    depth, end = 0, start
    for t in re.finditer(r'<(/?)div\b', src[start:] if start >= 0 else ''):
        depth += -1 if t.group(1) else 1
        if depth == 0:
            end = start + t.start()
            break
    # The block opens the page at every width: no table of contents
    # (or anything else but the banner) before it.
    nav = src.find('<nav')
    if 0 <= nav < start:
        bad('%s: the table of contents comes before the page at a glance' % path)
    block = re.sub(r'<[^>]+>', '', src[start:end]) if start >= 0 else ''
    check_text(html_unescape(block), f, lang, path)
    want = dict(expected_links(f, lang))
    got = set()
    for href, text in p.links:
        if not href.startswith('#') or href[1:] not in p.ids:
            bad('%s: the link "%s" points to %s, which is no heading' % (path, text, href))
            continue
        if text not in want:
            bad('%s: unexpected link "%s"' % (path, text))
            continue
        if want[text] not in p.ids[href[1:]]:
            bad('%s: "%s" leads to "%s", not to "%s"' % (path, text, p.ids[href[1:]], want[text]))
        got.add(text)
    for t in want:
        if t not in got:
            bad('%s: no link for "%s"' % (path, t))


def main():
    if len(sys.argv) not in (5, 6) or sys.argv[1] not in WORDS:
        print(__doc__)
        sys.exit(2)
    lang, inputs, pdf, page = sys.argv[1:5]
    last = int(sys.argv[5]) if len(sys.argv) == 6 else 2
    f = facts(inputs)
    if len(f['results']) < 3 or len(f['risks']) < 3:
        bad('the inputs give fewer than three results or risks: the check would be weak')
    check_pdf(pdf, f, lang, last)
    check_html(page, f, lang)
    sys.exit(1 if problems else 0)


if __name__ == '__main__':
    main()
