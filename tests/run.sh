#!/bin/sh
# run.sh BIN BUILDDIR - runs every test and prints "N passed, N failed".
#
# A test is a unit-test program ($B/tests/test_*) or a script
# tests/t-*.sh.  Scripts get PR (the binary), B (the build folder), ROOT
# (the source tree) and T (a fresh scratch folder) in the environment.
# Exit status 77 means "skipped" (used by the browser tests under the
# sanitizer run, which test the HTML rather than the C code).
# TESTS="pattern" runs only the tests whose name contains pattern.
set -u
BIN=${1:-build/progress-report}
B=${2:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
case $B in /*) ;; *) B=$ROOT/$B ;; esac
export PR="$BIN" B ROOT
export LC_ALL=C.UTF-8 TZ=UTC
# The messages are English unless a test asks for another language.
unset LANGUAGE
pass=0 fail=0 skip=0 failed=""
logdir=$B/test-logs
rm -rf "$logdir"
mkdir -p "$logdir"

run_one() {
	name=$1
	shift
	case $name in *"${TESTS:-}"*) ;; *) return ;; esac
	T=$(mktemp -d "${TMPDIR:-/tmp}/pr-test.XXXXXX")
	export T
	start=$(date +%s)
	( cd "$ROOT" && "$@" ) >"$logdir/$name.log" 2>&1
	rc=$?
	secs=$(( $(date +%s) - start ))
	chmod -R u+w "$T" 2>/dev/null
	rm -rf "$T"
	if [ $rc -eq 0 ]; then
		pass=$((pass + 1))
		echo "ok    $name (${secs}s)"
	elif [ $rc -eq 77 ]; then
		skip=$((skip + 1))
		echo "skip  $name"
	else
		fail=$((fail + 1))
		failed="$failed $name"
		echo "FAIL  $name (exit $rc, ${secs}s); last lines of $logdir/$name.log:"
		tail -n 25 "$logdir/$name.log" | sed 's/^/      /'
	fi
}

for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	run_one "$(basename "$t")" "$t"
done
for t in "$ROOT"/tests/t-*.sh; do
	[ -f "$t" ] || continue
	run_one "$(basename "$t" .sh)" sh "$t"
done

[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
