#!/usr/bin/python3
"""poppler_outline.py FILE - the outline of `pdfinfo -struct-text` output.

Reads what poppler's pdfinfo -struct-text printed (FILE, or - for
standard input) and prints the headings, tables and figures in the
order poppler found them, in the format of pdfcheck.py --list and
pdfjs-struct.mjs:
    H<n> heading text       (the text of the element, whitespace as is)
    Table rows=<number of TR elements>
    Figure <alt text>       (poppler does not print /Alt: left empty
                             unless the figure has quoted text)
pdfinfo prints an element as its type (plus " (block)" or
" (inline)" and ":" when attributes follow), indented two spaces per
level, its attributes one level deeper starting with "/", and its text
as quoted lines.
"""
import re
import sys

ELEM_RE = re.compile(
    r"^( *)([A-Za-z][A-Za-z0-9]*)(?: \((?:block|inline)\))?:?$")
TEXT_RE = re.compile(r'^( *)"(.*)"$')


def parse(lines):
    """Returns a list of nodes [indent, type, texts, children]."""
    root = [-1, "root", [], []]
    stack = [root]
    for line in lines:
        line = line.rstrip("\n")
        m = ELEM_RE.match(line)
        if m:
            ind = len(m.group(1))
            while stack[-1][0] >= ind:
                stack.pop()
            node = [ind, m.group(2), [], []]
            stack[-1][3].append(node)
            stack.append(node)
            continue
        m = TEXT_RE.match(line)
        if m:
            ind = len(m.group(1))
            while stack[-1][0] >= ind:
                stack.pop()
            stack[-1][3].append([ind, "#text", [m.group(2)], []])
    return root


def text(node):
    if node[1] == "#text":
        return node[2][0]
    return " ".join(t for t in (text(k).strip() for k in node[3]) if t)


def rows(node):
    return sum(1 if k[1] == "TR" else rows(k) for k in node[3]
               if k[1] in ("TR", "THead", "TBody", "TFoot"))


def outline(node, out):
    t = node[1]
    if re.match(r"^H[1-6]?$", t):
        out.append("%s %s" % (t, text(node)))
    elif t == "Table":
        out.append("Table rows=%d" % rows(node))
    elif t == "Figure":
        out.append("Figure")
    for k in node[3]:
        outline(k, out)
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    f = sys.stdin if sys.argv[1] == "-" else open(sys.argv[1],
                                                  encoding="utf-8")
    for line in outline(parse(f), []):
        print(line)


if __name__ == "__main__":
    main()
