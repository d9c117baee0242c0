#!/bin/sh
# Both outputs say the same: every heading, paragraph, list item and
# table row of the HTML is in the PDF's text in the same order, and every
# line of the PDF (less page furniture) is in the HTML.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
export SOURCE_DATE_EPOCH=1798761600
for lang in de en; do
	"$PR" build --quiet --lang "$lang" --inputs "$ROOT/inputs" \
	    --output "$T/$lang" --db "$T/h-$lang.sqlite"
	expect_status 0 $? "build $lang"
	/usr/bin/python3 "$ROOT/tests/lib/same_content.py" \
	    "$T/$lang/progress-report-2026.html" "$T/$lang/progress-report-2026.pdf" ||
	    fail "the HTML and the PDF differ ($lang)"
done
# The comparison itself must be able to fail: drop a paragraph.
sed 's|<p>[^<]*Mei&shy;len&shy;stein[^<]*</p>||' "$T/de/progress-report-2026.html" >"$T/cut.html"
cmp -s "$T/cut.html" "$T/de/progress-report-2026.html" && fail "the mutation removed nothing"
/usr/bin/python3 "$ROOT/tests/lib/same_content.py" "$T/cut.html" \
    "$T/de/progress-report-2026.pdf" >/dev/null &&
    fail "same_content.py missed a paragraph missing from the HTML"
finish
