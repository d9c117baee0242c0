#!/bin/sh
# valgrind.sh [BIN] - the sample build (and a check, and a second build
# that reads the snapshot the first one stored) under valgrind memcheck.
# Any memory error and any definite or indirect leak fails the run;
# "still reachable" and "possibly lost" blocks are reported but
# allowed: they are the libraries' one-time caches.
#
# Suppressions (tests/valgrind.supp) are only for problems proven to be
# in a third-party library, each with its reason; none is needed so far.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-build/progress-report}
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
cd "$ROOT"
command -v valgrind >/dev/null ||
	{ echo "valgrind.sh: valgrind is missing (sh tools/deps.sh test)" >&2; exit 1; }
[ -x "$BIN" ] || { echo "valgrind.sh: no binary at $BIN" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/pr-valgrind.XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
export SOURCE_DATE_EPOCH=1798761600 LC_ALL=C.UTF-8 TZ=UTC
status=0

run() {
	name=$1
	shift
	# --error-exitcode=1 as the brief wants; the log's summary tells a
	# memory error apart from the program's own exit status 1.
	valgrind --tool=memcheck --leak-check=full \
	    --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect \
	    --error-exitcode=1 --track-origins=yes --num-callers=30 \
	    --suppressions="$ROOT/tests/valgrind.supp" --gen-suppressions=all \
	    --log-file="$T/$name.log" "$BIN" "$@" --inputs "${INPUTS:-inputs}" \
	    --templates report-templates --db "$T/history.sqlite" \
	    2>"$T/$name.err"
	rc=$?
	errors=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' "$T/$name.log" | tail -n 1)
	if [ "$rc" != 0 ] || [ "${errors:-x}" != 0 ]; then
		echo "valgrind: $name: exit $rc, ${errors:-?} errors"
		cat "$T/$name.err"
		cat "$T/$name.log"
		status=1
	else
		echo "valgrind: $name: no errors, no leaks"
	fi
}

run build build --quiet --output "$T/out"
run check check --quiet
run rebuild build --quiet --output "$T/out"
# The forms, and their import into a copy of the inputs: an ODS as
# LibreOffice saved it, then every form as written.
cp -R inputs "$T/in"
run forms forms --quiet --output "$T/forms"
INPUTS="$T/in" run import-ods import --quiet tests/forms/lo-presse.ods
INPUTS="$T/in" run import import --quiet "$T"/forms/*.xlsx
exit $status
