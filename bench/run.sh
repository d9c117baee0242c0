#!/bin/sh
# run.sh BIN - the benchmark behind `make bench`; writes docs/benchmarks.md.
#
# For each size (bench/gen.py: S, M, L, XL) it builds the report several
# times and takes medians of wall time, CPU time and peak memory
# (bench/measure.py), and notes pages and bytes of both outputs.  In the
# same run, headless Chromium prints the project's own HTML of size M to
# PDF, the usual way to get a PDF from a report, for comparison.
# BENCH_SIZES="S M" limits the sizes (for a quick look).
set -eu
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=$ROOT/bench/work
PY=/usr/bin/python3
SIZES=${BENCH_SIZES:-S M L XL}
export SOURCE_DATE_EPOCH=1798761600 LC_ALL=C.UTF-8
rm -rf "$W"
mkdir -p "$W"
results=$W/results.txt
: >"$results"

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
	m=$($PY "$ROOT/bench/measure.py" "$(runs_for "$size")" -- \
	    "$BIN" build --quiet --inputs "$W/in-$size" --output "$out" \
	    --db "$W/h-$size.sqlite" --templates "$ROOT/report-templates")
	pdf=$(ls "$out"/*.pdf)
	html=$(ls "$out"/*.html)
	pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
	echo "$size $m $pages $(stat -c %s "$pdf") $(stat -c %s "$html")" >>"$results"
done

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

$PY "$ROOT/bench/report.py" "$results" "$("$BIN" --version)" \
    "$(chromium --version 2>/dev/null || echo none)" >"$ROOT/docs/benchmarks.md"
cat "$ROOT/docs/benchmarks.md"
