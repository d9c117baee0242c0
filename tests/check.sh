#!/bin/sh
# check.sh - the three passes of `make check`: every test, every test
# again under AddressSanitizer and UndefinedBehaviorSanitizer, and the
# sample under valgrind memcheck.  Each pass runs even when an earlier
# one failed, so one run reports everything; the last lines sum them up.
# check.sh BIN BUILDDIR; MAKE names the make program (the Makefile
# passes its own).
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BIN=${1:-build/progress-report}
B=${2:-build}
MAKE=${MAKE:-make}
logs=$B/check-logs
mkdir -p "$logs"
status=0

# pass NAME COMMAND...: runs COMMAND, shows and keeps its output.
pass() {
	name=$1
	shift
	echo "== make check: $name =="
	{ "$@"; echo $? >"$logs/$name.rc"; } 2>&1 | tee "$logs/$name.log"
	[ "$(cat "$logs/$name.rc")" = 0 ] || status=1
}

# summary NAME: the "N passed, N failed, N skipped" line of a test pass.
summary() {
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/$1.log" | tail -n 1)
	echo "${line:-0 passed, 1 failed, 0 skipped (the pass did not finish: see $logs/$1.log)}"
}

pass tests sh tests/run.sh "$BIN" "$B"
pass sanitizers $MAKE --no-print-directory asan
pass valgrind sh tests/valgrind.sh "$BIN"

t=$(summary tests)
s=$(summary sanitizers)
vp=$(grep -c ': no errors, no leaks$' "$logs/valgrind.log")
vf=$(grep -c -E '^valgrind(\.sh)?: .*(errors$|missing|no binary)' "$logs/valgrind.log")
[ "$(cat "$logs/valgrind.rc")" = 0 ] || [ "$vf" -gt 0 ] || vf=1
echo
echo "== make check: summary =="
echo "tests:                $t"
echo "tests, ASan + UBSan:  $s"
echo "valgrind memcheck:    $vp passed, $vf failed"
total() { echo "$t,$s" | grep -o -E "[0-9]+ $1" | awk '{ n += $1 } END { print n + 0 }'; }
p=$(( $(total passed) + vp ))
f=$(( $(total failed) + vf ))
k=$(total skipped)
[ "$f" -eq 0 ] || status=1
echo "check: $p passed, $f failed, $k skipped"
exit $status
