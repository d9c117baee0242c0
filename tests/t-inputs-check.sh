#!/bin/sh
# t-inputs-check.sh - `progress-report check` on the inputs:
#  - the other town: no output at all, exit 0; the sample inputs: exit
#    0 and exactly the warnings of tests/inputs/check-2026.txt (an
#    indicator without a value for 2026);
#  - every broken-input case in tests/inputs/<case>/: exactly the
#    messages of its expected.txt (the lines about the case's files),
#    and exit 1 when an error is expected;
#  - `check --missing` on the sample prints tests/inputs/missing-2026.txt
#    (by unit id, with each unit's name and contact); inputs without a
#    units list are grouped by the text of responsible, as before;
#  - the sample's report has the topics chapter, cause and countermeasure
#    apart, the involved units and the council papers (title page, PDF
#    Info and XMP, HTML meta).
# The two big cases (huge-string, too-big-file) are made here in $T.
[ -x "${PR:-}" ] || exit 77
set -u
fail=0
cd "$ROOT" || exit 1
# --db names a file that does not exist: check reads a history when
# there is one, and a history left in the source tree (make report's)
# would add its own messages.

"$PR" check --quiet --db "$T/no-history.sqlite" --inputs inputs >"$T/check" 2>&1
rc=$?
if [ $rc -ne 0 ] || ! diff -u tests/inputs/check-2026.txt "$T/check"; then
	echo "FAIL: check --inputs inputs: exit $rc, expected 0 and the" \
	    "warnings of tests/inputs/check-2026.txt"
	fail=1
fi
# Without the accessibility statement's facts, check says what is
# missing, at the settings file; the sample's statement shows them.
cp -r inputs "$T/nostmt"
sed -i '/^  accessibility_statement:/,/^    enforcement_url:/d' "$T/nostmt/00-einstellungen.yaml"
"$PR" check --quiet --db "$T/no-history.sqlite" --inputs "$T/nostmt" >"$T/nostmt.out" 2>&1
if [ $? -ne 0 ] || ! grep -q "^$T/nostmt/00-einstellungen.yaml:[0-9]*:[0-9]*: warning: the settings have no accessibility_statement block" "$T/nostmt.out"; then
	echo "FAIL: check without accessibility_statement: no warning at the settings file"
	cat "$T/nostmt.out"
	fail=1
fi
"$PR" build --quiet --db "$T/stmt.sqlite" --inputs inputs --output "$T/stmt" >"$T/stmt.out" 2>&1
# Long words carry soft hyphens (&shy;), which no reader sees.
sed 's/\xc2\xad//g; s/&shy;//g' "$T/stmt/progress-report-2026.html" >"$T/stmt.html"
for want in 'Stand der Vereinbarkeit mit den Anforderungen' 'teilweise mit den Anforderungen' \
    'Diese Erklärung wurde am 20. Januar 2027 erstellt' 'href="https://www.schlichtungsstelle-bgg.de/"'; do
	if ! grep -q "$want" "$T/stmt.html"; then
		echo "FAIL: the sample's accessibility statement lacks: $want"
		fail=1
	fi
done
pdftotext "$T/stmt/progress-report-2026.pdf" "$T/stmt.txt"
for want in 'Querschnittsthemen' 'Interkommunale Synergien' 'M-03-3 Kooperationsvereinbarung' \
    'Drucksache 0158/27' 'Umsetzungsstrategie beschlossen am 19. März 2026 (Drucksache 0312/26)' \
    'Ursache: Die um sieben Wochen' 'Gegenmaßnahme: Die Inhalte werden' 'Beteiligt: Bürgeramt'; do
	grep -q -F "$want" "$T/stmt.txt" || {
		echo "FAIL: the sample's PDF text lacks: $want"
		fail=1
	}
