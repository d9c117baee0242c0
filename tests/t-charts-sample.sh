#!/bin/sh
# t-charts-sample.sh - the sample report's charts, read back from the
# outputs in German and English (tests/charts_check.py): chart text at
# least 9 pt in the PDF; in the HTML never below 75 % of the body text
# at any zoom (a min-width in em, in a focusable scroll region); alt
# texts short and naming the direction, the PDF's each starting with
# what its chart is about, then the HTML's summary, no two alike; in
# the English report, the German input text of every chart's caption,
# table and drawing marked German in both outputs.  Collisions and cut
# labels are checked on the drawings themselves by test_chart.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
export SOURCE_DATE_EPOCH=1798761600
for lang in de en; do
	out=$T/out-$lang
	"$PR" build --quiet --lang "$lang" --inputs "$ROOT/inputs" \
	    --templates "$ROOT/report-templates" \
	    --output "$out" --db "$T/h-$lang.sqlite" >"$T/log" 2>&1
	expect_status 0 $? "build --lang $lang ($(tail -3 "$T/log"))"
	checks=$((checks + 1))
	/usr/bin/python3 "$ROOT/tests/charts_check.py" "$ROOT/inputs" \
	    "$ROOT/report-templates/$lang/locale.yaml" \
	    "$out/progress-report-2026.pdf" \
	    "$out/progress-report-2026.html" >"$T/check" 2>&1 ||
	    fail "charts ($lang): $(head -20 "$T/check")"
done
finish
