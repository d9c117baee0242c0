#!/bin/sh
# The sample report's PDF, read back by independent tools (issue 5):
# - tests/pdfcheck.py (PDF/UA-1, PDF/A-2b rules) passes;
# - qpdf --check passes; pdfinfo -struct-text, pdftotext and pdffonts
#   print no "Syntax Warning"/"Syntax Error";
# - every font is embedded and has a ToUnicode map (pdffonts emb, uni);
# - pdftotext keeps the umlauts, and the headings pikepdf decodes are in
#   pdftotext's text;
# - pdf.js (getStructTree) and poppler (pdfinfo -struct-text) list the
#   same headings, tables and figures in the same order as pdfcheck.py;
# - the longest table is one Table element over several pages, its
#   header row repeated as an artifact on each continuation page;
# - two builds with the same SOURCE_DATE_EPOCH are byte-identical.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
PY=/usr/bin/python3
$PY -c "import pikepdf" 2>/dev/null || { echo "no python3-pikepdf"; exit 77; }
for tool in qpdf pdfinfo pdftotext pdffonts; do
	command -v $tool >/dev/null || { echo "no $tool"; exit 77; }
done
CHECK="$ROOT/tests/pdfcheck.py"
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

# The checker.
$PY "$CHECK" "$PDF" >"$T/pdfcheck" 2>&1
expect_status 0 $? "pdfcheck.py"
[ -s "$T/pdfcheck" ] && sed 's/^/pdfcheck: /' "$T/pdfcheck" | head -40 >&2

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

# Three readers, one outline: pikepdf (pdfcheck.py --list), poppler and
# pdf.js.  Compared without whitespace; poppler does not show /Alt.
$PY "$CHECK" --list "$PDF" | grep -E '^(H[1-6]?|Table|Figure)( |$)' >"$T/o.pikepdf"
grep -q '^H1 ' "$T/o.pikepdf" || fail "pdfcheck --list found no H1"
$PY "$ROOT/tests/pdfcheck/poppler_outline.py" "$T/struct" >"$T/o.poppler"
sed 's/^Figure.*/Figure/; s/[[:space:]]//g' "$T/o.pikepdf" >"$T/n.pikepdf.noalt"
sed 's/[[:space:]]//g' "$T/o.poppler" >"$T/n.poppler"
expect_same "$T/n.pikepdf.noalt" "$T/n.poppler" "poppler's headings, tables and figures"
if [ -f "$ROOT/tests/node_modules/pdfjs-dist/legacy/build/pdf.mjs" ] &&
    command -v node >/dev/null; then
	node "$ROOT/tests/pdfjs-struct.mjs" "$PDF" >"$T/o.pdfjs" 2>"$T/err.pdfjs"
	expect_status 0 $? "pdfjs-struct.mjs ($(head -3 "$T/err.pdfjs"))"
	sed 's/[[:space:]]//g' "$T/o.pikepdf" >"$T/n.pikepdf"
	sed 's/[[:space:]]//g' "$T/o.pdfjs" >"$T/n.pdfjs"
	expect_same "$T/n.pikepdf" "$T/n.pdfjs" "pdf.js's headings, tables and figures"
	# pdf.js and poppler: the same headings in the same order.
	grep '^H' "$T/n.pdfjs" >"$T/h.pdfjs"
	grep '^H' "$T/n.poppler" >"$T/h.poppler"
	expect_same "$T/h.pdfjs" "$T/h.poppler" "pdf.js's headings against poppler's"
	# And the checker agrees with pdf.js's headings, text included.
	grep '^H' "$T/o.pdfjs" >"$T/h.expected"
	$PY "$CHECK" --expect-headings "$T/h.expected" "$PDF" >"$T/out" 2>&1
	expect_status 0 $? "pdfcheck --expect-headings with pdf.js's headings ($(grep '^headings-expected' "$T/out"))"
else
	echo "note: no tests/node_modules/pdfjs-dist (make npm): pdf.js part skipped"
fi
# The headings as decoded through ToUnicode are in pdftotext's text.
tr -d ' \n' <"$T/text" | sed 's/\xc2\xad//g' >"$T/text.nows"
sed -n 's/^H[1-6] //p' "$T/o.pikepdf" | while IFS= read -r h; do
	k=$(printf '%s' "$h" | tr -d ' ')
	grep -qF -- "$k" "$T/text.nows" || echo "$h"
done >"$T/lost"
[ -s "$T/lost" ] && fail "headings not in pdftotext's text: $(head -3 "$T/lost")"

# The longest table (issue 5): one Table element over several pages,
# its header row repeated as an artifact on every continuation page.
$PY "$CHECK" --tables "$PDF" >"$T/tables" 2>&1
awk '/^Table / {
	split($4, p, ","); n = 0; for (i in p) n++
	if (n > best) { best = n; line = $0 }
} END { print best + 0; print line }' "$T/tables" >"$T/longest"
pages=$(sed -n 1p "$T/longest")
line=$(sed -n 2p "$T/longest")
echo "longest table: $line"
if [ "$pages" -lt 2 ]; then
	fail "no table of the sample report runs over more than one page: $(cat "$T/tables")"
else
	cont=$(echo "$line" | awk '{ print $4 }' | cut -d, -f2-)
	rep=$(echo "$line" | awk '{ print $10 }')
	[ "$cont" = "$rep" ] || fail "continuation pages $cont, header repeated as artifact on $rep"
	[ "$pages" -ge 3 ] || echo "note: the longest table spans $pages pages (issue 5 asks for a three-page one)"
fi

# Reproducible: a second build, same SOURCE_DATE_EPOCH, same bytes.
build 2
set -- "$T"/out2/*.pdf
checks=$((checks + 1))
cmp "$PDF" "$1" >&2 || fail "two builds with SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH differ"
finish
