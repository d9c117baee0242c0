#!/bin/sh
# A report too long to keep its whole layout is laid out twice and
# drawn page by page (pdf_layout.c); the PDF is the same, byte for byte,
# as when the layout is kept whole.  PROGRESS_REPORT_TEST_LAYOUT_KEEP
# sets how many bytes of layout are kept before that: 0 takes the second
# pass at once, a small number part way through the first.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
export SOURCE_DATE_EPOCH=1798761600
python3 "$ROOT/bench/gen.py" S 42 "$T/in-gen" || fail "bench/gen.py S"

# build NAME INPUTS KEEP [OPTIONS] - the PDF in $T/NAME/
build() {
	name=$1 in=$2 keep=$3
	shift 3
	if [ "$keep" = whole ]; then
		"$PR" build --inputs "$in" --output "$T/$name" \
		    --db "$T/$name.sqlite" "$@" >"$T/$name.log" 2>&1
	else
		PROGRESS_REPORT_TEST_LAYOUT_KEEP=$keep "$PR" build \
		    --inputs "$in" --output "$T/$name" \
		    --db "$T/$name.sqlite" "$@" >"$T/$name.log" 2>&1
	fi
	expect_status 0 $? "build $name"
}

# same A B - the two builds' PDF and HTML are the same bytes
same() {
	for f in "$T/$1"/*.pdf "$T/$1"/*.html; do
		checks=$((checks + 1))
		g=$T/$2/$(basename "$f")
		[ -f "$f" ] && [ -f "$g" ] || { fail "$1/$2: no $(basename "$f")"; continue; }
		cmp "$f" "$g" >/dev/null ||
		    fail "$(basename "$f"): laid out twice ($2) it differs from the layout kept whole ($1)"
	done
}

# twice NAME - the build said that it laid the PDF out again
twice() {
	checks=$((checks + 1))
	grep -q "laying out the PDF's .* pages again" "$T/$1.log" ||
	    fail "$1: the PDF was not laid out twice"
}

for v in "sample inputs" "gen in-gen"; do
	set -- $v
	case $2 in inputs) in=$ROOT/inputs ;; *) in=$T/$2 ;; esac
	build "$1-whole" "$in" whole
	checks=$((checks + 1))
	grep -q "laying out the PDF's" "$T/$1-whole.log" &&
	    fail "$1: a report this short was laid out twice"
	for keep in 0 1 60000; do
		build "$1-$keep" "$in" $keep
		twice "$1-$keep"
		same "$1-whole" "$1-$keep"
	done
done
# The title page, the TOC and the draft's band in both ways.
build draft-whole "$ROOT/inputs" whole --draft --large-print
build draft-0 "$ROOT/inputs" 0 --draft --large-print
twice draft-0
same draft-whole draft-0
finish
