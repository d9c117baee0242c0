#!/bin/sh
# t-pdf-render.sh - the sample document of tests/unit/test_pdf.c (title
# page, TOC, H1-H3, every inline kind, nested lists, a notice, a table
# over three pages, a figure) read back by other programs:
#   - poppler prints no "Syntax Warning"/"Syntax Error" for any tool;
#   - pdfinfo -struct-text equals tests/pdf/sample.struct (reviewed);
#   - pdftotext equals tests/pdf/sample.txt (reviewed; German text);
#   - pdffonts: every font embedded and with a ToUnicode map;
#   - qpdf --check is clean; the header says PDF 1.7;
#   - two renders are byte-identical;
#   - the long table is one Table element on at least three pages with
#     its header repeated as artifacts (tests/pdfcheck.py --tables);
#   - tests/pdfcheck.py finds nothing wrong.
# Set PR_REGEN=1 to rewrite the expected files (then look at them).
set -u
bin=$B/tests/test_pdf
exp=$ROOT/tests/pdf
[ -x "$bin" ] || { echo "missing $bin (make compile)"; exit 1; }
fail=0
bad() { echo "FAIL: $*"; fail=1; }

"$bin" "$T" 2>"$T/render.log" || { cat "$T/render.log"; exit 1; }
pdf=$T/sample.pdf
[ -s "$pdf" ] || { echo "no sample.pdf"; exit 1; }

head -c 8 "$pdf" | grep -q '^%PDF-1.7' || bad "header is not %PDF-1.7"

# (pdfinfo -struct-text is slow, so it runs once, below.)
for cmd in "pdfinfo" "pdffonts" "pdftotext"; do
	$cmd "$pdf" - >/dev/null 2>"$T/err" || $cmd "$pdf" >/dev/null \
	    2>"$T/err" || bad "$cmd failed"
	if grep -q "Syntax" "$T/err"; then
		bad "$cmd printed warnings:"
		head -5 "$T/err"
	fi
done

# Object numbers change with any change to the writer; the structure
# does not.
pdfinfo -struct-text "$pdf" 2>"$T/err" |
    sed 's/Object [0-9]* [0-9]*/Object/' >"$T/struct.txt"
if grep -q "Syntax" "$T/err"; then
	bad "pdfinfo -struct-text printed warnings:"
	head -5 "$T/err"
fi
pdftotext "$pdf" "$T/text.txt" 2>/dev/null
if [ "${PR_REGEN:-}" = 1 ]; then
	cp "$T/struct.txt" "$exp/sample.struct"
	cp "$T/text.txt" "$exp/sample.txt"
fi
diff -u "$exp/sample.struct" "$T/struct.txt" >"$T/d1" ||
    { bad "structure differs from tests/pdf/sample.struct"; head -40 "$T/d1"; }
diff -u "$exp/sample.txt" "$T/text.txt" >"$T/d2" ||
    { bad "text differs from tests/pdf/sample.txt"; head -40 "$T/d2"; }

pdffonts "$pdf" 2>/dev/null | awk 'NR > 2 {
	n++
	if ($(NF-4) != "yes" || $(NF-2) != "yes") { print "font " $1 ": emb " $(NF-4) " uni " $(NF-2); bad = 1 }
} END { if (n < 3) { print "only " n " fonts"; bad = 1 } exit bad }' ||
    bad "a font is not embedded or has no ToUnicode map"

qpdf --check "$pdf" >"$T/qpdf" 2>&1 || { bad "qpdf --check"; cat "$T/qpdf"; }
grep -qi "warning" "$T/qpdf" && { bad "qpdf warnings"; cat "$T/qpdf"; }

cmp -s "$pdf" "$T/sample2.pdf" || bad "two renders differ"

n=$(grep -c '^ *Table' "$T/struct.txt")
[ "$n" = 1 ] || bad "expected one Table element, found $n"

if [ -f "$ROOT/tests/pdfcheck.py" ]; then
	/usr/bin/python3 "$ROOT/tests/pdfcheck.py" "$pdf" --tables \
	    >"$T/check" 2>&1 || { bad "pdfcheck"; cat "$T/check"; }
	line=$(grep '^Table 1:' "$T/check")
	pages=$(echo "$line" | sed -n 's/.*pages \([0-9,]*\).*/\1/p' |
	    tr ',' ' ' | wc -w)
	rep=$(echo "$line" |
	    sed -n 's/.*repeated-header-artifact-pages \([0-9,]*\).*/\1/p' |
	    tr ',' ' ' | wc -w)
	[ "$pages" -ge 3 ] || bad "the table spans $pages pages: $line"
	[ "$rep" -ge 2 ] || bad "header repeated on $rep pages: $line"
else
	echo "note: tests/pdfcheck.py not present yet; its checks skipped"
fi
exit $fail
