#!/bin/sh
# t-pdf-errors.sh - a character the font lacks and one outside the BMP
# are errors naming the source position, the code point and the text
# (tests/unit/test_pdf.c renders both and checks nothing is written).
set -u
bin=$B/tests/test_pdf
[ -x "$bin" ] || { echo "missing $bin (make compile)"; exit 1; }
"$bin" "$T" 2>"$T/log" || { cat "$T/log"; exit 1; }
fail=0
grep -qF 'inputs/milestones.yaml:12:10: error: the character U+4E2D in "Chinesisch: 中文" is not in the report'"'"'s font (DejaVu Sans)' "$T/log" ||
    { echo "FAIL: no missing-glyph message"; fail=1; }
grep -qF 'inputs/milestones.yaml:12:10: error: the character U+1F600 in "Emoji: ' "$T/log" ||
    { echo "FAIL: no message for the non-BMP character"; fail=1; }
grep -qF 'outside the Basic Multilingual Plane' "$T/log" ||
    { echo "FAIL: non-BMP message wording"; fail=1; }
[ $fail = 0 ] || cat "$T/log"
exit $fail
