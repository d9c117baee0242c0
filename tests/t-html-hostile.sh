#!/bin/sh
# Hostile inputs end to end: a milestone title holding
# <script>, a quote that would end an attribute and an event handler
# shows as text in the HTML report and runs nothing (checked in
# Chromium by tests/browser/inert.mjs); a javascript: address in the
# inputs stops the build with exit status 1, a message naming it, and
# no report written.
# Skipped under the sanitizers for the browser part (the build itself
# still runs there) and until the binary and the sample inputs exist.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
[ -d "$ROOT/inputs" ] || { echo "no inputs/ yet"; exit 77; }
[ -f "$ROOT/report-templates/de/report.tmpl" ] ||
    { echo "no report-templates/de/report.tmpl yet"; exit 77; }

evil='<script>alert(1)</script> " onmouseover="alert(2)'
build() { # build INPUTS OUTPUT
	SOURCE_DATE_EPOCH=1798761600 "$PR" build --inputs "$1" \
	    --templates "$ROOT/report-templates" --output "$2" \
	    --db "$T/history.sqlite" --quiet
}

# 1. The first milestone's title becomes hostile (as a YAML
#    single-quoted scalar, so that the YAML stays valid).
cp -R "$ROOT/inputs" "$T/in"
f=$(grep -l '^milestones:' "$T/in"/*.yaml | head -n 1)
[ -n "$f" ] || { echo "no milestones file in inputs/"; exit 1; }
awk -v t="$evil" '
	/^milestones:/ { inms = 1 }
	inms && !done && /^    title: / { print "    title: '\''" t "'\''"; done = 1; next }
	{ print }' "$f" >"$T/f" && mv "$T/f" "$f"
grep -q "onmouseover" "$f" || fail "could not plant the hostile title in $f"
build "$T/in" "$T/out" 2>"$T/err"
expect_status 0 $? "build with a hostile milestone title"
cat "$T/err"
set -- "$T/out"/*.html
html=$1
if [ -f "$html" ]; then
	checks=$((checks + 1))
	# One script at most: html.c's own, checked in the browser below.
	[ "$(grep -o '<script' "$html" | wc -l)" -le 1 ] ||
	    fail "the HTML holds more than one <script tag"
	grep -q '<script>alert' "$html" && fail "the hostile script is live in the HTML"
	grep -q '" onmouseover' "$html" && fail "the HTML holds a raw event handler"
	# Long words carry soft hyphens (&shy;), which no reader sees.
	sed 's/&shy;//g' "$html" |
	    grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &quot; onmouseover=&quot;alert(2)' ||
	    fail "the hostile title is not in the HTML, escaped"
	if [ -n "${PR_SANITIZED:-}" ]; then
		echo "browser part skipped under the sanitizers"
	else
		node "$ROOT/tests/browser/inert.mjs" "$html" "$evil" ||
		    fail "the page with the hostile title is not inert (above)"
	fi
else
	fail "no HTML written for the hostile title"
fi

# 2. A javascript: address where the inputs take a URL.
rm -rf "$T/in" "$T/out"
cp -R "$ROOT/inputs" "$T/in"
f=$(grep -l '^ *url: https\?:' "$T/in"/*.yaml | head -n 1)
if [ -z "$f" ]; then
	echo "no url: field in inputs/; part 2 skipped"
else
	sed '0,/^\( *\)url: https\?:.*/s//\1url: "javascript:alert(1)"/' "$f" >"$T/f" &&
	    mv "$T/f" "$f"
	grep -q 'javascript:alert(1)' "$f" || fail "could not plant the javascript: address"
	line=$(grep -n 'javascript:alert(1)' "$f" | cut -d: -f1)
	build "$T/in" "$T/out" 2>"$T/err"
	expect_status 1 $? "build with a javascript: address"
	cat "$T/err"
	grep -q "javascript:alert(1)" "$T/err" ||
	    fail "the message does not name the javascript: address"
	grep -q "$(basename "$f"):$line:" "$T/err" ||
	    fail "the message does not name $(basename "$f"):$line"
	ls "$T/out"/*.html >/dev/null 2>&1 &&
	    fail "an HTML report was written although the build failed"
fi
finish
