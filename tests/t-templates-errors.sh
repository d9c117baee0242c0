#!/bin/sh
# Template errors through the command line: a misspelt field in a
# partial and an unclosed loop each give exit status 1, a message at
# template-file:line:col with a suggestion, and no output; the shipped
# templates check clean in both languages.
[ -x "$PR" ] || exit 77
fail() { echo "FAIL: $*"; exit 1; }

for lang in de en; do
	"$PR" check --quiet --db "$T/no-history.sqlite" --inputs "$ROOT/inputs" --lang $lang \
	    --templates "$ROOT/report-templates" 2>"$T/err" ||
		{ cat "$T/err"; fail "the shipped $lang templates do not check"; }
	# Only the inputs' own warnings (tests/inputs/check-2026.txt).
	grep -v "^$ROOT/inputs/.*: warning: " "$T/err" >"$T/err2"
	[ -s "$T/err2" ] && { cat "$T/err2"; fail "messages for the $lang templates"; }
done

cp -R "$ROOT/report-templates" "$T/rt"
# the first "m.title" of the aspect chapter, misspelt
line=$(grep -n 'm\.title' "$T/rt/de/partials/aspect.tmpl" | head -1 | cut -d: -f1)
[ -n "$line" ] || fail "no m.title in partials/aspect.tmpl"
sed -i "${line}s/m\.title/m.titel/" "$T/rt/de/partials/aspect.tmpl"
# columns count characters, not bytes (the line may hold „ and “)
col=$(sed -n "${line}p" "$T/rt/de/partials/aspect.tmpl" |
    python3 -c 'import sys; print(sys.stdin.read().index("m.titel") + 3)')
"$PR" build --quiet --inputs "$ROOT/inputs" --templates "$T/rt" \
    --output "$T/out" --db "$T/db" 2>"$T/err"
rc=$?
cat "$T/err"
[ $rc -eq 1 ] || fail "exit status $rc, expected 1"
grep -q -F "$T/rt/de/partials/aspect.tmpl:$line:$col: error: a milestone has no field \"titel\"; did you mean \"title\"?" "$T/err" ||
	fail "no message at aspect.tmpl:$line:$col"
[ -z "$(ls -A "$T/out" 2>/dev/null | grep -v '^\.')" ] || fail "output written"

# an unclosed loop names the line of its {% for %}
cp "$ROOT/report-templates/de/partials/aspect.tmpl" "$T/rt/de/partials/"
line=$(grep -n '{% endfor %}' "$T/rt/de/partials/changes.tmpl" | tail -1 | cut -d: -f1)
sed -i "${line}d" "$T/rt/de/partials/changes.tmpl"
"$PR" check --quiet --db "$T/no-history.sqlite" --inputs "$ROOT/inputs" --templates "$T/rt" 2>"$T/err"
rc=$?
cat "$T/err"
[ $rc -eq 1 ] || fail "exit status $rc for an unclosed for, expected 1"
grep -q -E "partials/changes.tmpl:[0-9]+:[0-9]+: error: .*\{% (endif|for) %\}" "$T/err" ||
	fail "no message about the unclosed for"
echo ok
