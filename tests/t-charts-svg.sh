#!/bin/sh
# t-charts-svg.sh - the chart drawings, dumped as SVG by test_chart, are
# well-formed and non-trivial, and (outside the sanitizer run, where a
# browser is around) render to PNG in Chromium.  The PNGs are kept in
# $B/charts/ for a person to look at.
set -eu
test -x "$B/tests/test_chart" || { echo "no $B/tests/test_chart"; exit 1; }
out=$B/charts
rm -rf "$out"
mkdir -p "$out"
CHART_SVG_DIR=$out "$B/tests/test_chart" >"$T/log" 2>&1 || {
	cat "$T/log"
	exit 1
}
n=0
for f in "$out"/*.svg; do
	python3 - "$f" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
items = [e for e in root.iter() if e.tag.split('}')[1] in
         ('polyline', 'polygon', 'rect', 'circle', 'text')]
texts = [e for e in root.iter() if e.tag.endswith('text')]
assert len(items) > 20, (sys.argv[1], 'too few items', len(items))
assert len(texts) > 5, (sys.argv[1], 'too few texts', len(texts))
PY
	n=$((n + 1))
done
[ "$n" -ge 10 ] || { echo "only $n drawings dumped"; exit 1; }
if [ -n "${PR_SANITIZED:-}" ] || [ ! -x /usr/bin/chromium ]; then
	echo "SVGs fine; not rendered (no browser in this run)"
	exit 0
fi
for f in "$out"/*.svg; do
	w=$(sed -n "s/.*width='\([0-9]*\)' height='\([0-9]*\)'.*/\1/p" "$f" | head -n 1)
	h=$(sed -n "s/.*width='\([0-9]*\)' height='\([0-9]*\)'.*/\2/p" "$f" | head -n 1)
	timeout 60 /usr/bin/chromium --headless --no-sandbox --disable-gpu \
	    --hide-scrollbars --user-data-dir="$T/chromium" \
	    --window-size="$w,$h" --screenshot="${f%.svg}.png" \
	    "file://$f" >/dev/null 2>&1 || true
	[ -s "${f%.svg}.png" ] || { echo "no PNG for $f"; exit 1; }
done
echo "$n charts in $out"
