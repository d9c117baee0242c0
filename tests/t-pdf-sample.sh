#!/bin/sh
# The sample report's PDF, read back by independent tools:
# - tests/pdfcheck.py (PDF/UA-1, PDF/A-2b rules) passes;
# - qpdf --check passes; pdfinfo -struct-text, pdftotext and pdffonts
#   print no "Syntax Warning"/"Syntax Error";
# - every font is embedded and has a ToUnicode map (pdffonts emb, uni);
# - pdftotext keeps the umlauts, and the headings pikepdf decodes are in
#   pdftotext's text;
# - pdf.js (getStructTree) and poppler (pdfinfo -struct-text) list the
#   same headings, tables and figures in the same order as pdfcheck.py;
# - the longest table is one Table element over several pages, its
#   header row repeated as an artifact on each continuation page
#   (t-pdf-ua-rules.sh asks for three pages on a larger report);
# - two builds with the same SOURCE_DATE_EPOCH are byte-identical.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
. "$ROOT/tests/pdfcheck/lib.sh"
need_readers
SOURCE_DATE_EPOCH=1798761600
export SOURCE_DATE_EPOCH

# build N - builds the sample report into $T/outN with its own history;
# --templates explicitly, because build/asan has no ../report-templates.
build() {
	"$PR" build --quiet --inputs "$ROOT/inputs" --output "$T/out$1" \
	    --db "$T/history$1.sqlite" --templates "$ROOT/report-templates" \
	    >"$T/build$1.log" 2>&1
	expect_status 0 $? "build $1 of the sample report ($(tail -3 "$T/build$1.log"))"
}
build 1
set -- "$T"/out1/*.pdf
[ $# -eq 1 ] && [ -f "$1" ] || { fail "build 1 wrote $# PDFs: $*"; finish; }
PDF=$1

check_pdf "$PDF" "the sample report"

# Under the sanitizers the C code is what is tested: the build, the
# checker and reproducibility; the other readers only re-read the same
# bytes and cost a minute of CPU.
if [ -z "${PR_SANITIZED:-}" ]; then
	# qpdf and poppler, without warnings.
	qpdf --check "$PDF" >"$T/qpdf" 2>&1
	expect_status 0 $? "qpdf --check ($(tail -2 "$T/qpdf"))"
	pdfinfo -struct-text "$PDF" >"$T/struct" 2>"$T/err.struct"
	expect_status 0 $? "pdfinfo -struct-text"
	pdftotext -enc UTF-8 "$PDF" "$T/text" 2>"$T/err.text"
	expect_status 0 $? "pdftotext"
	pdffonts "$PDF" >"$T/fonts" 2>"$T/err.fonts"
	expect_status 0 $? "pdffonts"
	for f in struct text fonts; do
		checks=$((checks + 1))
		if grep -q "Syntax \(Warning\|Error\)" "$T/err.$f"; then
			fail "poppler ($f) warns: $(sort -u "$T/err.$f" | head -3)"
		fi
	done

	# Every font embedded, with a ToUnicode map.  pdffonts' columns end with
	# "emb sub uni object ID"; the type column may hold a space.
	awk 'NR > 2 { n = NF; if ($(n-4) != "yes" || $(n-2) != "yes") print }' \
	    "$T/fonts" >"$T/badfonts"
	[ -s "$T/badfonts" ] && fail "fonts not embedded or without ToUnicode: $(cat "$T/badfonts")"
	[ "$(awk 'NR > 2' "$T/fonts" | wc -l)" -ge 1 ] || fail "pdffonts lists no font"

	# Text extraction keeps the umlauts and knows no replacement character.
	grep -q '[äöüÄÖÜß]' "$T/text" || fail "pdftotext: no umlaut or ß in the text"
	grep -q "$(printf '\357\277\275')" "$T/text" && fail "pdftotext: U+FFFD in the text"

	# Three readers, one outline.
	outlines_agree "the sample report" "$T/struct"

	# The headings as decoded through ToUnicode are in pdftotext's text.
	tr -d ' \n' <"$T/text" | sed 's/\xc2\xad//g' >"$T/text.nows"
	sed -n 's/^H[1-6] //p' "$T/o.pikepdf" | while IFS= read -r h; do
		k=$(printf '%s' "$h" | tr -d ' ')
		grep -qF -- "$k" "$T/text.nows" || echo "$h"
	done >"$T/lost"
	[ -s "$T/lost" ] && fail "headings not in pdftotext's text: $(head -3 "$T/lost")"

	longest_table "the sample report" 2

	# What the report is to use, present in the sample: running
	# header/footer as Pagination artifacts on every page but the title
	# page, abbreviations with /E, a passage in another language, a TOC,
	# links, bookmarks, lists and tables.
	pages=$(feature pages)
	for want in "pagination-artifact-pages $((pages - 1))" "abbreviations 1" \
	    "other-language-passages 1" "element-TOC 1" "element-TOCI 1" \
	    "link-annotations 1" "bookmarks 1" "element-L 1" "element-Table 1"; do
		set -- $want
		checks=$((checks + 1))
		[ "$(feature "$1")" -ge "$2" ] 2>/dev/null ||
			fail "the sample report has $1 $(feature "$1"), expected at least $2"
	done
	[ -n "$(feature element-Figure)" ] ||
		echo "note: the sample report's PDF has no Figure (charts) element"
fi

# Reproducible: a second build, same SOURCE_DATE_EPOCH, same bytes.
build 2
set -- "$T"/out2/*.pdf
checks=$((checks + 1))
cmp "$PDF" "$1" >&2 || fail "two builds with SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH differ"
finish
