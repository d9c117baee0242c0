#!/bin/sh
# The HTML is written on a second thread while the PDF is written on
# the main one.  Its failures must look exactly as in a run on
# one thread: the same single message, exit status 3, nothing lost, no
# temporary file left; and a failed PDF hides the HTML's messages, as a
# run that stops at the PDF never writes the HTML.  Without a second
# thread (pthread_create failing) the outputs are byte for byte the
# same.  Failures are injected with tests/lib/fail_io.c (LD_PRELOAD).
. "$ROOT/tests/ops-lib.sh"

command -v cc >/dev/null || { echo "skip: no C compiler for the test library"; exit 77; }
cc -shared -fPIC -o "$T/fail_io.so" "$ROOT/tests/lib/fail_io.c" -ldl ||
	fail "cannot build tests/lib/fail_io.c"
# Under ASan the sanitizer's runtime must otherwise come first.
ASAN_OPTIONS="${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}verify_asan_link_order=0"
export ASAN_OPTIONS

pr_build "$ROOT/inputs" "$T/out" "$T/db" || fail "the first build failed"
old_tree=$(tree_sum "$T/out")
old_db=$(db_sum "$T/db")

# failing WHAT VAR=VALUE...: a build with the failures set, which must
# exit 3, change nothing and leave nothing behind; stderr in $T/err.
failing() {
	what=$1
	shift
	env "$@" LD_PRELOAD="$T/fail_io.so" "$PR" build --quiet \
	    --inputs "$ROOT/inputs" --output "$T/out" --db "$T/db" \
	    --templates "$ROOT/report-templates" 2>"$T/err"
	rc=$?
	cat "$T/err"
	[ "$rc" = 3 ] || fail "$what: exit status $rc, expected 3"
	[ "$(tree_sum "$T/out")" = "$old_tree" ] || fail "$what: previous outputs changed"
	no_temps "$T/out"
	[ "$(db_sum "$T/db")" = "$old_db" ] || fail "$what: the history changed"
	[ "$(wc -l <"$T/err")" = 1 ] || fail "$what: expected exactly one message"
}

html='\.html\.tmp-[A-Za-z0-9]+'
pdf='\.pdf\.tmp-[A-Za-z0-9]+'

failing "HTML not created" FAIL_FOPEN=.html.tmp-
grep -q -E "^$T/out/[^:]*$html: error: cannot create: Permission denied" "$T/err" ||
	fail "HTML not created: wrong message"

failing "HTML not synced" FAIL_FSYNC=.html.tmp-
grep -q -E "^$T/out/[^:]*$html: error: cannot write the report to disk: Input/output error" "$T/err" ||
	fail "HTML not synced: wrong message"

# Both fail: one thread syncs the PDF first and stops there.
failing "neither synced" FAIL_FSYNC=.tmp-
grep -q -E "^$T/out/[^:]*$pdf: error: cannot write the report to disk" "$T/err" ||
	fail "neither synced: the PDF's message must be the one"

# The PDF fails: the HTML's failure is not reported.  (Both files are
# created before the HTML thread starts, the PDF's first.)
failing "neither written" FAIL_FOPEN=.tmp-
grep -q -E "^$T/out/[^:]*$pdf: error: cannot create" "$T/err" ||
	fail "neither written: the PDF's message must be the one"

# Without a second thread: the same bytes, the same (empty) stderr.
for mode in 0 1; do
	rm -rf "$T/o$mode" "$T/db$mode"
	FAIL_THREADS=$mode LD_PRELOAD="$T/fail_io.so" pr_build "$ROOT/inputs" \
	    "$T/o$mode" "$T/db$mode" 2>"$T/err$mode" ||
		{ cat "$T/err$mode"; fail "build with FAIL_THREADS=$mode failed"; }
	[ -s "$T/err$mode" ] && { cat "$T/err$mode"; fail "FAIL_THREADS=$mode: messages"; }
done
[ "$(tree_sum "$T/o0")" = "$(tree_sum "$T/o1")" ] ||
	fail "the outputs differ with and without a second thread"
[ "$(tree_sum "$T/o0")" = "$old_tree" ] ||
	fail "the outputs differ from the first build's"
exit 0
