#!/bin/sh
# The sample report, end to end, against expected output a person has
# read: the HTML file, and the PDF's text (pdftotext) and structure tree
# (pdfinfo -struct-text), for German and English.  Poppler must print no
# warning.  After an intended change, look at the new output, then
# refresh the expected files with tests/regen-expected.sh.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
export SOURCE_DATE_EPOCH=1798761600
E=$ROOT/tests/expected

for lang in de en; do
	out=$T/out-$lang
	"$PR" build --quiet --lang "$lang" --inputs "$ROOT/inputs" \
	    --output "$out" --db "$T/h-$lang.sqlite" 2>"$T/err"
	expect_status 0 $? "build --lang $lang"
	[ -s "$T/err" ] && fail "build --lang $lang printed: $(cat "$T/err")"
	pdf=$out/progress-report-2026.pdf
	html=$out/progress-report-2026.html
	[ -f "$pdf" ] && [ -f "$html" ] || { fail "outputs missing for $lang"; continue; }

	pdftotext -enc UTF-8 "$pdf" "$T/text" 2>"$T/w1"
	pdfinfo -struct-text "$pdf" >"$T/struct" 2>"$T/w2"
	pdffonts "$pdf" >"$T/fonts" 2>"$T/w3"
	cat "$T/w1" "$T/w2" "$T/w3" >"$T/warn"
	[ -s "$T/warn" ] && fail "poppler warned ($lang): $(head -5 "$T/warn")"
	expect_same "$E/sample-$lang.txt" "$T/text" "PDF text ($lang)"
	expect_same "$E/sample-$lang.struct.txt" "$T/struct" "PDF structure ($lang)"
	expect_same "$E/sample-$lang.html" "$html" "HTML ($lang)"
	# Every font embedded, with a ToUnicode map.
	awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-2) != "yes") {bad = 1} END {exit bad}' \
	    "$T/fonts" || fail "a font is not embedded or has no ToUnicode ($lang)"
done

# German text with its umlauts, exactly.
grep -q "Zusammenfassung für den Ausschuss" "$E/sample-de.txt" ||
    fail "expected German text lacks umlauts"
finish
