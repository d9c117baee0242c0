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
	left=$(ls -A "$1" | grep -E '\.tmp-[0-9]+$|^\.progress-report\.commit$' || true)
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