done
for want in '<h2 id="querschnittsthemen">Querschnittsthemen</h2>' '>Green IT</h3>' \
    'Ursache:</strong> Die um sieben Wochen' 'Gegenmaßnahme:</strong> Die Inhalte' \
    '<meta name="description" content="[^"]*Drucksache 0158/27 (Strategie beschlossen am 19. März 2026, Drucksache 0312/26)'; do
	grep -q "$want" "$T/stmt.html" || {
		echo "FAIL: the sample's HTML lacks: $want"
		fail=1
	}
done
pdfinfo "$T/stmt/progress-report-2026.pdf" | grep -q '^Subject: .*Drucksache 0158/27' || {
	echo "FAIL: the PDF's subject does not name the council paper"
	fail=1
}
/usr/bin/python3 - "$T/stmt/progress-report-2026.pdf" <<'PY' || fail=1
import sys, pikepdf
with pikepdf.open(sys.argv[1]) as pdf:
    xmp = bytes(pdf.Root.Metadata.read_bytes()).decode()
if "Drucksache 0158/27" not in xmp:
    print("FAIL: the XMP dc:description does not name the council paper")
    sys.exit(1)
PY
# Inputs from before units: the list goes by the text of responsible.
cp -r inputs "$T/freetext"
python3 - "$T/freetext" <<'PY'
import re, sys, glob
for f in glob.glob(sys.argv[1] + "/*.yaml"):
    s = open(f).read()
    s = re.sub(r"\nunits:\n(  .*\n|\s*\n)*", "\n", s)
    s = re.sub(r"^ *involved: .*\n", "", s, flags=re.M)
    s = re.sub(r"responsible: personal$", "responsible: Personal- und Organisationsamt", s, flags=re.M)
    s = re.sub(r"responsible: presse$", "responsible: Pressestelle", s, flags=re.M)
    open(f, "w").write(s)
PY
"$PR" check --quiet --db "$T/no-history.sqlite" --missing --inputs "$T/freetext" >"$T/freetext.out" 2>"$T/freetext.err"
if [ $? -ne 0 ] || ! grep -q '^Personal- und Organisationsamt$' "$T/freetext.out" ||
    ! grep -q '^Pressestelle$' "$T/freetext.out" || grep -q 'contact:' "$T/freetext.out"; then
	echo "FAIL: check --missing on inputs without units:"
	cat "$T/freetext.out" "$T/freetext.err"
	fail=1
fi
for dir in tests/other-town; do
	out=$("$PR" check --quiet --db "$T/no-history.sqlite" --inputs "$dir" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] || [ -n "$out" ]; then
		echo "FAIL: check --inputs $dir: exit $rc, expected 0 and no" \
		    "output; got:"
		echo "$out"
		fail=1
	fi
done

"$PR" check --quiet --db "$T/no-history.sqlite" --missing --inputs inputs >"$T/missing" 2>"$T/missing.err"
if ! diff -u tests/inputs/missing-2026.txt "$T/missing"; then
	echo "FAIL: check --missing differs from tests/inputs/missing-2026.txt"
	cat "$T/missing.err"
	fail=1
fi

# Each broken-input case is checked as the German messages' test
# checks it (run_case; it makes the two cases too big to commit).
. "$ROOT/tests/lib/input-cases.sh"

cd "$ROOT/tests/inputs" || exit 1
n=0
for d in */; do
	c=${d%/}
	# Only the messages about the case's own files: a case with
	# warnings only goes on to the templates, which are not tested here.
	run_case "$c" "$T" >"$T/got"
	rc=$(cat "$T/rc")
	if ! diff -u "$c/expected.txt" "$T/got"; then
		echo "FAIL: case $c: messages differ (full output above)"
		cat "$T/out"
		fail=1
	fi
	if grep -q ': error: ' "$c/expected.txt" && [ $rc -ne 1 ]; then
		echo "FAIL: case $c: exit $rc, expected 1"
		fail=1
	fi
	n=$((n + 1))
done
[ $n -ge 30 ] || {
	echo "FAIL: only $n cases found"
	fail=1
}
exit $fail
