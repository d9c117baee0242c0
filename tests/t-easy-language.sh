#!/bin/sh
# The report in easy language: build --easy writes BASE-leichte-sprache
# (de) and BASE-easy-read (en) beside the full report and changes
# neither it nor the history; its text keeps the rules that
# tests/easy_rules.py checks (docs/templates.md), the checker finds
# every kind of break in a text made of them; both outputs pass the
# PDF and browser checks of the full report, in large print (body text
# at 14 pt); inputs without easy texts
# get a warning at each place one is missing.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
. "$ROOT/tests/pdfcheck/lib.sh"
need_readers
SOURCE_DATE_EPOCH=1798761600
export SOURCE_DATE_EPOCH
out=$T/out db=$T/history.sqlite base=progress-report-2026
RULES="$ROOT/tests/easy_rules.py"

. "$ROOT/tests/lib/variant.sh"
build() {
	"$PR" build --quiet --inputs "${IN:-$ROOT/inputs}" --output "$out" \
	    --db "$db" --templates "$ROOT/report-templates" "$@" >"$T/build.log" 2>&1
}

# The checker can fail: each rule once in a made-up text.
$PY "$RULES" --lang de --inputs "$ROOT/inputs" --blocks "$ROOT/tests/easy/bad-de.txt" |
    sed 's/^[^:]*:\([0-9]*\): \([a-z-]*\).*/BAD:\1: \2/; s/ "[^"]*"//' >"$T/bad.found"
expect_same "$ROOT/tests/easy/bad-de.expected" "$T/bad.found" "the rule checker on tests/easy/bad-de.txt"

variant_beside --easy leichte-sprache easy-read

# The rules, in both outputs and both languages.
for lang in de en; do
	case $lang in de) f=$base-leichte-sprache ;; *) f=$base-easy-read ;; esac
	pdftotext -enc UTF-8 "$out/$f.pdf" "$T/$f.txt"
	header=$(pdfinfo -enc UTF-8 "$out/$f.pdf" | sed -n 's/^Title: *//p')
	checks=$((checks + 1))
	[ -n "$header" ] || fail "$f.pdf has no title"
	$PY "$RULES" --lang $lang --inputs "$ROOT/inputs" --html "$out/$f.html" \
	    --pdf-text "$T/$f.txt" --ignore-line "$header" >"$T/rules.out" 2>&1 ||
		{ head -20 "$T/rules.out" >&2; fail "$f breaks the easy-language rules"; }
	# Long words are split as the word list says, in the title too.
	checks=$((checks + 1))
	grep -q 'Verwaltungs·digitalisierung' "$T/$f.txt" ||
		fail "$f: the title's long word is not split with the Mediopunkt"
	check_pdf "$out/$f.pdf" "$f.pdf"
	# Set in large print: no body text below 14 pt.
	$PY "$ROOT/tests/typesize.py" "$out/$f.pdf" >"$T/size" 2>&1
	checks=$((checks + 1))
	awk '$1 == "body" && $2 + 0 >= 14 { ok = 1 } END { exit !ok }' "$T/size" ||
		fail "$f.pdf: body text below 14 pt: $(cat "$T/size")"
done
checks=$((checks + 1))
pdfinfo "$out/$base-leichte-sprache.pdf" | grep -q '^Title: .*in Leichter Sprache$' ||
	fail "the easy report's title does not say 'in Leichter Sprache'"

# Without easy texts: a warning at each resolution point and listed
# milestone, the normal titles instead, exit 0.
IN=$T/plain
cp -r "$ROOT/inputs" "$IN"
for y in "$IN"/*.yaml; do
	$PY - "$y" <<'PY'
import re, sys
p = sys.argv[1]
lines = open(p, encoding='utf-8').read().split('\n')
out, skip = [], False
for l in lines:
    if re.match(r'\s*easy_(title|explanation):', l):
        skip = l.rstrip().endswith('>-')
        continue
    if skip and re.match(r'\s{6,}\S', l):
        continue
    skip = False
    out.append(l)
open(p, 'w', encoding='utf-8').write('\n'.join(out))
PY
done
checks=$((checks + 1))
grep -rq easy_ "$IN" && fail "the copy of the inputs still has easy texts"
rm -rf "$out"
"$PR" build --easy --inputs "$IN" --output "$out" --db "$db" \
    --templates "$ROOT/report-templates" >"$T/plain.log" 2>&1
expect_status 0 $? "build --easy without easy texts"
grep -c 'warning: the resolution point "[0-9]*" has no easy_title' "$T/plain.log" >"$T/n"
expect_same - "$T/n" "warnings for the resolution points" <<E
4
E
checks=$((checks + 1))
grep -q "^$IN/10-kommunikation-buergerservice.yaml:[0-9]*:5: warning: the milestone \"M-01a-3\" is late or at risk and has no easy_explanation" "$T/plain.log" ||
	fail "no warning at the place of M-01a-3's missing easy_explanation"
checks=$((checks + 1))
pdftotext "$out/$base-leichte-sprache.pdf" - | tr "\n" " " | grep -q "Start der neuen Homepage in barrierefreier Gestaltung" ||
	fail "without an easy_title the report does not fall back to the title"
"$PR" check --easy --inputs "$IN" --templates "$ROOT/report-templates" >"$T/check.log" 2>&1
expect_status 0 $? "check --easy"
checks=$((checks + 1))
grep -q 'has no easy_title' "$T/check.log" || fail "check --easy does not warn"
"$PR" build --easy --missing --inputs "$ROOT/inputs" 2>/dev/null
expect_status 2 $? "build --easy --missing"

# The ending comes from the locale and must suit a file name.
cp -r "$ROOT/report-templates" "$T/tmpl"
sed -i 's/^  suffix: leichte-sprache$/  suffix: ..\/..\/escape/' "$T/tmpl/de/locale.yaml"
"$PR" build --quiet --easy --inputs "$ROOT/inputs" --output "$T/o3" \
    --db "$T/none.sqlite" --templates "$T/tmpl" 2>"$T/err"
expect_status 1 $? "an easy.suffix ending that is not a plain word"
checks=$((checks + 1))
grep -q 'easy.suffix.*not a plain file-name ending' "$T/err" || fail "no message about easy.suffix: $(cat "$T/err")"
checks=$((checks + 1))
[ -e "$T/escape.pdf" ] || [ -e "$T/o3" ] && fail "a bad ending wrote something"

# The browser checks of t-html-browser.sh, on both.
. "$ROOT/tests/lib/browser.sh"
if [ -n "${PR_SANITIZED:-}" ]; then
	echo "browser checks skipped under the sanitizers"
elif browser_tools; then
	shots=$B/screenshots
	mkdir -p "$shots"
	IN= build --easy && build --easy --lang en
	check_page "$out/$base-leichte-sprache.html" "$base-leichte-sprache"
	check_page "$out/$base-easy-read.html" "$base-easy-read"
else
	fail "the browser test tools are missing: run sh tools/deps.sh test and sh tools/npm.sh"
fi
finish
