#!/bin/sh
# A stop signal inside a long stage: SIGTERM while a large report (4,000
# milestones from bench/gen.py, some 5,000 pages) is in its template
# loops or writing the PDF and the HTML ends the run within half a
# second (on a machine so busy that the PDF and HTML take more than 4 s,
# within an eighth of their time), not at the next stage boundary
# seconds later: exit status 5,
# one message saying so, the previous reports and history as they were,
# no temporary file or journal left (as tests/t-ops-signals.sh checks
# at the boundaries).  The signal is sent at fractions of the stage's
# time in an unstopped build of the same inputs; also twice from one
# sender, as timeout(1) and systemd send it, which is one stop.
. "$ROOT/tests/ops-lib.sh"
# Timing under the sanitizers says nothing about the program.
[ -n "${PR_SANITIZED:-}" ] && exit 77
LIMIT=0.5

python3 "$ROOT/bench/gen.py" 4000:2000 42 "$T/in" >/dev/null ||
	fail "bench/gen.py cannot write the inputs"

now() { date +%s.%N; }
# calc EXPR: awk's arithmetic (bc is not in a minimal system).
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }

# start_build OUT DB: a build with its log (not --quiet) in $T/log, its
# pid in $pid.
start_build() {
	"$PR" build --inputs "$T/in" --output "$1" --db "$2" \
	    --templates "$ROOT/report-templates" 2>"$T/log" &
	pid=$!
}

# wait_line TEXT: until the build's log has a line with TEXT.
wait_line() {
	until grep -q "$1" "$T/log"; do
		kill -0 "$pid" 2>/dev/null || fail "the build ended before \"$1\""
		sleep 0.01
	done
}

# The state each case starts from, and the stages' times: from the log
# line "reading inputs" to "writing the PDF" (inputs, templates) and
# from there to the end (PDF and HTML).
mkdir "$T/before"
start_build "$T/before/out" "$T/before/db"
wait_line "reading inputs from"
t0=$(now)
wait_line "writing the PDF and the HTML"
t1=$(now)
wait "$pid" || { cat "$T/log" >&2; fail "the build without a signal failed"; }
t2=$(now)
old_tree=$(tree_sum "$T/before/out")
old_db=$(db_sum "$T/before/db")
d_in=$(calc "$t1 - $t0")
d_out=$(calc "$t2 - $t1")
echo "stages: inputs and templates $d_in s, PDF and HTML $d_out s"
LIMIT=$(awk "BEGIN { l = $d_out / 8; printf \"%.3f\", l < $LIMIT ? $LIMIT : l }")

# stop_at LINE DURATION FRACTION: SIGTERM FRACTION * DURATION seconds
# after the log line LINE; $took is how long the build took to end, or
# empty if it had ended before the signal.
stop_at() {
	fresh_out
	SOURCE_DATE_EPOCH=1830297600 start_build "$T/out" "$T/db"
	wait_line "$1"
	sleep "$(calc "$2 * $3")"
	s=$(now)
	took=
	kill -TERM "$pid" 2>/dev/null || { wait "$pid"; return; }
	if [ -n "${TWICE:-}" ]; then
		sleep 0.02
		kill -TERM "$pid" 2>/dev/null
	fi
	wait "$pid"
	rc=$?
	took=$(calc "$(now) - $s")
}

# check_case WHAT LINE DURATION FRACTION.  A busy machine gets three
# tries; without the stages' own checks a stop takes the rest of the
# stage, seconds here, every time.
check_case() {
	for try in 1 2 3; do
		stop_at "$2" "$3" "$4"
		[ -n "$took" ] && awk "BEGIN { exit !($took <= $LIMIT) }" && break
		echo "$1: try $try: ended ${took:-before} ${took:+s after} the signal" >&2
	done
	if [ -z "$took" ]; then
		bad "$1: the build always ended before the signal"
		return
	fi
	awk "BEGIN { exit !($took <= $LIMIT) }" ||
		bad "$1: ended $took s after SIGTERM, more than $LIMIT s"
	[ "$rc" = 5 ] || { cat "$T/log" >&2; bad "$1: exit status $rc, expected 5"; }
	[ "$(grep -c ': error: ' "$T/log")" = 1 ] &&
		grep -q -E "^progress-report: error: stopped by SIGTERM; " "$T/log" ||
		{ cat "$T/log" >&2; bad "$1: not the one message saying why it stopped"; }
	unchanged "$1"
	ls "$T" | grep -q -- '-journal$' && bad "$1: a journal of the history is left"
	echo "$1: ended $took s after SIGTERM"
}

check_case "in the templates" "reading inputs from" "$d_in" 0.7
check_case "early in the PDF" "writing the PDF and the HTML" "$d_out" 0.15
check_case "half-way through the PDF" "writing the PDF and the HTML" "$d_out" 0.5
check_case "late in the PDF" "writing the PDF and the HTML" "$d_out" 0.7

# The same signal twice from one sender is one stop: timeout(1) sends
# its signal to the build and then to its process group, systemd to the
# main process and then to the service's group.  Taken as a second
# signal, it ended the build at once (exit status 143, its temporary
# files left) in one run of four under timeout(1).
TWICE=1
check_case "SIGTERM twice from one sender" "writing the PDF and the HTML" "$d_out" 0.4
TWICE=
for try in 1 2 3; do
	fresh_out
	SOURCE_DATE_EPOCH=1830297600 timeout --preserve-status -s TERM \
	    "$(calc "($d_in + $d_out) * 0.5")" "$PR" build --inputs "$T/in" \
	    --output "$T/out" --db "$T/db" \
	    --templates "$ROOT/report-templates" 2>"$T/log"
	rc=$?
	[ "$rc" != 0 ] && break # else it ended before the signal
done
[ "$rc" = 5 ] || { cat "$T/log" >&2; bad "timeout(1): exit status $rc, expected 5"; }
unchanged "timeout(1)"
cases_done
