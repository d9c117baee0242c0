#!/usr/bin/python3
"""easy_rules.py - checks a report in easy language against the rules of
docs/templates.md ("Leichte Sprache"); prints one line per finding and
exits 1 if there is any.

  easy_rules.py --lang de --inputs DIR --html FILE --pdf-text FILE
  easy_rules.py --lang de --inputs DIR --blocks FILE   (one block a line)

A block is what a reader sees as one unit: an HTML paragraph, list item,
heading or table cell.  Rules, with their limits:
  long-sentence   a sentence of more than 15 words
  long-word       a word of more than 20 letters without a Mediopunkt
  abbreviation    a term of the inputs' glossary (its expansion is used)
  passive         de: wird/wurde/wurden/werden/worden with a participle
                  (ge...t, ge...en, ...iert) later in the sentence; en: is/was/
                  are/were/been with a word ending in -ed
  number-word     a number above twelve written as a word
  two-sentences   a block, or a line of the PDF's text, holding more than
                  one sentence
Addresses (mail, web) and the running header's title are not text.
"""
import argparse
import html.parser
import re
import sys

import yaml

SENT_END = re.compile(r'(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9])')
WORD = re.compile(r"[A-Za-zÄÖÜäöüß·-]+")
ADDRESS = re.compile(r'\S+@\S+|\w+://\S+|\+?\d[\d ()/-]{6,}\d')
NUMBER_WORDS = {
    'de': r'(dreizehn|vierzehn|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|'
          r'zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|'
          r'hundert|tausend|million)',
    'en': r'(thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|'
          r'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|'
          r'thousand|million)',
}
PASSIVE = {
    'de': re.compile(r'\b(wird|wurde|wurden|werden|worden)\b.*?'
                     r'\b(ge\w{2,}(t|en)|\w+iert)\b', re.I),
    'en': re.compile(r'\b(is|was|are|were|been|be)\b\s+(\w+\s+)?\w+ed\b',
                     re.I),
}


MONTHS = ('Januar|Februar|März|April|Mai|Juni|Juli|August|September|'
          'Oktober|November|Dezember')


def sentences(text):
    """Split at . ! ? before a capital or a digit, but not after a day's
    number before its month ("31. Dezember 2026")."""
    out = []
    for part in SENT_END.split(text.strip()):
        if out and re.search(r'(?<!\d)\d{1,2}\.$', out[-1]) and \
           re.match(MONTHS, part):
            out[-1] += ' ' + part
        elif part:
            out.append(part)
    return out


def words(sentence):
    return [w for w in WORD.findall(ADDRESS.sub(' ', sentence))
            if any(c.isalpha() for c in w)]


def check_block(block, lang, glossary, where, out):
    text = ' '.join(block.split())
    if not text:
        return
    sents = sentences(text)
    if len(sents) > 1:
        out.append(f'{where}: two-sentences: "{text}"')
    for s in sents:
        ws = words(s)
        if len(ws) > 15:
            out.append(f'{where}: long-sentence ({len(ws)} words): "{s}"')
        if PASSIVE[lang].search(s):
            out.append(f'{where}: passive: "{s}"')
    for w in words(text):
        for part in w.split('-'):
            letters = [c for c in part if c.isalpha()]
            if len(letters) > 20 and '·' not in part:
                out.append(f'{where}: long-word: "{part}"')
            if re.fullmatch(NUMBER_WORDS[lang] + r'\w*', part.lower()) or \
               re.search(r'und' + NUMBER_WORDS['de'], part.lower()):
                out.append(f'{where}: number-word: "{part}"')
    for term in glossary:
        if re.search(r'(?<![\w·])' + re.escape(term) + r'(?![\w·])',
                     ADDRESS.sub(' ', text)):
            out.append(f'{where}: abbreviation: "{term}" in "{text}"')


class Blocks(html.parser.HTMLParser):
    """The text of every p, li, h1-h6, th, td, caption and figcaption
    (innermost), and of the title."""
    TAGS = {'p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th', 'td',
            'caption', 'figcaption', 'title', 'dt', 'dd'}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.blocks, self.skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ('style', 'script'):
            self.skip += 1
        if tag in self.TAGS:
            if self.stack:
                self.blocks.append(''.join(self.stack[-1]))
                self.stack[-1] = []
            self.stack.append([])
        if tag == 'br' and self.stack:
            self.stack[-1].append('\n')

    def handle_endtag(self, tag):
        if tag in ('style', 'script'):
            self.skip -= 1
        if tag in self.TAGS and self.stack:
            self.blocks.append(''.join(self.stack.pop()))

    def handle_data(self, data):
        if self.stack and not self.skip:
            self.stack[-1].append(data)


def glossary_terms(inputs):
    import glob
    import os
    terms = []
    for f in sorted(glob.glob(os.path.join(inputs, '*.yaml'))):
        with open(f, encoding='utf-8') as fh:
            d = yaml.safe_load(fh)
        if isinstance(d, dict):
            terms += [g['term'] for g in d.get('glossary') or []]
    return terms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--lang', choices=('de', 'en'), required=True)
    ap.add_argument('--inputs', required=True)
    ap.add_argument('--html')
    ap.add_argument('--pdf-text')
    ap.add_argument('--blocks')
    ap.add_argument('--ignore-line', action='append', default=[],
                    help='a line of the PDF text that is not text '
                         '(the running header)')
    a = ap.parse_args()
    glossary = glossary_terms(a.inputs)
    out = []
    if a.html:
        p = Blocks()
        with open(a.html, encoding='utf-8') as fh:
            p.feed(fh.read())
        for i, b in enumerate(p.blocks):
            check_block(b, a.lang, glossary, f'{a.html}: block {i + 1}', out)
    if a.blocks:
        with open(a.blocks, encoding='utf-8') as fh:
            for i, line in enumerate(fh, 1):
                check_block(line, a.lang, glossary, f'{a.blocks}:{i}', out)
    if a.pdf_text:
        ignore = {' '.join(x.split()) for x in a.ignore_line}
        with open(a.pdf_text, encoding='utf-8') as fh:
            for i, line in enumerate(fh, 1):
                line = ' '.join(line.split())
                if not line or line in ignore or \
                   re.fullmatch(r'(Seite|Page) \d+ (von|of) \d+', line):
                    continue
                # Lines are parts of blocks: only what a line can show.
                if len(sentences(line)) > 1:
                    out.append(f'{a.pdf_text}:{i}: two-sentences: "{line}"')
                for w in words(line):
                    for part in w.split('-'):
                        if sum(c.isalpha() for c in part) > 20 and \
                           '·' not in part:
                            out.append(f'{a.pdf_text}:{i}: long-word: '
                                       f'"{part}"')
    for line in out:
        print(line)
    return 1 if out else 0


if __name__ == '__main__':
    sys.exit(main())
