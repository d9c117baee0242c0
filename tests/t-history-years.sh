#!/bin/sh
# Three consecutive years built into one history from the inputs in
# tests/years/: each year's "changes since the last report"
# chapter states exactly the expected facts (completed, newly delayed or
# at risk, postponed with old and new date, added, cancelled, no longer
# included, indicator change), and rebuilding the middle year, with
# changed data, replaces its snapshot only: the other two years' rows in
# the history stay exactly as they were.  A history with a year missing
# (2024 and 2026) makes the 2026 report name 2024 where it compares.
#
# The facts the report states (docs/facts.md), worked out by hand for each
# year in tests/years/YEAR/facts.expected: the counts the summary states
# in the HTML and in the PDF, and those of analysis.c's model
# (tests/lib/facts.c), must all be these; and the 2026 report states
# hand-worked values in its tables and lists.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
export SOURCE_DATE_EPOCH=1798761600
Y=$ROOT/tests/years
db=$T/history.sqlite

inputs() { # inputs YEAR -> folder with that year's inputs
	mkdir -p "$T/in-$1"
	cp "$Y/common.yml" "$Y/$1"/*.yml "$T/in-$1/"
	echo "$T/in-$1"
}

rows() { # rows YEAR -> every row the history holds for that year
	for t in snapshot milestone indicator indicator_value; do
		sqlite3 "$db" "SELECT * FROM $t WHERE year = $1 ORDER BY 2, 3" |
		    sed "s/^/$t|/"
	done
}

san=
[ -n "${PR_SANITIZED:-}" ] && san=-fsanitize=address,undefined
# shellcheck disable=SC2046 # the libraries are separate words
cc -std=c11 $san -iquote "$ROOT/generator" -o "$T/facts-bin" "$ROOT/tests/lib/facts.c" \
    "$B/libpr.a" $(make -s -C "$ROOT" print-ldlibs) ||
    fail "cannot build tests/lib/facts.c"

for y in 2024 2025 2026; do
	"$PR" build --quiet --inputs "$(inputs $y)" --output "$T/out" --db "$db" 2>"$T/err"
	expect_status 0 $? "build $y"
	/usr/bin/python3 "$ROOT/tests/lib/changes.py" "$T/out/report-$y.html" >"$T/changes-$y"
	expect_same "$Y/$y/changes.expected" "$T/changes-$y" "changes chapter $y"
	pdftotext -enc UTF-8 "$T/out/report-$y.pdf" "$T/text-$y.txt"
	for f in "$T/out/report-$y.html" "$T/text-$y.txt"; do
		/usr/bin/python3 "$ROOT/tests/lib/summary_facts.py" "$f" >"$T/facts"
		expect_same "$Y/$y/facts.expected" "$T/facts" "summary of $(basename "$f")"
	done
	"$T/facts-bin" "$T/in-$y" "$db" >"$T/model" 2>"$T/err"
	expect_same "$Y/$y/facts.expected" "$T/model" "the model's counts for $y"
done

# Hand-worked facts of 2026 in the HTML and the PDF (docs/facts.md); a
# no-break space (between a number and its unit) reads as a space.  The
# PDF's text in drawing order (-raw), cell by cell: pdftotext's layout
# order interleaves the lines of a table's narrow columns.
pdftotext -raw -enc UTF-8 "$T/out/report-2026.pdf" - |
    sed 's/\xc2\xa0/ /g' | tr -s ' \n' '  ' >"$T/pdf"
sed 's/<[^>]*>/ /g; s/&shy;//g; s/\xc2\xa0/ /g' "$T/out/report-2026.html" | tr -s ' \n' '  ' >"$T/html"
while IFS= read -r want; do
	for f in pdf html; do
		grep -q -F -- "$want" "$T/$f" || fail "the 2026 $f lacks: $want"
	done
done <<'EOF_FACTS'
−12 since 2025 (−13.0%)
reachable; needs −10 days a year
+30 since 2024 (previous value 0, no relative change)
not reachable; needs +35 documents a year
on course (no later value yet)
no trend yet; needs +10 pp a year
m10 Payment kiosk in the town hall (100% done, done on time)
m2 Dog licence online (100% done, done late)
m11 Scanning the old archive (70% done, overdue)
m7 Council agenda online (40% done, open and postponed)
m5 Digital signatures for the council (20% done, open and on schedule)
m3 Electronic files in the registry (30% done, cancelled)
it would need +35 documents a year, so far +15 documents a year
EOF_FACTS
[ "$(sqlite3 "$db" 'SELECT group_concat(year) FROM snapshot')" = "2024,2025,2026" ] ||
    fail "the history does not hold the three years"

rows 2024 >"$T/2024-before"
rows 2025 >"$T/2025-before"
rows 2026 >"$T/2026-before"
[ -s "$T/2024-before" ] && [ -s "$T/2026-before" ] || fail "no rows to compare"

# Rebuild 2025 with a changed milestone: only 2025 changes.
sed 's/progress: 50/progress: 55/' "$T/in-2025/plan.yml" >"$T/plan" &&
    mv "$T/plan" "$T/in-2025/plan.yml"
"$PR" build --quiet --inputs "$T/in-2025" --output "$T/out" --db "$db"
expect_status 0 $? "rebuild 2025"
rows 2024 >"$T/2024-after"
rows 2025 >"$T/2025-after"
rows 2026 >"$T/2026-after"
expect_same "$T/2024-before" "$T/2024-after" "the 2024 snapshot after rebuilding 2025"
expect_same "$T/2026-before" "$T/2026-after" "the 2026 snapshot after rebuilding 2025"
cmp -s "$T/2025-before" "$T/2025-after" && fail "rebuilding 2025 did not replace its snapshot"
[ "$(sqlite3 "$db" "SELECT progress FROM milestone WHERE year = 2025 AND id = 'm2'")" = 55 ] ||
    fail "the new 2025 progress is not stored"
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check"

# A year without a report between: a history of 2024 and 2026 compares
# 2026 with 2024, and the changes name that year, not "the previous
# year", in both languages.
gap=$T/gap.sqlite
for y in 2024 2026; do
	"$PR" build --quiet --inputs "$T/in-$y" --output "$T/gap" --db "$gap" 2>"$T/err"
	expect_status 0 $? "build $y into a history without 2025"
done
/usr/bin/python3 "$ROOT/tests/lib/changes.py" "$T/gap/report-2026.html" >"$T/changes-gap"
for want in "intro: This chapter compares the state with the report for 2024." \
    "Newly delayed or at risk: m4 Paperless invoices (delayed, planned in the report for 2024):"; do
	checks=$((checks + 1))
	grep -q -F -- "$want" "$T/changes-gap" || fail "2026 after 2024 lacks: $want"
done
checks=$((checks + 1))
grep -q "previous year" "$T/changes-gap" &&
    fail "2026 after 2024 says \"previous year\": $(grep "previous year" "$T/changes-gap" | head -1)"
"$PR" build --quiet --lang de --inputs "$T/in-2026" --output "$T/gap-de" --db "$gap" 2>"$T/err"
expect_status 0 $? "build 2026 in German into a history without 2025"
sed 's/<[^>]*>/ /g; s/&shy;//g; s/\xc2\xa0/ /g' "$T/gap-de/report-2026.html" | tr -s ' \n' '  ' >"$T/gap-de.txt"
checks=$((checks + 1))
grep -q -F "verzögert , im Bericht für 2024 geplant" "$T/gap-de.txt" ||
    fail "the German 2026 after 2024 does not name 2024 for m4's earlier status"
checks=$((checks + 1))
grep -q "Vorjahr" "$T/gap-de.txt" && fail "the German 2026 after 2024 says \"Vorjahr\""
finish
