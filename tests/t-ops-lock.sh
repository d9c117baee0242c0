#!/bin/sh
# Two builds on one output folder: the second is refused with exit
# status 4 and a message naming the folder and the running build's pid;
# the first finishes undisturbed.
#
# The first build is held inside its lock by the test hook
# PROGRESS_REPORT_TEST_STOP=synced (it stops itself with SIGSTOP once
# its files are written), so the overlap does not depend on timing.
. "$ROOT/tests/ops-lib.sh"

pr_build "$ROOT/inputs" "$T/ref" "$T/ref.db" || fail "reference build failed"
ref=$(tree_sum "$T/ref")

# Not through pr_build: $! must be the build's own pid, not a subshell's.
PROGRESS_REPORT_TEST_STOP=synced "$PR" build --quiet --inputs "$ROOT/inputs" \
    --output "$T/out" --db "$T/db" --templates "$ROOT/report-templates" \
    2>"$T/first.err" &
first=$!
i=0
until [ "$(ps -o stat= -p "$first" 2>/dev/null | cut -c1)" = T ]; do
	i=$((i + 1))
	if [ $i -gt 600 ] || ! kill -0 "$first" 2>/dev/null; then
		cat "$T/first.err"
		fail "the first build never reached its stopping point"
	fi
	sleep 0.1
done

expect_status 4 pr_build "$ROOT/inputs" "$T/out" "$T/db2"
grep -q "another progress-report run is writing to $T/out (pid $first); try again later" "$T/err" ||
	{ cat "$T/err"; fail "the refusal does not name the folder and pid"; }
# The refused run wrote nothing: no history of its own, no files.
[ -e "$T/db2" ] && fail "the refused run created its history file"

# A check (validation only) is not refused: it writes nothing.
"$PR" check --quiet --inputs "$ROOT/inputs" --db "$T/db" \
    --templates "$ROOT/report-templates" ||
	fail "check was refused while a build ran"

kill -CONT "$first"
wait "$first"
rc=$?
[ "$rc" = 0 ] || { cat "$T/first.err"; fail "the first build ended with $rc"; }
[ "$(tree_sum "$T/out")" = "$ref" ] || fail "the held build's outputs differ"
no_temps "$T/out"

# The lock is free again.
pr_build "$ROOT/inputs" "$T/out" "$T/db" || fail "build after the first failed"

# A lock held by anything else (flock(1) here) is refused the same way.
flock "$T/out/.progress-report.lock" sleep 60 &
holder=$!
i=0
while flock -n "$T/out/.progress-report.lock" true; do
	i=$((i + 1))
	[ $i -le 200 ] || fail "flock(1) never took the lock"
	sleep 0.05
done
expect_status 4 pr_build "$ROOT/inputs" "$T/out" "$T/db"
kill "$holder"
wait "$holder" 2>/dev/null
grep -q "another progress-report run is writing to $T/out" "$T/err" ||
	fail "no clear message for the flock(1) holder"
exit 0
