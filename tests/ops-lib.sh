# ops-lib.sh - helpers for the operations tests (tests/t-ops-*.sh),
# sourced, not run.  Expects PR, ROOT and T from tests/run.sh.
#
# Every build here passes --templates, --db and --output explicitly: the
# tests run from the source tree and must neither find build/asan's
# missing ../report-templates nor touch ./history.sqlite or ./output.

set -u

if [ ! -x "${PR:-}" ]; then
	echo "skip: no binary at ${PR:-\$PR} (the pipeline does not link yet)"
	exit 77
fi
if [ ! -d "$ROOT/inputs" ] || [ ! -d "$ROOT/report-templates" ]; then
	echo "skip: no sample inputs or templates in $ROOT"
	exit 77
fi

# Fixed build date, so that two builds of the same inputs are equal.
SOURCE_DATE_EPOCH=1798761600
export SOURCE_DATE_EPOCH
unset PROGRESS_REPORT_TEST_KILL

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# pr_build INPUTS OUTPUT DB [more options]: the sample build, quiet.
pr_build() {
	_in=$1 _out=$2 _db=$3
	shift 3
	"$PR" build --quiet --inputs "$_in" --output "$_out" --db "$_db" \
	    --templates "$ROOT/report-templates" "$@"
}

# tree_sum DIR: one line per file (hidden ones too, the lock file
# excepted) with its checksum; equal output means equal trees.
tree_sum() {
	( cd "$1" && find . -type f ! -name .progress-report.lock |
	    LC_ALL=C sort | while read -r f; do
		sha256sum "$f"
	done )
}

# db_sum DB: the history's contents as SQL text, so that two files with
# the same rows but different page layout compare equal.
db_sum() {
	sqlite3 "$1" .dump | sha256sum
}

db_check() {
	r=$(sqlite3 "$1" 'PRAGMA integrity_check;') ||
		fail "sqlite3 cannot open $1"
	[ "$r" = ok ] || fail "integrity_check on $1: $r"
}

# no_temps DIR: no temporary file or journal left behind.
no_temps() {
	left=$(ls -A "$1" | grep -E '\.tmp-[A-Za-z0-9]+$|^\.progress-report\.commit$' || true)
	[ -z "$left" ] || fail "left behind in $1: $left"
}

# expect_status WANT CMD...: runs CMD, stderr into $T/err, and checks
# the exit status.
expect_status() {
	_want=$1
	shift
	"$@" 2>"$T/err"
	_rc=$?
	if [ "$_rc" != "$_want" ]; then
		echo "--- stderr:" >&2
		head -c 4000 "$T/err" >&2
		fail "exit status $_rc, expected $_want: $*"
	fi
}

# first_file_with KEY: the first sample input file that has a line
# "  KEY:" (the milestone files), relative to inputs/.
first_file_with() {
	( cd "$ROOT/inputs" && grep -l -E "^[[:space:]-]*$1:" -- *.yaml *.yml \
	    2>/dev/null | LC_ALL=C sort | head -n 1 )
}

# hold_at POINT INPUTS OUTPUT DB: starts a build in the background that
# stops itself (SIGSTOP) at the test hook's POINT; its pid in $held,
# its stderr in $T/held.err.  HOLD_ENV (env(1) options or settings) is
# passed on, e.g. --default-signal=INT: a shell's background job
# otherwise starts with SIGINT ignored.
hold_at() {
	# Not through pr_build: $held must be the build's own pid.
	env ${HOLD_ENV:-} PROGRESS_REPORT_TEST_STOP="$1" "$PR" build --quiet \
	    --inputs "$2" --output "$3" --db "$4" \
	    --templates "$ROOT/report-templates" 2>"$T/held.err" &
	held=$!
	_i=0
	until [ "$(ps -o stat= -p "$held" 2>/dev/null | cut -c1)" = T ]; do
		_i=$((_i + 1))
		if [ $_i -gt 600 ] || ! kill -0 "$held" 2>/dev/null; then
			cat "$T/held.err" >&2
			fail "the build never reached the point $1"
		fi
		sleep 0.1
	done
}

# build_before: the sample built once into $T/before/out and
# $T/before/db, the state each case starts from; their sums in
# $old_tree and $old_db.
build_before() {
	mkdir "$T/before"
	pr_build "$ROOT/inputs" "$T/before/out" "$T/before/db" ||
		fail "the sample build failed"
	old_tree=$(tree_sum "$T/before/out")
	old_db=$(db_sum "$T/before/db")
}

# fresh_out: $T/out and $T/db as build_before left them.
fresh_out() {
	rm -rf "$T/out" "$T/db"
	cp -R "$T/before/out" "$T/out"
	cp "$T/before/db" "$T/db"
}

# unchanged WHAT: the reports and the history in $T/out and $T/db are
# still those of build_before, and nothing temporary is left.
unchanged() {
	[ "$(tree_sum "$T/out")" = "$old_tree" ] || bad "$1: the reports changed"
	[ "$(db_sum "$T/db")" = "$old_db" ] || bad "$1: the history changed"
	[ -s "$T/db" ] || bad "$1: the history was emptied"
	_left=$(ls -A "$T/out" | grep -E '\.tmp-[A-Za-z0-9]+$|^\.progress-report\.commit$')
	[ -z "$_left" ] || bad "$1: left behind: $_left"
}

# bad WHAT: records a failed case and goes on; `cases_done` ends the
# test with the count.
nbad=0
bad() {
	echo "FAIL: $*" >&2
	nbad=$((nbad + 1))
}
cases_done() {
	[ "$nbad" = 0 ] || fail "$nbad cases failed"
	exit 0
}

# run_build WANT_STATUS WHAT BUILD-ARGS...: a build with a time limit
# (a hang is a failure, never a hung test); stderr in $T/err.
run_build() {
	_want=$1 _what=$2
	shift 2
	timeout 60 "$PR" build --quiet --templates "$ROOT/report-templates" \
	    "$@" >/dev/null 2>"$T/err"
	_rc=$?
	[ "$_rc" = 124 ] && { bad "$_what: hangs"; return 1; }
	if [ "$_rc" != "$_want" ]; then
		head -c 2000 "$T/err" >&2
		bad "$_what: exit status $_rc, expected $_want"
		return 1
	fi
	return 0
}

# says WHAT REGEX: the last run's messages match REGEX.
says() {
	grep -q -E "$2" "$T/err" || { cat "$T/err" >&2; bad "$1: no message /$2/"; }
}
