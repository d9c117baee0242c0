#!/bin/sh
# The HTML report depends only on the inputs and templates: two builds
# into different folders, with different history files, give the same
# bytes (and the page names no folder of the machine it was built on).
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
[ -d "$ROOT/inputs" ] || { echo "no inputs/ yet"; exit 77; }
export SOURCE_DATE_EPOCH=1798761600
for run in a b; do
	"$PR" build --quiet --inputs "$ROOT/inputs" --output "$T/out-$run" \
	    --db "$T/history-$run.sqlite"
	expect_status 0 $? "build $run"
done
set -- "$T/out-a"/*.html
a=$1
b=$T/out-b/$(basename "$a")
checks=$((checks + 1))
if [ -f "$a" ] && [ -f "$b" ]; then
	cmp "$a" "$b" || fail "two builds of the same inputs give different HTML"
	grep -q -e "$T" -e "$ROOT" "$a" && fail "the HTML names a folder of this machine"
else
	fail "no HTML written"
fi
finish
