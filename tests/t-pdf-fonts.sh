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
	# dozens of characters, and a subset far smaller than the font.
	for name in DejaVuSans DejaVuSans-Bold DejaVuSans-Oblique; do
		grep -Eq "^[A-Z]{6}\+$name cids ([3-9][0-9]|[1-9][0-9]{2,}) " "$T/out" ||
			fail "fontcheck.py ($lang) did not check $name with 30 or more CIDs"
	done
done

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
