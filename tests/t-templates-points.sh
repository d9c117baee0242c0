#!/bin/sh
# The shipped templates' sentences about the resolution points follow
# the data, not the sample city: which points are divided into aspects,
# how many points the roadmap covers, how many aspects a point has and
# the strategy's horizon (optional in the inputs).  Built from
# tests/other-town (two points, G1 with two aspects, G2 without, no
# horizon) and from a variant of it with a third point G3 of one aspect
# and a horizon, in German and English; the PDF's text and the HTML's
# text must say what the data says, and none of the sample's wording.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
command -v pdftotext >/dev/null || { echo "no pdftotext"; exit 77; }
export SOURCE_DATE_EPOCH=1798761600

# text TOWN LANG - builds TOWN in LANG and writes the PDF's and the
# HTML's text, each on one line, to $T/TOWN-LANG.pdf.txt and .html.txt;
# a word the PDF hyphenated at a line's end is joined again.
text() {
	"$PR" build --quiet --lang "$2" --inputs "$T/$1" --output "$T/out-$1-$2" \
	    --db "$T/h-$1-$2.sqlite" --templates "$ROOT/report-templates" 2>"$T/err"
	expect_status 0 $? "build $1 --lang $2 ($(head -3 "$T/err"))"
	pdftotext -raw -enc UTF-8 "$T/out-$1-$2/progress-report-2026.pdf" - |
	    sed 's/\xc2\xa0/ /g' | tr -s ' \n' '  ' |
	    sed 's/\([a-zäöüß]\)- \([a-zäöüß]\)/\1\2/g' >"$T/$1-$2.pdf.txt"
	sed 's/<[^>]*>/ /g; s/&shy;//g; s/\xc2\xa0/ /g' \
	    "$T/out-$1-$2/progress-report-2026.html" | tr -s ' \n' '  ' >"$T/$1-$2.html.txt"
}

# has TOWN LANG TEXT - both outputs contain TEXT.
has() {
	for f in pdf html; do
		checks=$((checks + 1))
		grep -qF -- "$3" "$T/$1-$2.$f.txt" || fail "$1 $2 $f: no \"$3\""
	done
}

# hasnt TOWN LANG TEXT - neither output contains TEXT.
hasnt() {
	for f in pdf html; do
		checks=$((checks + 1))
		grep -qF -- "$3" "$T/$1-$2.$f.txt" &&
		    fail "$1 $2 $f: \"$3\" ($(grep -oF -- "$3" "$T/$1-$2.$f.txt" | head -1))"
	done
}

# Wording of the sample city that no other town's report may carry.
sample_wording() { # TOWN LANG
	for s in "01 und" "Beschlusspunkt 01" "Beschlusspunkt 02" "vier Beschluss" \
	    "der Umsetzungsstrategie (Beschlusspunkt" "four resolution" \
	    "resolution point 01" "resolution point 02" \
	    "implementation strategy (resolution point" "(01 bis 04)" "(01 to 04)" \
	    "in allen Beschlusspunkten" "under every resolution point"; do
		hasnt "$1" "$2" "$s"
	done
}

cp -R "$ROOT/tests/other-town" "$T/two"

cp -R "$ROOT/tests/other-town" "$T/three"
f=$T/three/report.yml
awk '{ print }
/^  reporting_year:/ { print "  horizon_start: 2025"; print "  horizon_end: 2030" }' "$f" >"$T/f" &&
    mv "$T/f" "$f"
awk '/^units:/ {
	print "  - id: G3"
	print "    title: Paperless council meetings"
	print "    responsible: info-gov"
	print "    aspects:"
	print "      - id: G3.1"
	print "        title: Tablets for councillors"
	print ""
}
{ print }' "$f" >"$T/f" && mv "$T/f" "$f"
grep -q "id: G3.1" "$f" && grep -q "horizon_end: 2030" "$f" || fail "could not make the three-point town"

