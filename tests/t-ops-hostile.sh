#!/bin/sh
# Hostile inputs (tests/hostile/README.md): each gives exit status 1
# within a minute, a short, clear error naming the file, no output and
# no change to the history or to earlier outputs.
. "$ROOT/tests/ops-lib.sh"

build_before
ms=$(first_file_with progress)
[ -n "$ms" ] || fail "no sample input file with milestones (progress:)"
failures=0

# hostile NAME WORD [REGEX]: runs a build on $T/in; the error message
# must contain WORD (the file's name, or what else identifies the
# problem) and, if given, match REGEX (what the problem is).
hostile() {
	name=$1 named=$2 what=${3:-}
	timeout 120 "$PR" build --quiet --inputs "$T/in" --output "$T/out" \
	    --db "$T/db" --templates "$ROOT/report-templates" \
	    >"$T/stdout" 2>"$T/err"
	rc=$?
	size=$(stat -c %s "$T/err")
	head -c 2000 "$T/err"
	bad=""
	[ "$rc" = 124 ] && bad="$bad; took more than 120 s"
	[ "$rc" = 1 ] || bad="$bad; exit status $rc, expected 1"
	[ "$size" -lt 65536 ] || bad="$bad; $size bytes of messages"
	grep -q -F "$named" "$T/err" &&
	    grep -q -E '(:[0-9]+)*: error: ' "$T/err" ||
		bad="$bad; no error message naming $named"
	[ -z "$what" ] || grep -q -i -E "$what" "$T/err" ||
		bad="$bad; the message does not say /$what/"
	grep -q -E 'AddressSanitizer|runtime error|Segmentation' "$T/err" &&
		bad="$bad; a sanitizer report or crash"
	[ "$(tree_sum "$T/out")" = "$old_tree" ] || bad="$bad; the outputs changed"
	ls -A "$T/out" | grep -q -E '\.tmp-[A-Za-z0-9]+$' && bad="$bad; temporary files left"
	[ "$(db_sum "$T/db")" = "$old_db" ] || bad="$bad; the history changed"
	if [ -n "$bad" ]; then
		echo "FAIL: $name$bad"
		failures=$((failures + 1))
	else
		echo "ok: $name"
	fi
}

# A fresh copy of the sample inputs and of the previous outputs and
# history, so that one case's failure does not spill into the next.
fresh() {
	rm -rf "$T/in" "$T/out" "$T/db"
	cp -R "$ROOT/inputs" "$T/in"
	cp -R "$T/before/out" "$T/out"
	cp "$T/before/db" "$T/db"
}

mutate() {
	python3 "$ROOT/tests/lib/ops_mutate.py" "$T/in/$1" "$2" "$3" "$4" ||
		fail "cannot mutate $1"
}

for f in "$ROOT"/tests/hostile/*.yaml; do
	n=$(basename "$f" .yaml)
	fresh
	cp "$f" "$T/in/zz-$n.yaml"
	hostile "$n" "zz-$n.yaml" "$(sed -n 's/^# expect: //p' "$f" | head -n 1)"
done

fresh
python3 -c 'import sys; sys.stdout.write("deep: " + "[" * 100000 + "\n")' \
    >"$T/in/zz-deep.yaml"
hostile "deep nesting" "zz-deep.yaml" "nest|deep"

fresh
python3 -c 'import sys; sys.stdout.write("\"" + "Lorem ipsum " * 873814 + "\"")' \
    >"$T/big"
mutate "$ms" title --set "@$T/big"
hostile "10 MB title" "$ms" "bytes|long|large"

fresh
mutate "$ms" title --append " 進捗"
# The PDF stage finds it, and names the character and the text.
hostile "CJK ideograph in a title" "U+9032" "font"

fresh
mutate "$ms" progress --set "[1, 2]"
hostile "list as progress" "$ms" "progress"

fresh
mutate "$ms" title --set "{de: Titel, en: title}"
hostile "mapping as title" "$ms" "title"

fresh
mutate "$ms" progress --set "1e309"
hostile "progress 1e309" "$ms" "progress"

fresh
mutate "$ms" progress --set "-99999999999999999999999"
hostile "progress -1e23" "$ms" "progress"

fresh
ind=$(first_file_with decimals)
if [ -n "$ind" ]; then
	mutate "$ind" decimals --set "2147483648"
	hostile "decimals 2^31" "$ind" "decimals"
fi

fresh
mutate "$ms" planned --set "2026-02-30"
hostile "date 2026-02-30" "$ms" "2026-02-30"

[ $failures = 0 ] || fail "$failures hostile inputs were not refused cleanly"
exit 0
