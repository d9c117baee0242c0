#!/bin/sh
# PDF/UA rules on a larger report than the sample: 200 milestones and
# 100 indicators from bench/gen.py (seed 1), so that tables run over
# several pages.  A table over three pages is one Table element
# whose column headers are repeated as an artifact on each continuation
# page; the whole file passes tests/pdfcheck.py; pikepdf and pdf.js list
# the same headings, tables and figures.  Poppler is left out: on this
# many pages it costs minutes of CPU; t-pdf-sample.sh compares it on the
# sample report.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
. "$ROOT/tests/pdfcheck/lib.sh"
need_readers
[ -f "$ROOT/bench/gen.py" ] || { echo "no bench/gen.py"; exit 77; }
SOURCE_DATE_EPOCH=1798761600
export SOURCE_DATE_EPOCH

$PY "$ROOT/bench/gen.py" M 1 "$T/in" >"$T/gen.log" 2>&1 ||
	{ fail "bench/gen.py M 1: $(tail -3 "$T/gen.log")"; finish; }
"$PR" build --quiet --inputs "$T/in" --output "$T/out" --db "$T/h.sqlite" \
    --templates "$ROOT/report-templates" >"$T/build.log" 2>&1
expect_status 0 $? "build of the generated report ($(tail -3 "$T/build.log"))"
set -- "$T"/out/*.pdf
[ $# -eq 1 ] && [ -f "$1" ] || { fail "the build wrote $# PDFs: $*"; finish; }
PDF=$1

check_pdf "$PDF" "the generated report"
longest_table "the generated report" 3
outlines_agree "the generated report" -
finish
