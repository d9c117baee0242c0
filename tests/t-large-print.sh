#!/bin/sh
# Type a low-vision reader can use: in the PDF, body text (outside
# tables and figures) at least 11 pt and table text at least 9 pt, read
# from the content streams (tests/typesize.py); and build --large-print,
# the same report with body text at 14 pt: written under the locale's
# ending (-grossdruck, -large-print), tables no smaller than 9 pt
# either (a table whose longest words' parts between hyphenation points
# do not fit shrinks to that, not below; most stay at 12 pt), passing
# the same PDF/UA-1 checks
# (tests/pdfcheck.py, pdf.js, poppler) with the same headings, tables,
# figures and element counts, and the same HTML apart from its style
# and the charts' drawing.  Chart text: at least 9 pt, and in large
# print mostly at least 10.5 pt (drawn at 11; set smaller where a page
# would otherwise stay half empty, down to 10 pt, or where a chart is
# taller than a page, the roadmap: pdf_layout.c).
set -u
. "$ROOT/tests/lib/common.sh"
. "$ROOT/tests/pdfcheck/lib.sh"
need_binary
need_readers
export SOURCE_DATE_EPOCH=1798761600

at_least() { # at_least KIND MIN FILE WHAT
	got=$(awk -v k="$1" '$1 == k { print $2 }' "$3")
	checks=$((checks + 1))
	if [ -z "$got" ]; then
		fail "$4: no $1 text measured"
	elif ! awk -v g="$got" -v m="$2" 'BEGIN { exit !(g + 0 >= m - 0.005) }'; then
		fail "$4: $1 text at $got pt, less than $2 pt"
	else
		echo "ok: $4: smallest $1 text $got pt (at least $2)"
	fi
}

for lang in de en; do
	"$PR" build --quiet --lang $lang --inputs "$ROOT/inputs" \
	    --templates "$ROOT/report-templates" --output "$T/std-$lang" \
	    --db "$T/std-$lang.db" 2>"$T/err"
	expect_status 0 $? "build --lang $lang ($(head -3 "$T/err"))"
	"$PR" build --quiet --large-print --lang $lang --inputs "$ROOT/inputs" \
	    --templates "$ROOT/report-templates" --output "$T/lp-$lang" \
	    --db "$T/lp-$lang.db" 2>"$T/err"
	expect_status 0 $? "build --large-print --lang $lang ($(head -3 "$T/err"))"
done
# brokenwords.py finds a word cut between letters: a milestone title
# of one long word without hyphenation points, in the roadmap's table.
cp -R "$ROOT/inputs" "$T/in-cut"
sed -i 's/^    title: Anforderungsanalyse und Nutzerbefragung zur neuen Homepage$/    title: Xq7Zr8Wp9Ys6Xq7Zr8Wp9Ys6Xq7Zr8Wp9Ys6Xq7Zr8Wp9Ys6/' \
    "$T/in-cut/10-kommunikation-buergerservice.yaml"
"$PR" build --quiet --large-print --inputs "$T/in-cut" \
    --templates "$ROOT/report-templates" --output "$T/lp-cut" \
    --db "$T/lp-cut.db" 2>"$T/err"
expect_status 0 $? "build --large-print with a long word ($(head -3 "$T/err"))"
$PY "$ROOT/tests/brokenwords.py" "$(ls "$T/lp-cut"/*.pdf)" >"$T/broken-cut" 2>&1
expect_status 1 $? "brokenwords.py finds no cut word: $(head -3 "$T/broken-cut")"
checks=$((checks + 1))
grep -q '^cut Xq7Zr8Wp9Ys6' "$T/broken-cut" ||
    fail "brokenwords.py does not name the cut word: $(head -3 "$T/broken-cut")"

for f in "$T/lp-de/progress-report-2026-grossdruck.pdf" \
    "$T/lp-de/progress-report-2026-grossdruck.html" \
    "$T/lp-en/progress-report-2026-large-print.pdf" \
    "$T/lp-en/progress-report-2026-large-print.html"; do
	checks=$((checks + 1))
	[ -f "$f" ] || fail "large print not written as $(basename "$f"): $(ls "$(dirname "$f")")"
done

