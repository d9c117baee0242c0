#!/bin/sh
# The PDF checker's own test: it must pass a hand-made, fully tagged PDF
# and fail each broken copy of it naming the right rule, so that every
# check is shown to be able to fail.  The fixtures are made here by
# tests/pdfcheck/make_fixtures.py (pikepdf), not kept as binaries.  The
# good fixture is also read by qpdf, poppler and pdf.js, so a mistake in
# the fixture itself cannot make the checker look right.
set -u
. "$ROOT/tests/lib/common.sh"

# It tests Python, not the C code: nothing to gain under the sanitizers.
[ -n "${PR_SANITIZED:-}" ] && { echo "skipped under the sanitizers"; exit 77; }
PY=/usr/bin/python3
$PY -c "import pikepdf" 2>/dev/null || { echo "no python3-pikepdf"; exit 77; }
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
[ -f "$FONT" ] || { echo "no $FONT (fonts-dejavu-core)"; exit 77; }
CHECK="$ROOT/tests/pdfcheck.py"
F=$T/fixtures

$PY "$ROOT/tests/pdfcheck/make_fixtures.py" "$F" "$FONT" ||
	{ fail "make_fixtures.py failed"; finish; }

# Outlines are compared without whitespace (each reader joins lines its
# own way); poppler does not print /Alt, so for it figures are "Figure".
nows() { sed 's/[[:space:]]//g' "$1" >"$1.nows"; }
noalt() { sed 's/^Figure.*/Figure/' "$1" >"$1.noalt"; }

# The good ones pass, with no output at all.
for good in good rolemapped; do
	$PY "$CHECK" "$F/$good.pdf" >"$T/out" 2>&1
	expect_status 0 $? "pdfcheck $good.pdf"
	[ -s "$T/out" ] && fail "$good.pdf: pdfcheck printed: $(head -5 "$T/out")"
done
$PY "$CHECK" --list "$F/good.pdf" >"$T/pdfcheck.outline"
printf '%s\n' "H1 Prüfbericht Digitalstrategie" "H2 Einleitung" \
	"H2 Maßnahmen" "Figure Balkendiagramm: 42, 57 und 61" "Table rows=4" \
	"H2 Ende" >"$T/want.outline"
expect_same "$T/want.outline" "$T/pdfcheck.outline" "pdfcheck --list of good.pdf"
nows "$T/pdfcheck.outline"
noalt "$T/pdfcheck.outline"
nows "$T/pdfcheck.outline.noalt"

# The good fixture is good for the other readers too.
if command -v qpdf >/dev/null; then
	qpdf --check "$F/good.pdf" >"$T/qpdf" 2>&1
	expect_status 0 $? "qpdf --check good.pdf"
fi
if command -v pdfinfo >/dev/null; then
	pdfinfo -struct-text "$F/good.pdf" >"$T/struct" 2>"$T/err"
	pdftotext "$F/good.pdf" "$T/txt" 2>>"$T/err"
	pdffonts "$F/good.pdf" >"$T/fonts" 2>>"$T/err"
	grep -q "Syntax" "$T/err" && fail "poppler warns on good.pdf: $(head -3 "$T/err")"
	grep -q "Maßnahmen" "$T/txt" || fail "pdftotext lost the umlauts of good.pdf"
	$PY "$ROOT/tests/pdfcheck/poppler_outline.py" "$T/struct" >"$T/poppler.outline"
	nows "$T/poppler.outline"
	expect_same "$T/pdfcheck.outline.noalt.nows" "$T/poppler.outline.nows" \
		"poppler's outline of good.pdf"
fi
NODE_PDFJS="$ROOT/tests/node_modules/pdfjs-dist/legacy/build/pdf.mjs"
if command -v node >/dev/null && [ -f "$NODE_PDFJS" ]; then
	node "$ROOT/tests/pdfjs-struct.mjs" "$F/good.pdf" >"$T/pdfjs.outline" 2>"$T/err"
	expect_status 0 $? "pdfjs-struct.mjs good.pdf"
	nows "$T/pdfjs.outline"
	expect_same "$T/pdfcheck.outline.nows" "$T/pdfjs.outline.nows" \
		"pdf.js's outline of good.pdf"
else
	echo "note: no pdfjs-dist in tests/node_modules (run make npm); pdf.js part skipped"
fi

# --tables: the table continues on page 2 with its header as an artifact.
$PY "$CHECK" --tables "$F/good.pdf" >"$T/tables"
grep -qx "Table 1: pages 1,2 rows 4 header-cells 2 repeated-header-artifact-pages 2" \
	"$T/tables" || fail "--tables on good.pdf: $(cat "$T/tables")"

# --features counts what the document uses.
$PY "$CHECK" --features "$F/good.pdf" >"$T/features"
printf '%s\n' "pages 2" "pagination-artifact-pages 2" "abbreviations 1" \
	"other-language-passages 1" "bookmarks 4" "link-annotations 1" \
	"element-Document 1" "element-Figure 1" "element-H1 1" "element-H2 3" \
	"element-L 1" "element-LBody 2" "element-LI 2" "element-Lbl 2" \
	"element-Link 1" "element-P 2" "element-Span 1" "element-TBody 1" \
	"element-TD 6" "element-TH 2" "element-THead 1" "element-TR 4" \
	"element-Table 1" >"$T/want.features"
expect_same "$T/want.features" "$T/features" "pdfcheck --features of good.pdf"

# --report writes the same three reports to files, in one reading.
$PY "$CHECK" --report "$T/rep" "$F/good.pdf" >"$T/out" 2>&1
expect_status 0 $? "pdfcheck --report good.pdf"
expect_same "$T/pdfcheck.outline" "$T/rep.list" "--report's .list"
expect_same "$T/tables" "$T/rep.tables" "--report's .tables"
expect_same "$T/want.features" "$T/rep.features" "--report's .features"

# --expect-headings: right list passes, a wrong one fails.
grep '^H' "$T/want.outline" >"$T/headings"
$PY "$CHECK" --expect-headings "$T/headings" "$F/good.pdf" >"$T/out" 2>&1
expect_status 0 $? "--expect-headings with the right headings"
sed 's/^H2 Ende$/H2 Schluss/' "$T/headings" >"$T/wrong"
$PY "$CHECK" --expect-headings "$T/wrong" "$F/good.pdf" >"$T/out" 2>&1
expect_status 1 $? "--expect-headings with a wrong heading"
grep -q "^headings-expected heading 4: expected H2 'Schluss', found H2 'Ende'" "$T/out" ||
	fail "--expect-headings message: $(cat "$T/out")"

# Each broken fixture fails, naming its rule.
n=0
while read -r name rule; do
	n=$((n + 1))
	$PY "$CHECK" "$F/$name.pdf" >"$T/out" 2>&1
	expect_status 1 $? "pdfcheck $name.pdf"
	grep -q "^$rule " "$T/out" ||
		fail "$name.pdf: no '$rule' failure; got: $(head -5 "$T/out")"
done <"$F/expected-rules.txt"
[ "$n" -ge 30 ] || fail "only $n broken fixtures"

# Unreadable input and wrong usage.
printf 'not a pdf\n' >"$T/junk.pdf"
$PY "$CHECK" "$T/junk.pdf" >"$T/out" 2>&1
expect_status 2 $? "pdfcheck on a non-PDF"
$PY "$CHECK" >"$T/out" 2>&1
expect_status 2 $? "pdfcheck without a file"
finish
