#!/bin/sh
# run.sh BIN - the benchmark behind `make bench`; writes docs/benchmarks.md.
#
# For each size (bench/gen.py: S, M, L, XL) it builds the report several
# times and takes medians of wall time, CPU time and peak memory
# (bench/measure.py), and notes pages and bytes of both outputs.  In the
# same run, headless Chromium prints the project's own HTML of size M to
# PDF, the usual way to get a PDF from a report, for comparison.
# Every size's outputs then go through the project's own checks
# (issue 9 asks that they still pass): the PDF through tests/pdfcheck.py
# and qpdf, the HTML through the Nu Html Checker (up to L) and axe-core
# with the keyboard and reflow checks in Chromium (S and M; a browser
# takes minutes on the larger pages).  BENCH_CHECKS=0 skips them.
# BENCH_SIZES="S M" limits the sizes (for a quick look).
# XL is built once more with its whole layout kept (row XL-whole), as
# before the PDF's pages were released once drawn, for the memory that
# saves; its PDF must be the same bytes.
#
# The floor (bench/floor.c, FLOOR): for each size, the page content
# streams of the built PDF (bench/pages.py) deflated as the PDF's pages
# are, the same number of bytes as all output files written, one data
# sync and one folder sync.  It is timed in alternation with the build
# (measure.py --pair), and the report gives the build's wall and CPU
# time as a multiple of the floor's, the median over the pairs.
set -eu
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
FLOOR=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$ROOT/bench/work
PY=/usr/bin/python3
SIZES=${BENCH_SIZES:-S M L XL}
export SOURCE_DATE_EPOCH=1798761600 LC_ALL=C.UTF-8
rm -rf "$W"
mkdir -p "$W"
results=$W/results.txt
checks=$W/checks.txt
: >"$results"
: >"$checks"
VNU=$ROOT/tests/node_modules/vnu-jar/build/dist/vnu.jar

# check_outputs SIZE PDF HTML: appends "SIZE what pass|FAIL" lines.
check_outputs() {
	[ "${BENCH_CHECKS:-1}" = 0 ] && return 0
	echo "bench: checking the outputs of $1" >&2
	if $PY "$ROOT/tests/pdfcheck.py" "$2" >"$W/check-$1-pdf.log" 2>&1 &&
	    qpdf --check "$2" >>"$W/check-$1-pdf.log" 2>&1; then
		echo "$1 pdf pass" >>"$checks"
	else
		echo "$1 pdf FAIL" >>"$checks"
	fi
	case $1 in XL) return 0 ;; esac
	if java -jar "$VNU" --errors-only "$3" >"$W/check-$1-vnu.log" 2>&1; then
		echo "$1 vnu pass" >>"$checks"
	else
		echo "$1 vnu FAIL" >>"$checks"
	fi
	case $1 in L) return 0 ;; esac
	if node "$ROOT/tests/browser/check-page.mjs" "$3" "$W/shots" \
	    "bench-$1" >"$W/check-$1-browser.log" 2>&1; then
		echo "$1 browser pass" >>"$checks"
	else
		echo "$1 browser FAIL" >>"$checks"
	fi
}

runs_for() {
	case $1 in S|M) echo 7 ;; L) echo 5 ;; *) echo 3 ;; esac
}

for size in $SIZES; do
	echo "bench: $size" >&2
	$PY "$ROOT/bench/gen.py" "$size" 42 "$W/in-$size"
	out=$W/out-$size
	# One warm-up build that also proves the inputs valid.
	"$BIN" build --quiet --inputs "$W/in-$size" --output "$out" \
	    --db "$W/h-$size.sqlite" --templates "$ROOT/report-templates"
	pdf=$(ls "$out"/*.pdf)
	html=$(ls "$out"/*.html)
	$PY "$ROOT/bench/pages.py" "$pdf" "$W/pages-$size.bin"
	bytes=$(find "$out" -maxdepth 1 -type f ! -name '.*' -printf '%s\n' |
	    awk '{ s += $1 } END { print s }')
	mkdir -p "$W/floor-$size"
	m=$($PY "$ROOT/bench/measure.py" --single --pair "$(runs_for "$size")" -- \
	    "$BIN" build --quiet --inputs "$W/in-$size" --output "$out" \
	    --db "$W/h-$size.sqlite" --templates "$ROOT/report-templates" -- \
	    "$FLOOR" "$W/pages-$size.bin" "$W/floor-$size" "$bytes")
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
	echo "$size $m $pages $(stat -c %s "$pdf") $(stat -c %s "$html")" >>"$results"
	echo "bench: $size: $($PY -c 'import json, sys; m = json.loads(sys.argv[1]); print("%.3f s, floor %.3f s: %.1f times the floor" % (m["wall"], m["floor"]["wall"], m["ratio_wall"]))' "$m")" >&2
done

# XL once more with its whole layout kept, as every size was before
# pages were released once drawn (pdf_layout.c): what releasing saves.
if echo " $SIZES " | grep -q " XL "; then
	echo "bench: XL with the layout kept whole" >&2
	m=$($PY "$ROOT/bench/measure.py" --single 1 -- env \
	    PROGRESS_REPORT_TEST_LAYOUT_KEEP=18446744073709551615 \
	    "$BIN" build --quiet --inputs "$W/in-XL" --output "$W/out-XL-whole" \
	    --db "$W/h-XL-whole.sqlite" --templates "$ROOT/report-templates")
	pdf=$(ls "$W"/out-XL-whole/*.pdf)
	html=$(ls "$W"/out-XL-whole/*.html)
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
	echo "XL-whole $m $pages $(stat -c %s "$pdf") $(stat -c %s "$html")" >>"$results"
	cmp -s "$pdf" "$(ls "$W"/out-XL/*.pdf)" &&
	    echo "XL-whole same pass" >>"$checks" ||
	    echo "XL-whole same FAIL" >>"$checks"
	rm -rf "$W/out-XL-whole"
fi

chromium_line=""
if echo " $SIZES " | grep -q " M " && command -v chromium >/dev/null; then
	echo "bench: chromium printing M" >&2
	html=$(ls "$W"/out-M/*.html)
	m=$($PY "$ROOT/bench/measure.py" 5 -- chromium --headless --no-sandbox \
	    --disable-gpu --disable-background-networking \
	    --disable-component-update --disable-sync --no-first-run \
	    --user-data-dir="$W/chromium-profile" --no-pdf-header-footer \
	    --print-to-pdf="$W/chromium-M.pdf" "file://$html")
	pages=$(pdfinfo "$W/chromium-M.pdf" | awk '/^Pages:/ {print $2}')
	chromium_line="chromium-M $m $pages $(stat -c %s "$W/chromium-M.pdf") 0"
	echo "$chromium_line" >>"$results"
fi

# The checks come after every timing, so that no browser they start is
# still winding down while something is timed.
for size in $SIZES; do
	check_outputs "$size" "$(ls "$W"/out-$size/*.pdf)" \
	    "$(ls "$W"/out-$size/*.html)"
done

$PY "$ROOT/bench/report.py" "$results" "$("$BIN" --version)" \
    "$(chromium --version 2>/dev/null || echo none)" "$checks" \
    >"$ROOT/docs/benchmarks.md"
cat "$ROOT/docs/benchmarks.md"