for lang in de en; do
	std=$T/std-$lang/progress-report-2026.pdf
	lp=$(ls "$T/lp-$lang"/*.pdf)
	$PY "$ROOT/tests/typesize.py" "$std" >"$T/size-std" 2>&1
	$PY "$ROOT/tests/typesize.py" "$lp" >"$T/size-lp" 2>&1
	at_least body 11 "$T/size-std" "standard $lang"
	at_least table 9 "$T/size-std" "standard $lang"
	at_least body 14 "$T/size-lp" "large print $lang"
	at_least table 9 "$T/size-lp" "large print $lang"
	# Most table text at the large size (9.5 pt times 14/11): long
	# words hyphenate before a table is set smaller (it was 9 pt).
	at_least table-median 12 "$T/size-lp" "large print $lang"
	# ... at hyphenation points: no word cut between two letters.
	for v in std lp; do
		$PY "$ROOT/tests/brokenwords.py" "$(ls "$T/$v-$lang"/*.pdf)" \
		    >"$T/broken-$v" 2>&1
		expect_status 0 $? "$v $lang: words cut between letters: $(grep -m 3 '^cut' "$T/broken-$v" | tr '\n' ';')"
	done
	at_least figure 9 "$T/size-std" "standard $lang"
	at_least figure 9 "$T/size-lp" "large print $lang"
	at_least figure-median 10.5 "$T/size-lp" "large print $lang"

	# Same checks, same structure.  A word the layout broke across
	# lines is a Span with /ActualText, where the lines fall: those
	# are not counted.
	elements() {
		n=$($PY -c 'import pikepdf, sys
p = pikepdf.open(sys.argv[1])
print(sum(1 for o in p.objects
          if getattr(o, "_type_code", None) == pikepdf.ObjectType.dictionary
          and o.get("/S") == "/Span" and "/ActualText" in o))' "$1")
		grep '^element-' "$T/rep.features" |
		    awk -v n="$n" '$1 == "element-Span" { $2 -= n } { print }'
	}
	check_pdf "$std" "standard $lang"
	cp "$T/rep.list" "$T/list-std"
	elements "$std" >"$T/el-std"
	check_pdf "$lp" "large print $lang"
	outlines_agree "large print $lang" -
	elements "$lp" >"$T/el-lp"
	expect_same "$T/list-std" "$T/rep.list" "large print $lang: headings, tables, figures"
	expect_same "$T/el-std" "$T/el-lp" "large print $lang: structure elements by type"
	checks=$((checks + 1))
	std_pages=$(pdfinfo "$std" | awk '/^Pages:/ { print $2 }')
	lp_pages=$(pdfinfo "$lp" | awk '/^Pages:/ { print $2 }')
	[ "$lp_pages" -gt "$std_pages" ] ||
	    fail "large print $lang has $lp_pages pages, standard $std_pages: not larger"

	# The HTML: the same page but for the style sheet's large-print
	# rules and the charts' drawing, narrower for larger text
	# (chart_int.h): in each SVG the same title and description, and
	# the same words (labels wrap elsewhere; axis steps may differ).
	for v in std lp; do
		$PY - "$(ls "$T/$v-$lang"/*.html)" >"$T/h-$v" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"<style>.*?</style>", "", s, flags=re.S)
def words(m):
    svg = m.group(0)
    meta = re.findall(r"<(?:title|desc)\b.*?</(?:title|desc)>", svg, flags=re.S)
    text = " ".join(re.findall(r"<text\b[^>]*>(.*?)</text>", svg, flags=re.S))
    return "<svg>%s\n%s</svg>" % ("".join(meta), " ".join(
        w for w in text.split() if re.search(r"[^\W\d]", w)))
sys.stdout.write(re.sub(r"<svg\b.*?</svg>", words, s, flags=re.S))
PY
	done
	checks=$((checks + 1))
	grep -q 'Homepage.*</svg>' "$T/h-std" ||
	    fail "large print $lang: no chart words found to compare"
	expect_same "$T/h-std" "$T/h-lp" "large print $lang: HTML content"
	checks=$((checks + 1))
	grep -q 'html{font-size:127%}' "$(ls "$T/lp-$lang"/*.html)" ||
	    fail "large print $lang: the HTML has no larger base size"
done

# A locale without the ending: exit 1, the file and what to add, and
# nothing written.
cp -R "$ROOT/report-templates" "$T/tpl"
sed -i '/^large_print:/,/suffix:/d' "$T/tpl/de/locale.yaml"
"$PR" build --quiet --large-print --lang de --inputs "$ROOT/inputs" \
    --templates "$T/tpl" --output "$T/nosuffix" --db "$T/nosuffix.db" \
    2>"$T/err"
expect_status 1 $? "build --large-print without large_print.suffix"
checks=$((checks + 1))
grep -q 'locale.yaml: error: no word for "large_print.suffix"' "$T/err" ||
    fail "no clear message for a missing large_print.suffix: $(cat "$T/err")"
checks=$((checks + 1))
[ -n "$(ls "$T/nosuffix" 2>/dev/null)" ] && fail "files written without a suffix: $(ls "$T/nosuffix")"

# The HTML checks of the standard report (axe-core, Nu Html Checker,
# keyboard, reflow at 320 px) on the large print's page, when the
# browser tools are there; not under the sanitizers (HTML, not C).
. "$ROOT/tests/lib/browser.sh"
if [ -z "${PR_SANITIZED:-}" ] && browser_tools; then
	shots=$B/screenshots
	mkdir -p "$shots"
	check_page "$(ls "$T/lp-de"/*.html)" large-print-de
	check_page "$(ls "$T/lp-en"/*.html)" large-print-en
else
	echo "note: browser checks of the large print skipped (sh tools/deps.sh test; sh tools/npm.sh)"
fi
finish
