# common.sh - helpers for the script tests; sourced, not run.
# Every helper records a failure and goes on; `finish` exits with the
# result, so one run reports all that is wrong.
failures=0
checks=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# expect_status WANT GOT WHAT
expect_status() {
	checks=$((checks + 1))
	[ "$1" = "$2" ] || fail "$3: exit status $2, expected $1"
}

# expect_same FILE_EXPECTED FILE_ACTUAL WHAT
expect_same() {
	checks=$((checks + 1))
	if ! diff -u "$1" "$2" >&2; then
		fail "$3 differs from $1 (if the new output is right, look at it and copy it there)"
	fi
}

# snapshot OUT DB FILE - checksums of the output folder's files and the
# history's rows, to show that a run changed nothing of them.
snapshot() {
	( cd "$1" && find . -type f ! -name .progress-report.lock | LC_ALL=C sort |
	    xargs sha256sum ) >"$3"
	sqlite3 "$2" .dump >>"$3"
}

need_binary() {
	[ -x "$PR" ] || { echo "no binary at $PR"; exit 77; }
}

finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures failures" >&2
		exit 1
	fi
	exit 0
}
