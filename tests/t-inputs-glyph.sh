#!/bin/sh
# A character the report's font lacks, in an input value, is an error
# that names the input file and the milestone (the text and where it
# came from), besides the template place where the PDF
# met it; exit 1, and nothing is written.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
cp -R "$ROOT/inputs" "$T/in"
f=$T/in/30-informationstechnik.yaml
line=$(grep -n -- "- id: M-02c-1$" "$f" | cut -d: -f1)
[ -n "$line" ] || { fail "the sample has no milestone M-02c-1"; finish; }
# U+9032, a CJK ideograph: not in DejaVu Sans.
sed -i 's/title: Zwei-Faktor-Authentisierung/title: Zwei-Faktor-Authentisierung \xe9\x80\xb2/' "$f"
"$PR" build --quiet --inputs "$T/in" --output "$T/out" --db "$T/h.sqlite" 2>"$T/err"
expect_status 1 $? "build with a character the font lacks"
grep -q "^$f:$line:5: error: the title of milestone M-02c-1 contains the character U+9032, which the report's font (DejaVu Sans) lacks" "$T/err" ||
    fail "no error at the input's place: $(cat "$T/err")"
grep -q "report-templates/de/partials/.*: error: the character U+9032 in \"M-02c-1 Zwei-Faktor-Authentisierung" "$T/err" ||
    fail "no error at the template's place"
[ -e "$T/out/progress-report-2026.pdf" ] && fail "a PDF was written"
[ -e "$T/h.sqlite" ] && fail "a history was written"
finish