text two de
sample_wording two de
has two de "Dieses Kapitel stellt den Stand jedes Beschlusspunkts dar, beim Beschlusspunkt G1 gegliedert nach seinen Aspekten."
has two de "Die 2 Aspekte des Beschlusspunkts im Überblick"
has two de "0 von 1 Meilenstein erledigt"
hasnt two de "von 1 Meilensteinen"
has two de "alle Meilensteine beider Beschlusspunkte auf der Zeitachse, jeweils"
has two de "Grundlage ist die Umsetzungsstrategie. "
hasnt two de "0 bis 0"
# The committee's name stands without an article of its own: "Panel"
# is neuter in German, a "Kommission" feminine.
has two de "Vorlage für: Resources and Digital Scrutiny Panel"
has two de "Sitzung am 9. März 2027"
has two de "legt die Verwaltung dem Gremium „"
hasnt two de "für den Resources"
hasnt two de "dem Resources"
hasnt two de "Zeitplan bis"

text two en
sample_wording two en
has two en "This chapter sets out the state of each resolution point; resolution point G1 is divided into its aspects."
has two en "The 2 aspects of the resolution point at a glance"
has two en "0 of 1 milestone done"
hasnt two en "of 1 milestones"
has two en "every milestone of both resolution points on the time axis, each"
has two en "It is based on the implementation strategy. "
hasnt two en "0 to 0"
hasnt two en "Schedule up to"

# The easy-language report names the horizon only when there is one;
# it names the administration and the council in words that fit a
# Gemeinde, a Landkreis or a borough as well as a city, and every
# counted noun agrees with its count: the other town has 1 milestone
# done (in the year) and 1 at risk.  "easy-two-LANG.pdf.txt" and
# ".html.txt", each on one line.
for l in de en; do
	"$PR" build --quiet --easy --lang $l --inputs "$T/two" --output "$T/easy-$l" \
	    --db "$T/h-easy-$l.sqlite" --templates "$ROOT/report-templates" 2>"$T/err"
	expect_status 0 $? "build --easy two --lang $l"
	sed 's/<[^>]*>/ /g; s/&shy;//g; s/\xc2\xa0/ /g' "$T"/easy-$l/*.html |
	    tr -s ' \n' '  ' >"$T/easy-two-$l.html.txt"
	pdftotext -raw -enc UTF-8 "$T"/easy-$l/*.pdf - | sed 's/\xc2\xa0/ /g' |
	    tr -s ' \n' '  ' >"$T/easy-two-$l.pdf.txt"
	checks=$((checks + 1))
	grep -E "(von|from) 0 (bis|to) 0" "$T/easy-two-$l.html.txt" &&
	    fail "two $l easy: a horizon of 0"
	for s in Stadt Stadtrat "city" "City"; do
		hasnt easy-two $l "$s"
	done
done
has easy-two de "Die Verwaltung heißt: Borough of Millbrook"
has easy-two de "1 Meilen·stein ist schon fertig."
has easy-two de "Im Jahr 2026 ist 1 Meilen·stein fertig geworden."
has easy-two de "1 Meilen·stein ist in Gefahr."
has easy-two de "Vielleicht wird er nicht fertig."
has easy-two de "Die Verwaltung misst 2 Zahlen."
has easy-two de "Der Plan hat 2 Teile:"
has easy-two en "The administration has this name: Borough of Millbrook"
has easy-two en "1 milestone is done."
has easy-two en "The administration finished 1 milestone in 2026."
has easy-two en "1 milestone is in danger."
has easy-two en "Maybe it will not be ready."
for w in "1 Meilen·steine" "1 Zahlen" "1 milestones" "1 numbers" "1 Teile" "1 parts"; do
	hasnt easy-two de "$w"
	hasnt easy-two en "$w"
done

text three de
sample_wording three de
has three de "bei den Beschlusspunkten G1 und G3 gegliedert nach ihren Aspekten."
has three de "Der Aspekt des Beschlusspunkts im Überblick"
has three de "alle Meilensteine der 3 Beschlusspunkte auf der Zeitachse 2025 bis 2030"
has three de "Zeitplan bis 2030"
has three de "mit ihrem Zeithorizont 2025 bis 2030"

text three en
sample_wording three en
has three en "resolution points G1 and G3 are divided into their aspects."
has three en "The aspect of the resolution point at a glance"
has three en "every milestone of the 3 resolution points on the time axis 2025 to 2030"
has three en "Schedule up to 2030"
has three en "its horizon from 2025 to 2030"
finish
