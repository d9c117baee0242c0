#!/bin/sh
# The HTML report in a real browser: axe-core, the Nu Html
# Checker, the keyboard, reflow at 320 px, and nothing that runs or
# loads; see tests/browser/check-page.mjs.  Pages under test:
#   - the renderer's own sample (every node type, hostile strings),
#     written by the unit-test program;
#   - once the binary links, the real sample report in German and, when
#     its templates exist, in English.
# Screenshots go to $B/screenshots/ for a person to look at.
# Skipped under the sanitizers: these test the HTML, not the C.
set -u
. "$ROOT/tests/lib/common.sh"

if [ -n "${PR_SANITIZED:-}" ]; then
	echo "skipped under the sanitizers (they test the HTML, not the C)"
	exit 77
fi
. "$ROOT/tests/lib/browser.sh"
for tool in node java /usr/bin/chromium; do
	command -v "$tool" >/dev/null 2>&1 ||
	    { echo "$tool is missing: run make check (or sh tools/deps.sh test)"; exit 1; }
done
[ -d "$NM/playwright-core" ] && [ -d "$NM/axe-core" ] && [ -f "$VNU" ] ||
    { echo "the npm test tools are missing: run sh tools/npm.sh"; exit 1; }

shots=$B/screenshots
mkdir -p "$shots" "$B/test-html"

sample=$B/test-html/sample.html
if "$B/tests/test_html" --sample "$sample"; then
	check_page "$sample" sample
else
	fail "test_html could not write the sample page"
fi

if [ -x "$PR" ] && [ -d "$ROOT/inputs" ]; then
	for lang in de en; do
		if [ ! -f "$ROOT/report-templates/$lang/report.tmpl" ]; then
			echo "no report-templates/$lang/report.tmpl yet: $lang skipped"
			continue
		fi
		out=$T/out-$lang
		SOURCE_DATE_EPOCH=1798761600 "$PR" build --inputs "$ROOT/inputs" \
		    --templates "$ROOT/report-templates" --output "$out" \
		    --lang "$lang" --db "$T/history-$lang.sqlite" --quiet
		expect_status 0 $? "build --lang $lang"
		set -- "$out"/*.html
		if [ -f "$1" ]; then
			cp "$1" "$B/test-html/report-$lang.html"
			check_page "$1" "report-$lang"
		else
			fail "build --lang $lang wrote no HTML"
		fi
	done
else
	echo "no binary at $PR or no inputs/ yet: only the sample page tested"
fi
finish
