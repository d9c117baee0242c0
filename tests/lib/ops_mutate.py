#!/usr/bin/env python3
"""ops_mutate.py FILE KEY (--append TEXT | --set VALUE) [--nth N]

Changes the first (or N-th) one-line value of KEY in a YAML file in
place, for the operations tests: --append adds TEXT to the value (inside
its quotes), --set replaces the value with VALUE written as is (so it
can be any YAML: a quoted string, a list, a number); VALUE "@PATH"
reads the value from the file PATH (for values too long for argv).  Works on the text,
not on a parsed tree, so that the rest of the file keeps its bytes and
its line numbers.  Exits 1 if there is no such value.
"""
import re
import sys


def main():
    args = sys.argv[1:]
    if len(args) < 4 or args[2] not in ("--append", "--set"):
        sys.exit(__doc__)
    path, key, mode, text = args[:4]
    nth = int(args[5]) if len(args) >= 6 and args[4] == "--nth" else 1
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    pat = re.compile(rb"^(\s*(?:-\s+)?" + re.escape(key.encode()) +
                     rb":[ \t]+)(.*?)([ \t]*(?:#.*)?)$")
    seen = 0
    for i, line in enumerate(lines):
        m = pat.match(line)
        if not m or m.group(2) in (b"", b"|", b">", b"|-", b">-"):
            continue
        seen += 1
        if seen < nth:
            continue
        value = m.group(2)
        if text.startswith("@"):
            with open(text[1:], "rb") as vf:
                t = vf.read()
        else:
            t = text.encode("utf-8", "surrogateescape")
        if mode == "--set":
            value = t
        elif value[:1] in (b'"', b"'") and value[-1:] == value[:1]:
            value = value[:-1] + t + value[-1:]
        else:
            value = value + t
        lines[i] = m.group(1) + value + m.group(3)
        with open(path, "wb") as f:
            f.write(b"\n".join(lines))
        print("%s:%d: %s" % (path, i + 1, lines[i][:120].decode("utf-8", "replace")))
        return
    sys.exit("%s: no one-line value of %s" % (path, key))


main()
