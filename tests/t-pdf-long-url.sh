#!/bin/sh
# A long URL: the link breaks over many lines,
# each an annotation; they share one URI action and one /Contents, so
# the PDF grows with the URL's length, not with its square (a
# 60,000-character URL made 752 MB; 2,000 characters, the documented
# maximum, added 260 KB before and add a few KB now).  Every URL, long
# or short, is written once however often it is linked.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary

build() { # build INPUTS OUT
	timeout 300 "$PR" build --quiet --inputs "$1" --output "$2" \
	    --db "$2.db" --templates "$ROOT/report-templates" 2>"$T/err"
	expect_status 0 $? "build $1"
	cat "$T/err"
}
cp -R "$ROOT/inputs" "$T/in"
python3 - "$T/in/00-einstellungen.yaml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
u = "https://www.example.org/" + "a" * 1976
s, n = re.subn(r"(\n    url: ).*", lambda m: m.group(1) + u, s, count=1)
assert n == 1
open(p, "w", encoding="utf-8").write(s)
PY
build "$ROOT/inputs" "$T/short"
build "$T/in" "$T/long"
short=$(cat "$T"/short/*.pdf | wc -c)
long=$(cat "$T"/long/*.pdf | wc -c)
echo "sample $short bytes, with a 2,000-character URL $long bytes"
[ $((long - short)) -lt 40000 ] ||
	fail "the 2,000-character URL adds $((long - short)) bytes to the PDF"
if command -v qpdf >/dev/null; then
	qpdf --check "$T"/long/*.pdf >"$T/qpdf" 2>&1 ||
		fail "qpdf --check: $(tail -5 "$T/qpdf")"
	# every link annotation to it refers to the one action
	n=$(qpdf --qdf --object-streams=disable "$T"/long/*.pdf - |
	    LC_ALL=C grep -c "aaaaaaaaaaaaaaaaaaaa")
	[ "$n" -le 2 ] || fail "the URL is written $n times"
fi
# A short URL linked twice (the contact's address is made a source's
# too) and the long one: one action object per URL.  Links carry a name
# as their text, not the address, so the long URL is one annotation;
# only the file with a URL linked twice must have more links than URLs.
cp -R "$ROOT/inputs" "$T/twice"
sed 's|url: https://www.bitvtest.de/|url: https://www.example.org/barrierefreiheit|' \
    "$ROOT/inputs/00-einstellungen.yaml" >"$T/twice/00-einstellungen.yaml"
build "$T/twice" "$T/twice-out"
for f in "$T"/twice-out/*.pdf "$T"/long/*.pdf; do
case $f in */twice-out/*) twice=1 ;; *) twice=0 ;; esac
/usr/bin/python3 - "$f" "$twice" <<'PY' || fail "$f: a URL is written more than once"
import sys, collections, pikepdf
pdf = pikepdf.open(sys.argv[1])
actions = collections.defaultdict(set)
links = 0
for page in pdf.pages:
    for a in page.obj.get("/Annots", []):
        if a.get("/Subtype") != "/Link" or "/A" not in a:
            continue
        act = a.get("/A")
        links += 1
        if not act.is_indirect:
            sys.exit("an inline action for %s" % act.get("/URI"))
        actions[str(act.get("/URI"))].add(act.objgen)
dup = {u: len(o) for u, o in actions.items() if len(o) > 1}
if dup or links < len(actions) or (sys.argv[2] == "1" and links <= len(actions)):
    sys.exit("links %d, URLs %d, written more than once: %s" % (links, len(actions), dup))
print("ok: %d links to %d URLs, one action each" % (links, len(actions)))
PY
done
finish
