#!/bin/sh
# The page at a glance, second in the PDF and first in the HTML's main
# content: its key figures, each resolution point's state and the three
# key results and biggest risks as the inputs give them (computed again
# by tests/glancecheck.py from the YAML and CSV), each link leading to
# its section's heading, de and en, and in large print (two pages).
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
PY=/usr/bin/python3
$PY -c "import yaml, pikepdf" 2>/dev/null || { echo "no python3-yaml or python3-pikepdf"; exit 77; }
export SOURCE_DATE_EPOCH=1798761600

run() { # LANG LAST_PAGE [build options]
	lang=$1 last=$2
	shift 2
	out=$T/out-$lang-$last
	"$PR" build --quiet --lang "$lang" --inputs "$ROOT/inputs" --output "$out" \
	    --db "$T/h-$lang-$last.sqlite" "$@" 2>"$T/err"
	expect_status 0 $? "build --lang $lang $*"
	pdf=$(ls "$out"/*.pdf 2>/dev/null | head -1)
	html=$(ls "$out"/*.html 2>/dev/null | head -1)
	[ -n "$pdf" ] && [ -n "$html" ] || { fail "no outputs for $lang $*"; return; }
	checks=$((checks + 1))
	$PY "$ROOT/tests/glancecheck.py" "$lang" "$ROOT/inputs" "$pdf" "$html" "$last" >&2 ||
	    fail "the page at a glance ($lang $*)"
}

run de 2
run en 2
run de 3 --large-print

# A highlight marked in the inputs comes first among the results: the
# earliest result of the year, which the rule alone would not pick.
mkdir -p "$T/in"
cp "$ROOT"/inputs/* "$T/in/"
f=$T/in/10-kommunikation-buergerservice.yaml
sed '0,/^  - id: M-01a-1$/s//  - id: M-01a-1\n    highlight: true/' "$f" >"$T/f" && mv "$T/f" "$f"
grep -q "highlight: true" "$f" || fail "could not mark the highlight"
"$PR" build --quiet --lang de --inputs "$T/in" --output "$T/hl" --db "$T/hl.sqlite" 2>"$T/err"
expect_status 0 $? "build with a highlight"
pdftotext -f 2 -l 2 "$T/hl/progress-report-2026.pdf" "$T/hl.txt" 2>/dev/null
tr '\n' ' ' <"$T/hl.txt" | grep -q "1\. Anforderungsanalyse und Nutzerbefragung" ||
    fail "the marked highlight is not the first result"
checks=$((checks + 1))
$PY "$ROOT/tests/glancecheck.py" de "$T/in" "$T/hl/progress-report-2026.pdf" \
    "$T/hl/progress-report-2026.html" >&2 || fail "the page at a glance with a highlight"

# A highlight that is not true or false is an error at its place.
sed 's/^    highlight: true$/    highlight: ja/' "$f" >"$T/f" && mv "$T/f" "$f"
line=$(grep -n "highlight: ja" "$f" | cut -d: -f1)
"$PR" check --inputs "$T/in" >"$T/out" 2>"$T/err"
expect_status 1 $? "check with highlight: ja"
grep -q "10-kommunikation-buergerservice.yaml:$line:[0-9]*: .*true or false" "$T/err" ||
    fail "no message at the highlight's place: $(cat "$T/err")"
finish
