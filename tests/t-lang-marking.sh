#!/bin/sh
# Language of parts (WCAG 2.1 SC 3.1.2, ISO 14289-1 7.2): in the English
# report of the German sample, no word of the inputs' text stands in a
# passage marked English, in the PDF (structure tree, /E, /Alt, Info
# /Title) or the HTML (text, <title>, title/alt/aria-label attributes);
# in the German report, the English name of the WCAG is marked English.
# The charts mark their own text (chart.c) and are left out here.  The
# words come from the inputs, minus every word of the English templates
# (tests/lang/words.py), so a word both languages share never counts.
set -u
. "$ROOT/tests/lib/common.sh"
. "$ROOT/tests/pdfcheck/lib.sh"
need_binary
need_readers
$PY -c "import yaml" 2>/dev/null || { echo "no python3-yaml"; exit 77; }
export SOURCE_DATE_EPOCH=1798761600

for lang in de en; do
	"$PR" build --quiet --lang $lang --inputs "$ROOT/inputs" \
	    --templates "$ROOT/report-templates" --output "$T/$lang" \
	    --db "$T/$lang.db" 2>"$T/err"
	expect_status 0 $? "build --lang $lang ($(head -3 "$T/err"))"
done

$PY "$ROOT/tests/lang/words.py" "$ROOT/inputs" "$ROOT/report-templates/en" \
    >"$T/de-words"
# The list must hold the inputs' German, or the check below proves nothing.
for w in meilensteine arbeitsplätze stadtverwaltung onlinezugangsgesetz; do
	checks=$((checks + 1))
	grep -qx "$w" "$T/de-words" || fail "words.py did not find \"$w\""
done

$PY "$ROOT/tests/langcheck.py" --foreign-words "$T/de-words" --skip-charts \
    "$T"/en/*.pdf "$T"/en/*.html >"$T/en.out" 2>&1
expect_status 0 $? "German text unmarked in the English report: $(head -c 2000 "$T/en.out")"

$PY "$ROOT/tests/langcheck.py" --foreign-words /dev/null \
    --phrase "Web Content Accessibility Guidelines" \
    "$T"/de/*.pdf "$T"/de/*.html >"$T/de.out" 2>&1
expect_status 0 $? "English text unmarked in the German report: $(head -c 2000 "$T/de.out")"

# The checker finds what it should: the German title, put back into an
# English passage of the HTML, is reported.
sed 's#<title>[^<]*</title>#<title>Fortschrittsbericht Verwaltungsdigitalisierung</title>#' \
    "$T"/en/*.html >"$T/bad.html"
$PY "$ROOT/tests/langcheck.py" --foreign-words "$T/de-words" --skip-charts \
    "$T/bad.html" >"$T/bad.out" 2>&1
expect_status 1 $? "langcheck.py on an unmarked German <title>"
# The English window title and running header come from the locale.
checks=$((checks + 1))
grep -q "<title>Progress report" "$T"/en/*.html ||
    fail "the English <title> is not the locale's: $(grep -o '<title>[^<]*' "$T"/en/*.html)"
finish
