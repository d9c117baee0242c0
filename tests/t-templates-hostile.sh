#!/bin/sh
# Hostile strings in the inputs (markup characters, HTML, a script, an
# entity, a javascript: link, a very long word) show literally in both
# outputs and nothing of them becomes markup.
[ -x "$PR" ] || exit 77
command -v pdftotext >/dev/null || exit 77
fail() { echo "FAIL: $*"; exit 1; }

cp -R "$ROOT/inputs" "$T/in"
f=$(grep -l 'id: M-02a-2' "$T/in"/*.yaml | head -1)
[ -n "$f" ] || fail "no sample milestone M-02a-2"
long=$(printf 'Verwaltungsdigitalisierungsbeschleunigungsgesetz%.0s' 1 2 3)
python3 - "$f" "$long" <<'PY'
import sys, re
path, long = sys.argv[1], sys.argv[2]
s = open(path, encoding="utf-8").read()
hostile = ('Hostile *stern* #raute |pipe| _unter_ <script>alert(1)</script>'
           ' & &amp; [x](javascript:alert(2)) ' + long)
s, n = re.subn(r'(id: M-02a-2\n(?:\s+\w+:.*\n)*?\s+title: ).*',
               lambda m: m.group(1) + '"' + hostile.replace('"', '\\"') + '"', s)
assert n == 1, "title not replaced"
open(path, "w", encoding="utf-8").write(s)
PY
[ $? -eq 0 ] || fail "cannot edit the input"
"$PR" build --quiet --inputs "$T/in" --output "$T/out" --db "$T/db" \
    --templates "$ROOT/report-templates" 2>"$T/err" ||
	{ cat "$T/err"; fail "the build failed"; }
html=$(ls "$T"/out/*.html | head -1)
pdf=$(ls "$T"/out/*.pdf | head -1)
[ -f "$html" ] && [ -f "$pdf" ] || fail "no outputs"
grep -q '<script>alert(1)' "$html" && fail "the script is live in the HTML"
grep -q 'href="javascript' "$html" && fail "a javascript: link in the HTML"
# Long words carry soft hyphens (&shy;), which no reader sees.
sed 's/\xc2\xad//g; s/&shy;//g' "$html" >"$T/plain.html"
for s in 'Hostile *stern* #raute |pipe| _unter_ &lt;script&gt;alert(1)&lt;/script&gt; &amp; &amp;amp; [x](javascript:alert(2))' "$long"; do
	grep -q -F "$s" "$T/plain.html" || fail "not literally in the HTML: $s"
done
pdftotext -enc UTF-8 "$pdf" "$T/pdf.txt" || fail "pdftotext failed"
tr -s ' \n' '  ' <"$T/pdf.txt" >"$T/pdf1.txt"
for s in '*stern*' '#raute' '|pipe|' '_unter_' '<script>alert(1)</script>' '& &amp;' '[x](javascript:alert(2))'; do
	grep -q -F -- "$s" "$T/pdf1.txt" || fail "not literally in the PDF: $s"
done
echo ok
