#!/bin/sh
# A character the report's font lacks, in an input value, is an error
# that names the input file and the milestone (the text and where it
# came from), besides the template place where the PDF
# met it; exit 1, and nothing is written.  `check` refuses it too, with
# the same messages, so that the January build does not meet it first.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
cp -R "$ROOT/inputs" "$T/in"
f=$T/in/30-informationstechnik.yaml
line=$(grep -n -- "- id: M-02c-1$" "$f" | cut -d: -f1)
line2=$(grep -n -- "- id: M-02c-2$" "$f" | cut -d: -f1)
[ -n "$line" ] && [ -n "$line2" ] ||
    { fail "the sample has no milestones M-02c-1 and M-02c-2"; finish; }
# U+9032, a CJK ideograph, and U+3164, the invisible Hangul filler:
# neither is in DejaVu Sans.
sed -i -e 's/title: Zwei-Faktor-Authentisierung/title: Zwei-Faktor-Authentisierung \xe9\x80\xb2/' \
    -e 's/title: Verzeichnis der/title: Verzeichnis\xe3\x85\xa4der/' "$f"

"$PR" check --quiet --inputs "$T/in" --db "$T/h.sqlite" 2>"$T/check"
expect_status 1 $? "check with characters the font lacks"
"$PR" build --quiet --inputs "$T/in" --output "$T/out" --db "$T/h.sqlite" 2>"$T/err"
expect_status 1 $? "build with characters the font lacks"
for out in check err; do
    grep -q "^$f:$line:5: error: the title of milestone M-02c-1 contains the character U+9032, which the report's font (DejaVu Sans) lacks" "$T/$out" ||
        fail "$out: no error at the input's place: $(cat "$T/$out")"
    grep -q "^$f:$line2:5: error: the title of milestone M-02c-2 contains the character U+3164, which the report's font (DejaVu Sans) lacks" "$T/$out" ||
        fail "$out: no error for U+3164 at the input's place"
    grep -q "report-templates/de/partials/.*: error: the character U+9032 in \"M-02c-1 Zwei-Faktor-Authentisierung" "$T/$out" ||
        fail "$out: no error at the template's place"
    # The invisible filler is quoted as an escape, not unseen.
    grep -q 'error: the character U+3164 in "M-02c-2 Verzeichnis\\u3164der' "$T/$out" ||
        fail "$out: U+3164 is not quoted as \\u3164"
done
# check says what build says about the characters, no more, no less.
grep "U+[0-9A-F]*" "$T/check" >"$T/check-chars"
grep "U+[0-9A-F]*" "$T/err" >"$T/build-chars"
expect_same "$T/build-chars" "$T/check-chars" "check's messages about the characters"
[ -e "$T/out/progress-report-2026.pdf" ] && fail "a PDF was written"
[ -e "$T/h.sqlite" ] && fail "a history was written"

# check tests a text against the face the PDF sets it in, not against
# all four: U+2D30 (Tifinagh ya) is in DejaVu Sans and Sans Bold, not
# in the oblique faces, and a milestone's title is never set oblique.
cp -R "$ROOT/inputs" "$T/up"
sed -i 's/title: Zwei-Faktor-Authentisierung/title: Zwei-Faktor-Authentisierung \xe2\xb4\xb0/' \
    "$T/up/30-informationstechnik.yaml"
"$PR" check --quiet --inputs "$T/up" --db "$T/h-up.sqlite" 2>"$T/check"
expect_status 0 $? "check with a character the upright faces have"
"$PR" build --quiet --inputs "$T/up" --output "$T/out-up" --db "$T/h-up.sqlite" 2>"$T/err"
expect_status 0 $? "build with a character the upright faces have"
grep "U+" "$T/check" && fail "check refused U+2D30"

# check reads the fonts from where build does, and refuses as build
# does when they are not there.
mkdir "$T/nofonts"
"$PR" check --quiet --fonts "$T/nofonts" --inputs "$ROOT/inputs" --db "$T/h-nf.sqlite" 2>"$T/check"
expect_status 3 $? "check without the fonts"
"$PR" build --quiet --fonts "$T/nofonts" --inputs "$ROOT/inputs" --output "$T/out-nf" --db "$T/h-nf.sqlite" 2>"$T/err"
expect_status 3 $? "build without the fonts"
grep -q "^$T/nofonts/DejaVuSans.ttf: error: cannot read the font" "$T/check" ||
    fail "check: no message about the fonts: $(cat "$T/check")"
grep "nofonts" "$T/err" >"$T/build-fonts"
grep "nofonts" "$T/check" >"$T/check-fonts"
expect_same "$T/build-fonts" "$T/check-fonts" "check's message about the fonts"
finish
