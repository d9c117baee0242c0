#!/bin/sh
# Empty folder and file names on the command line: `--output ""` once
# read outside its string; every path option refuses an empty name as
# wrong usage (exit 2) and writes nothing.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary

cd "$T" || exit 1
for opt in --output --inputs --templates --db --fonts; do
	timeout 60 "$PR" build --quiet --inputs "$ROOT/inputs" "$opt" "" \
	    >/dev/null 2>"$T/e"
	expect_status 2 $? "build $opt \"\""
	want="take a folder or file name, not an empty text"
	[ "$opt" = --db ] && want="--db needs the name of the history file"
	grep -q -- "$want" "$T/e" ||
		fail "$opt \"\": no message: $(cat "$T/e")"
done
[ -z "$(ls -A "$T" | grep -v '^e$')" ] || fail "files written: $(ls -A "$T")"
finish
