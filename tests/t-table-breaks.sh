#!/bin/sh
# Where the PDF breaks (issue 16): a table of up to six body rows stays
# on one page unless that would leave the page before it less than half
# full (a tall table between two headings, where nothing can fill the
# page instead: then half its rows, two or three, stand on each side);
# a longer one leaves at least three body rows on each side of a break; a page less than half full is followed by a chapter
# (or is the last); and a number keeps its unit, an id its name (a
# no-break space, in the PDF's text and the HTML), so "84,2 / %" and
# "04 / Fortschrittsbericht" cannot be split.  On the sample, German
# and English, standard and large print (other breaks, same rules), and
# on generated inputs (bench/gen.py: other lengths of text, tables and
# charts), where a chart or a short table that does not fit the rest of
# a page would leave it half empty unless the text after it moves ahead
# of it (pdf_layout.c's floats); a chart's data table never begins
# before its chart, which the text announces ("the following chart"):
# the chart is set aside to the next page, its table after it, and the
# page before may stay less than half full.
# tests/tablesplit.py reads the structure tree and the content streams.
set -u
. "$ROOT/tests/lib/common.sh"
. "$ROOT/tests/pdfcheck/lib.sh"
need_binary
need_readers
export SOURCE_DATE_EPOCH=1798761600

# S 42: five- and six-row indicator tables, taller than half a page,
# right after a heading and followed by the next.
for seed in 1 42; do
	$PY "$ROOT/bench/gen.py" S $seed "$T/gen$seed" >/dev/null
	expect_status 0 $? "bench/gen.py S $seed"
done

