#!/bin/sh
# run.sh [SECONDS] - builds the libFuzzer harnesses with Debian's clang
# (ASan + UBSan) and runs each for SECONDS (default 60, or
# $FUZZ_SECONDS), starting from the committed seeds and regressions.
#
#   tests/fuzz/fuzz_inputs.c    inputs_load() on the sample inputs with
#                               one file replaced
#   tests/fuzz/fuzz_sheet.c     the spreadsheet reader (sheet_read.c) on
#                               whole files and on zipped XML parts
#   tests/fuzz/fuzz_template.c  tmpl_load() (and evaluation) on
#                               report-templates/de with one file replaced
#
# The growing corpus lives in build/fuzz/corpus-NAME (not committed).  A
# crash, leak, timeout or out-of-memory input is copied to
# tests/fuzz/regressions/NAME/, where tests/unit/test_fuzz_NAME.c
# replays it in every `make check`; then the run fails, so that it is
# fixed and committed.  The figures go to build/fuzz/summary.txt; copy
# them into docs/fuzzing.md.
#
# run.sh --seed rewrites tests/fuzz/corpus/ from the current sample
# files (one seed per file, its first byte selecting that file).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
B=build/fuzz
HARNESSES=${FUZZ_HARNESSES:-inputs template sheet}

# A seed is "NAME\nCONTENTS" (see fuzz_tree_put in fuzz_common.h): the
# sample file NAME with its own contents.  Template seeds start with '+'
# (also evaluate) and include the templates stage's test cases.
seed() {
	for h in $HARNESSES; do
		rm -f tests/fuzz/corpus/$h/seed-*
		mkdir -p "tests/fuzz/corpus/$h"
	done
	( cd inputs && find . -type f ! -name '.*' | sed 's|^\./||' ) |
	while read -r f; do
		{ printf '%s\n' "$f"; cat "inputs/$f"; } \
		    >"tests/fuzz/corpus/inputs/seed-$(echo "$f" | tr / _)"
	done
	( cd report-templates && find de -type f ! -name '.*' ) |
	while read -r f; do
		{ printf '+%s\n' "$f"; cat "report-templates/$f"; } \
		    >"tests/fuzz/corpus/template/seed-$(echo "$f" | tr / _)"
	done
	# Spreadsheets: the forms as LibreOffice saved them, whole and as
	# their XML parts.
	x=$(mktemp -d)
	for f in tests/forms/lo-presse.xlsx tests/forms/lo-presse.ods; do
		{ printf 'z'; cat "$f"; } >"tests/fuzz/corpus/sheet/seed-${f##*/}"
	done
	(cd "$x" && unzip -q "$ROOT/tests/forms/lo-presse.ods" content.xml &&
	    unzip -q "$ROOT/tests/forms/lo-presse.xlsx" xl/worksheets/sheet2.xml)
	{ printf 'o'; cat "$x/content.xml"; } >tests/fuzz/corpus/sheet/seed-ods-content
	{ printf 'x'; cat "$x/xl/worksheets/sheet2.xml"; } >tests/fuzz/corpus/sheet/seed-xlsx-sheet
	printf 'x<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c t="inlineStr"><is><t>i</t></is></c><c r="C1"><v>45000</v></c></row></sheetData></worksheet>' \
	    >tests/fuzz/corpus/sheet/seed-xlsx-small
	printf 'x<worksheet/>' >tests/fuzz/corpus/sheet/seed-xlsx-empty
	rm -rf "$x"
	for f in tests/templates/*/report.tmpl; do
		[ -f "$f" ] || continue
		n=$(basename "$(dirname "$f")")
		{ printf '+de/report.tmpl\n'; cat "$f"; } \
		    >"tests/fuzz/corpus/template/seed-case-$n"
	done
	echo "seeds written to tests/fuzz/corpus/"
}

if [ "${1:-}" = --seed ]; then
	seed
	exit 0
fi
secs=${1:-${FUZZ_SECONDS:-60}}

command -v clang >/dev/null || { echo "run.sh: clang is missing (sh tools/deps.sh fuzz)" >&2; exit 1; }
SAN='-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer'
make -s --no-print-directory B=$B CC=clang CFLAGS='-O1 -g -Wno-format-nonliteral' \
    SANFLAGS="-fsanitize=fuzzer-no-link $SAN" $B/libpr.a
LDLIBS=$(make -s --no-print-directory print-ldlibs)

mkdir -p $B
: >$B/summary.txt
status=0
for h in $HARNESSES; do
	# shellcheck disable=SC2086
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -O1 -g \
	    -fsanitize=fuzzer $SAN -iquote generator $(pkg-config --cflags yaml-0.1) \
	    -o $B/fuzz_$h tests/fuzz/fuzz_$h.c $B/libpr.a $LDLIBS
	mkdir -p $B/corpus-$h $B/artifacts-$h tests/fuzz/corpus/$h \
	    tests/fuzz/regressions/$h
	rm -f $B/artifacts-$h/*
	echo "fuzzing $h for ${secs}s (log: $B/fuzz_$h.log)"
	set +e
	ASAN_OPTIONS=detect_leaks=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $B/fuzz_$h -max_total_time="$secs" -max_len=65536 -timeout=20 \
	    -dict=tests/fuzz/$h.dict \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=$B/artifacts-$h/ \
	    $B/corpus-$h tests/fuzz/corpus/$h tests/fuzz/regressions/$h \
	    >$B/fuzz_$h.log 2>&1
	rc=$?
	set -e
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' $B/fuzz_$h.log | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' $B/fuzz_$h.log | tail -n 1 | cut -d' ' -f2)
	crashes=$(ls $B/artifacts-$h | wc -l)
	line="$h: ${execs:-?} executions in ${secs}s, coverage ${cov:-?} edges, corpus $(ls $B/corpus-$h | wc -l) inputs, $crashes crash inputs, exit $rc"
	echo "$line" | tee -a $B/summary.txt
	if [ "$crashes" -gt 0 ] || [ $rc -ne 0 ]; then
		cp $B/artifacts-$h/* tests/fuzz/regressions/$h/ 2>/dev/null || true
		grep -A 30 -E '==ERROR|runtime error|ERROR: libFuzzer' $B/fuzz_$h.log | head -n 60
		echo "run.sh: $h found a problem; its input is in tests/fuzz/regressions/$h/: fix it and commit the input" >&2
		status=1
	fi
done
exit $status
