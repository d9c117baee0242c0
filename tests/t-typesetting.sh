#!/bin/sh
# Typesetting of the PDF (issue 16): kerning and hyphenation.
# Kerning: pairs such as "Te" are drawn closer, with a TJ adjustment
# (tests/kerncheck.py), each pair always by the same amount.
# Hyphenation: a word that does not
# fit its line breaks at a point of libhyphen's patterns for the
# passage's language, with a visible hyphen; the hyphen does not reach
# the extracted text (pdftotext reads the whole word, and the word is a
# Span whose /ActualText is the whole word, which pikepdf reads); an
# address breaks after "/" without a hyphen.  On the sample with a long
# German compound in a milestone title (a table cell narrower than the
# word) and a long address in an explanation, German and English (where
# the title is a German passage, hyphenated with the German patterns),
# and German large print.  tests/hyphcheck.py does the reading.
# The HTML: soft hyphens from the same patterns (tests/shycheck.py), and
# in Chromium at 320 px and printed on A4 no heading or table header
# word cut between letters (tests/browser/words.mjs).
# Without the patterns, a clear error.
set -u
. "$ROOT/tests/lib/common.sh"
. "$ROOT/tests/pdfcheck/lib.sh"
need_binary
need_readers
export SOURCE_DATE_EPOCH=1798761600

word=Verwaltungsdigitalisierungsbeschleunigungsgesetzesnovelle
url=https://www.erfurt.de/ef/de/rathaus/verwaltungsdigitalisierung/fortschrittsberichte/barrierefreiheitserklaerung/index.html
cp -R "$ROOT/inputs" "$T/in"
sed -i "s|title: Anforderungsanalyse und Nutzerbefragung zur neuen Homepage|title: $word und Nutzerbefragung|
s|ausgeschrieben; der Zuschlag erfolgte sieben Wochen später.|ausgeschrieben ($url); der Zuschlag erfolgte sieben Wochen später.|" \
    "$T/in/10-kommunikation-buergerservice.yaml"
grep -q "$word" "$T/in/10-kommunikation-buergerservice.yaml" &&
    grep -q "$url" "$T/in/10-kommunikation-buergerservice.yaml" ||
    fail "the sample's input changed: the test's edit no longer applies"

for v in de en de-large; do
	lang=${v%-large}
	opt=
	[ "$v" = de-large ] && opt=--large-print
	"$PR" build --quiet $opt --lang "$lang" --inputs "$T/in" \
	    --templates "$ROOT/report-templates" --output "$T/$v" \
	    --db "$T/$v.db" 2>"$T/err"
	expect_status 0 $? "build $v ($(head -3 "$T/err"))"
	pdf=$(ls "$T/$v"/*.pdf)
	pdftotext -enc UTF-8 "$pdf" "$T/$v.txt"
	pdfinfo -struct-text "$pdf" >"$T/$v.struct"
	$PY "$ROOT/tests/hyphcheck.py" "$pdf" "$T/$v.struct" "$T/$v.txt" \
	    "$word" de >"$T/$v.out" 2>&1
	expect_status 0 $? "hyphcheck.py $v: $(grep -v '^broken' "$T/$v.out" | head -5 | tr '\n' ';')"
	# Body text and tables are hyphenated, not only the test's word.
	checks=$((checks + 1))
	[ "$(grep -c "^broken: $lang " "$T/$v.out")" -ge 20 ] ||
	    fail "$v: fewer than 20 words of the report's language broken"
	# The address: whole in the text, broken only after "/" (no
	# hyphen added), and not cut between letters.
	checks=$((checks + 1))
	grep "^broken: " "$T/$v.out" | grep -F -- "$url" >"$T/$v.url"
	[ -s "$T/$v.url" ] ||
	    fail "$v: the address was not broken across lines (or not whole)"
	grep -q -- '-|' "$T/$v.url" &&
	    fail "$v: a hyphen was added inside the address"
	grep -q '[^/]|' "$T/$v.url" &&
	    fail "$v: the address was broken elsewhere than after /: $(cat "$T/$v.url")"
	$PY "$ROOT/tests/kerncheck.py" "$pdf" Te Ta >"$T/$v.kern" 2>&1
	expect_status 0 $? "kerncheck.py $v: $(tail -3 "$T/$v.kern" | tr '\n' ';')"
	# Kerned and hyphenated, every line still ends inside the right
	# margin (595.276 - 62 pt), to a hundredth of a point.
	checks=$((checks + 1))
	over=$(pdftotext -bbox "$pdf" - | awk -F'"' '/<word/ && $6 + 0 > 533.29 { print $6 ": " $0; exit }')
	[ -n "$over" ] && fail "$v: text beyond the right margin: $over"
	checks=$((checks + 1))
	grep -q "^note: .* cut without a hyphen" "$T/$v.out" &&
	    fail "$v: words cut without a hyphen: $(grep '^note' "$T/$v.out" | head -3)"
	# The HTML: soft hyphens at the same patterns' points, in the
	# German compound and in a word of the report's own language,
	# none in attributes, titles or the drawings; A4 print.
	html=$(ls "$T/$v"/*.html)
	own=Zusammenfassung
	[ "$lang" = en ] && own=accessibility
	$PY "$ROOT/tests/shycheck.py" "$html" "$word" de "$own" "$lang" \
	    >"$T/$v.shy" 2>&1
	expect_status 0 $? "shycheck.py $v: $(grep FAULT "$T/$v.shy" | head -3 | tr '\n' ';')"
	# In a browser at 320 px and printed on A4: no heading or table
	# header word cut between letters without a hyphen.
	if [ -z "${PR_SANITIZED:-}" ] && [ "$v" != de-large ] &&
	    command -v node >/dev/null && [ -x /usr/bin/chromium ] &&
	    [ -d "$ROOT/tests/node_modules/playwright-core" ]; then
		node "$ROOT/tests/browser/words.mjs" "$html" >"$T/$v.words" 2>&1
		expect_status 0 $? "words.mjs $v: $(grep -v broken "$T/$v.words" | head -3 | tr '\n' ';')"
	fi
done

# build_hyph DIR NAME: a German build with the patterns looked for in
# DIR; it must stop with exit 3, say ERROR about the patterns' file and
# write no report.
build_hyph() {
	PROGRESS_REPORT_HYPHEN=$1 timeout 60 "$PR" build --quiet --lang de \
	    --inputs "$ROOT/inputs" --templates "$ROOT/report-templates" \
	    --output "$T/$2-out" --db "$T/$2.db" 2>"$T/$2.err"
	expect_status 3 $? "build with the patterns $2"
	checks=$((checks + 2))
	grep -q "hyph_de_DE.dic: error: $3" "$T/$2.err" ||
	    fail "$2: no clear message: $(cat "$T/$2.err")"
	ls "$T/$2-out"/*.pdf "$T/$2-out"/*.html >/dev/null 2>&1 &&
	    fail "$2: a report was written"
}

# Without the patterns the message names the Debian package.
build_hyph "$T/none" missing ".*hyphen-de"
# A FIFO or a folder by the patterns' name is refused at once (a FIFO
# opened for reading would wait for a writer for ever).
mkdir "$T/odd"
ln -s /usr/share/hyphen/hyph_en_US.dic "$T/odd/hyph_en_US.dic"
mkfifo "$T/odd/hyph_de_DE.dic"
build_hyph "$T/odd" "as-a-fifo" "this is not a regular file"
rm "$T/odd/hyph_de_DE.dic"
mkdir "$T/odd/hyph_de_DE.dic"
build_hyph "$T/odd" "as-a-folder" "this is not a regular file"
finish
