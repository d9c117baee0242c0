#!/bin/sh
# The fonts the sample report embeds, read back with fontTools and
# pikepdf by tests/fontcheck.py and compared with the DejaVu fonts they
# were made from: subset names, every CID's glyph, outline, width and
# character, checksums, Length1, and that the subset holds only the
# glyphs drawn.  Then fontcheck.py --selftest damages copies of the
# PDF in memory (a wrong width, a wrong glyph, a ToUnicode entry naming
# another letter, an emptied outline, ...) and must report each, so
# that every check is shown to be able to fail.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
PY=/usr/bin/python3
$PY -c "import pikepdf, fontTools" 2>/dev/null ||
	{ echo "no python3-pikepdf or python3-fonttools (make deps-test)"; exit 77; }
FONTS=/usr/share/fonts/truetype/dejavu
[ -f "$FONTS/DejaVuSans.ttf" ] || { echo "no $FONTS (fonts-dejavu-core)"; exit 77; }
export SOURCE_DATE_EPOCH=1798761600
CHECK="$ROOT/tests/fontcheck.py"

for lang in de en; do
	out=$T/out-$lang
	"$PR" build --quiet --lang "$lang" --inputs "$ROOT/inputs" \
	    --output "$out" --db "$T/h-$lang.sqlite" 2>"$T/err"
	expect_status 0 $? "build --lang $lang"
	[ -s "$T/err" ] && fail "build --lang $lang printed: $(cat "$T/err")"
	pdf=$out/progress-report-2026.pdf
	[ -f "$pdf" ] || { fail "no PDF for $lang"; continue; }

	$PY "$CHECK" --fonts "$FONTS" --verbose "$pdf" >"$T/out" 2>&1
	expect_status 0 $? "fontcheck.py ($lang)"
	grep -v ' cids ' "$T/out" >"$T/fails"
	[ -s "$T/fails" ] && fail "fontcheck.py ($lang): $(head -20 "$T/fails")"
	cat "$T/out"
	# The checks ran: the three styles the report uses, each with
	# dozens of characters; each code given out is drawn.
	awk '$3 != $5 {print; bad = 1} END {exit bad}' "$T/out" ||
		fail "fontcheck.py ($lang): codes given but not drawn"
	for name in DejaVuSans DejaVuSans-Bold DejaVuSans-Oblique; do
		grep -Eq "^[A-Z]{6}\+$name cids ([3-9][0-9]|[1-9][0-9]{2,}) " "$T/out" ||
			fail "fontcheck.py ($lang) did not check $name with 30 or more CIDs"
	done
done

# Many characters: over 300 codes a font, so that codes with a byte
# that is ( ) \ or CR (40, 41, 92, 13, 296, 297, 348, 269) are drawn and
# must be escaped in the content stream; pdftotext must give the text
# back exactly.  Only characters all four DejaVu Sans styles have.
cp -R "$ROOT/inputs" "$T/many"
$PY - "$T/many/30-informationstechnik.yaml" "$T/words" "$FONTS" <<'PY'
import sys
from fontTools.ttLib import TTFont
path, words_out, fonts = sys.argv[1:]
maps = [TTFont("%s/%s.ttf" % (fonts, f)).getBestCmap() for f in (
    "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique",
    "DejaVuSans-BoldOblique")]
cps = [c for lo, hi in ((0xA1, 0x180), (0x391, 0x3CA), (0x410, 0x450))
       for c in range(lo, hi)
       if c not in (0xA0, 0xAD) and all(c in m for m in maps)]
s = "".join(map(chr, cps))
words = [s[i:i + 12] for i in range(0, len(s), 12)]
text = open(path, encoding="utf-8").read()
old = "    title: Zwei-Faktor-Authentisierung f\u00fcr alle Fernzugriffe\n"
if old not in text:
    sys.exit("the sample's milestone M-02c-1 has another title")
text = text.replace(old, "    title: Zwei-Faktor %s\n" % " ".join(words), 1)
# An explanation (regular type) with the words in the other order.
old = "      Der Wiederanlauftest des Rechenzentrums "
if old not in text:
    sys.exit("the sample's milestone M-02c-3 has another explanation")
text = text.replace(old, "      %s %s" % (" ".join(reversed(words)),
                                         old.lstrip()), 1)
open(path, "w", encoding="utf-8").write(text)
open(words_out, "w", encoding="utf-8").write("\n".join(words) + "\n")
PY
expect_status 0 $? "making inputs with many characters"
"$PR" build --quiet --inputs "$T/many" --output "$T/out-many" \
    --db "$T/h-many.sqlite" 2>"$T/err"
expect_status 0 $? "build with many characters"
pdf=$T/out-many/progress-report-2026.pdf
if [ -f "$pdf" ]; then
	$PY "$CHECK" --fonts "$FONTS" --verbose "$pdf" >"$T/out" 2>&1
	expect_status 0 $? "fontcheck.py (many characters)"
	cat "$T/out"
	for name in DejaVuSans DejaVuSans-Bold; do
		grep -Eq "^[A-Z]{6}\+$name cids [3-9][0-9]{2} " "$T/out" ||
			fail "many characters: $name has not 300 or more CIDs"
	done
	pdftotext -enc UTF-8 "$pdf" "$T/many.txt"
	n=0
	while read -r w; do
		n=$((n + 1))
		[ "$(grep -c -F -- "$w" "$T/many.txt")" -ge 2 ] ||
			fail "pdftotext lacks '$w' (in the title and the explanation)"
	done <"$T/words"
	[ "$n" -ge 25 ] || fail "only $n words of many characters"
else
	fail "no PDF with many characters: $(cat "$T/err")"
fi

# Every check can fail.
$PY "$CHECK" --fonts "$FONTS" --selftest "$T/out-de/progress-report-2026.pdf" \
    >"$T/self" 2>&1
expect_status 0 $? "fontcheck.py --selftest"
cat "$T/self"
n=$(grep -c '^selftest: .*: font-[a-z0-9]* ' "$T/self")
[ "$n" -ge 15 ] || fail "fontcheck.py --selftest: only $n damages reported"
grep -q '^selftest: .*allowed.*: passes$' "$T/self" ||
	fail "fontcheck.py --selftest: the allowed rounding was not accepted"

# Unreadable input and wrong usage.
printf 'not a pdf\n' >"$T/junk.pdf"
$PY "$CHECK" "$T/junk.pdf" >"$T/out" 2>&1
expect_status 2 $? "fontcheck.py on a non-PDF"
$PY "$CHECK" >"$T/out" 2>&1
expect_status 2 $? "fontcheck.py without a file"
finish
