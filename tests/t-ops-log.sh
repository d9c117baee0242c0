#!/bin/sh
# The log of an unattended run: timestamped progress
# lines and a final summary line on stderr, nothing on stdout; --quiet
# silences a successful run completely; `check` writes nothing at all.
. "$ROOT/tests/ops-lib.sh"

pr_build "$ROOT/inputs" "$T/q" "$T/q.db" >"$T/out.txt" 2>"$T/err.txt" ||
	fail "quiet build failed"
[ -s "$T/out.txt" ] && fail "a quiet build printed on stdout"
[ -s "$T/err.txt" ] && { cat "$T/err.txt"; fail "a quiet, clean build printed on stderr"; }

"$PR" build --inputs "$ROOT/inputs" --output "$T/o" --db "$T/o.db" \
    --templates "$ROOT/report-templates" >"$T/out.txt" 2>"$T/err.txt" ||
	fail "build failed"
cat "$T/err.txt"
[ -s "$T/out.txt" ] && fail "the build printed on stdout"
stamp='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z progress-report: '
n=$(grep -c -E "$stamp" "$T/err.txt")
[ "$n" -ge 3 ] || fail "expected timestamped progress lines, found $n"
grep -v -q -E "$stamp" "$T/err.txt" && fail "a line without a timestamp in a clean run's log"
tail -n 1 "$T/err.txt" | grep -q -E "${stamp}done: year 2026; pages: [0-9]+, milestones: [0-9]+, indicators: [0-9]+, warnings: [0-9]+$" ||
	fail "the last line is not the summary"

# check: validates, prints nothing when clean, creates nothing.
"$PR" check --inputs "$ROOT/inputs" --templates "$ROOT/report-templates" \
    --db "$T/none.db" >"$T/out.txt" 2>"$T/err.txt" || fail "check failed"
[ -e "$T/none.db" ] && fail "check created the history file"
( cd "$T" && "$PR" check --quiet --inputs "$ROOT/inputs" \
    --templates "$ROOT/report-templates" --db "$T/none.db" ) ||
	fail "quiet check failed"
[ -e "$T/output" ] && fail "check created an output folder"
exit 0