for v in de en de-large en-large gen1-de gen1-en-large gen42-de; do
	lang=${v%-large}
	lang=${lang#gen*-}
	opt=
	inputs=$ROOT/inputs
	case $v in *-large) opt=--large-print ;; esac
	case $v in gen*) inputs=$T/${v%%-*} ;; esac
	"$PR" build --quiet $opt --lang $lang --inputs "$inputs" \
	    --templates "$ROOT/report-templates" --output "$T/$v" \
	    --db "$T/$v.db" 2>"$T/err"
	expect_status 0 $? "build $v ($(head -3 "$T/err"))"
	pdf=$(ls "$T/$v"/*.pdf)
	$PY "$ROOT/tests/tablesplit.py" "$pdf" >"$T/$v.split" 2>&1
	expect_status 0 $? "tablesplit.py on $v ($(tail -2 "$T/$v.split"))"
	checks=$((checks + 1))
	[ "$(grep -c '^table ' "$T/$v.split")" -ge 20 ] ||
	    fail "$v: too few tables found: $(head -3 "$T/$v.split")"
	# (A short table that no page holds with the heading and caption
	# kept with it, more than 0.85 of a page, breaks anyway: in large
	# print, where a narrow column's long words hyphenate at 12 pt,
	# three rows of a generated table's long names fill more.)
	awk '/^table / {
		n = split($8, c, ",")
		side = $4 >= 6 ? 3 : 2
		fits = $12 <= 0.85
		if ($4 <= 6 && fits && n > 1 && $10 >= 0.5)
			print "table " $2 " of " $4 " body rows split over pages " $6 " though it begins " int($10 * 100) "% down the page"
		if ($4 <= 6 && fits && n > 1 && (n > 2 || c[1] < side || c[2] < side))
			print "table " $2 " of " $4 " body rows split " $8 " over pages " $6
		if ($4 > 6 && n > 1 && (c[1] < 3 || c[n] < 3))
			print "table " $2 " of " $4 " rows leaves " c[1] " and " c[n] " rows at a break (pages " $6 ")"
	}' "$T/$v.split" >"$T/$v.bad"
	checks=$((checks + 1))
	[ -s "$T/$v.bad" ] && fail "$v: $(head -5 "$T/$v.bad" | tr '\n' ';')"
	# A chart's data table begins on the chart's page or later,
	# never before it (it went before its chart, set aside, for five
	# pages).  A page before a chart that its table follows may stay
	# less than half full, as one before a chapter: what would fill it
	# is the table.
	awk '/^chart / {
		split($4, t, "-")
		if (t[1] < $2)
			print "the data table of the chart on page " $2 " begins before it (pages " $4 ")"
	}' "$T/$v.split" >"$T/$v.cut"
	checks=$((checks + 1))
	[ -s "$T/$v.cut" ] && fail "$v: $(head -5 "$T/$v.cut" | tr '\n' ';')"
	awk '/^chart / { split($4, t, "-"); if (t[1] <= $2 + 1) before[$2 - 1] = 1 }
	/^page / { n++; fill[n] = $4; ch[n] = ($5 == "chapter") }
	END {
		for (i = 2; i < n; i++)
			if (fill[i] < 0.5 && !ch[i + 1] && !before[i])
				print "page " i " is " int(fill[i] * 100) "% full, and page " i + 1 " opens no chapter"
	}' "$T/$v.split" >"$T/$v.empty"
	checks=$((checks + 1))
	[ -s "$T/$v.empty" ] && fail "$v: $(head -5 "$T/$v.empty" | tr '\n' ';')"
done

# No-break spaces: between a number and its unit and inside an id and
# its name, in the tagged text of the PDF and in the HTML, outside the
# charts (chart.c: their figures and the data table after each).
$PY - "$T/de/progress-report-2026.pdf" "$T/de/progress-report-2026.html" \
    >"$T/nbsp" 2>&1 <<'PY'
import os, re, sys
sys.path.insert(0, os.environ["ROOT"] + "/tests")
import pdfcheck
c = pdfcheck.Checker(sys.argv[1])
c.collect_pages()
c.check_content()
c.read_structure()
out = []
def has_figure(e):
    return e.std == "Figure" or any(has_figure(k) for k in e.kids)
def walk(e):
    if any(k.std == "Figure" for k in e.kids) or e.std == "Figure":
        return
    prev = None
    for kind, *rest in e.order:
        if kind == "elem":
            k = rest[0]
            if not (k.std == "Table" and prev is not None and has_figure(prev)):
                walk(k)
            prev = k
        else:
            out.append("".join(c.page_mcids.get(rest[0], {}).get(rest[1], [])))
for e in c.elems:
    if e.parent is None:
        walk(e)
pdf = "\n".join(out)
h = open(sys.argv[2], encoding="utf-8").read()
h = re.sub(r"<figure>.*?</figure>\s*(<div class=\"table-wrap\"[^>]*>.*?</div>)?", "", h, flags=re.S)
# soft hyphens mark break points; the words are without them
html = re.sub(r"<[^>]+>", "", h).replace("&shy;", "")
units = r"(?:%|Leistungen|Arbeitsplätze|Arbeitstage|Mio\. Euro|Euro|MWh|Audits|Prozentpunkte)"
for name, text in (("PDF", pdf), ("HTML", html)):
    for what, bad, good in (
            # a signed rate or a percentage the report computes; the
            # inputs' own prose ("69 der 80 Leistungen") is theirs
            ("number and unit", r"[+−]\d+(?:[,.]\d+)? " + units +
             r"(?![\w-])|\d (?:%|Prozentpunkte)",
             "\\d\u00a0" + units),
            ("id and name", r"\b0[1-4][a-h]? (?:Homepage|Beirat|Schulung|Querschnittsziele|Fortschrittsbericht)\b",
             "0[1-4][a-h]?\u00a0(?:Homepage|Beirat|Schulung)")):
        b = re.findall(bad, text)
        if b:
            print("%s: %s split by a plain space: %s" % (name, what, b[:3]))
        if not re.search(good, text):
            print("%s: no %s joined by a no-break space" % (name, what))
PY
checks=$((checks + 1))
[ -s "$T/nbsp" ] && fail "no-break spaces: $(head -5 "$T/nbsp" | tr '\n' ';')"
finish
