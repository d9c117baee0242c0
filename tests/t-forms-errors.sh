#!/bin/sh
# t-forms-errors.sh - broken forms are refused, all at once, and change
# nothing: one import of a text in a date cell, an unknown status and
# a value of 1e300 (shown as 1E+300, not as 60 digits of noise), a
# changed id and a changed earlier value (protected cells) with a bad
# progress in the same form, a rule of
# `check` broken by the answers (a completion date with another status),
# a form of another unit (the other town's), one of another year, one
# whose hidden record was edited, a spreadsheet that is no form, and a
# damaged zip gives exactly tests/forms/errors.txt and exit 1; the
# inputs folder, with an update of an earlier import in it, is the same
# byte for byte afterwards.  Then each bad form alone still fails.
[ -x "${PR:-}" ] || exit 77
/usr/bin/python3 -c 'import openpyxl' 2>/dev/null || {
	echo "python3-openpyxl is missing: sh tools/deps.sh test"
	exit 1
}
set -u
fail=0
export SOURCE_DATE_EPOCH=1798761600
cd "$ROOT" || exit 1
FILL="/usr/bin/python3 $ROOT/tests/forms/fill.py"

"$PR" forms --quiet --inputs inputs --output "$T/forms" || exit 1
cp -R inputs "$T/in"
"$PR" import --quiet --inputs "$T/in" tests/forms/lo-presse.ods || exit 1

# Forms of another year and of another town.
cp -R inputs "$T/in2027"
sed -i 's/reporting_year: 2026/reporting_year: 2027/; s/cutoff_date: 2026-12-31/cutoff_date: 2027-12-31/' \
    "$T/in2027/00-einstellungen.yaml"
"$PR" forms --quiet --inputs "$T/in2027" --output "$T/forms2027" 2>/dev/null || exit 1
"$PR" forms --quiet --inputs tests/other-town --output "$T/town" || exit 1

cd "$T" || exit 1
k=forms/2026-kaemmerei.xlsx
p=forms/2026-personal-und-organisationsamt.xlsx
b=forms/2026-buergeramt.xlsx
$FILL $k date-text.xlsx '@1!D3=s:Ende März 2027' &&
$FILL $p status.xlsx '@1!E3=s:fast fertig' '@1!F3=n:101' '@2!G2=n:1e300' &&
$FILL forms/2026-presse-und-kommunikationsstelle.xlsx changed.xlsx \
    '@1!A3=s:M-01a-9' '@2!F2=n:99' '@1!F5=n:150' &&
$FILL $b rule.xlsx '@1!E2=s:in Arbeit' &&
$FILL forms/2026-buero-des-stadtrates.xlsx record.xlsx \
    '@3!B2=s:Kämmerei' || fail=1
cp forms2027/2026-kaemmerei.xlsx other-year.xlsx 2>/dev/null ||
    cp forms2027/2027-kaemmerei.xlsx other-year.xlsx
cp town/*.xlsx other-unit.xlsx 2>/dev/null || cp "$(ls town/*.xlsx | head -n 1)" other-unit.xlsx
/usr/bin/python3 -c 'import openpyxl; openpyxl.Workbook().save("plain.xlsx")'
head -c 3000 $k >damaged.xlsx
printf 'not a zip' >text.xlsx

snap() { (cd in && find . -type f -exec sha256sum {} + | sort -k2) ; }
snap >before
bad="date-text.xlsx status.xlsx changed.xlsx rule.xlsx record.xlsx other-year.xlsx other-unit.xlsx plain.xlsx damaged.xlsx text.xlsx"
"$PR" import --quiet --inputs in $bad 2>errors

rc=$?
snap >after
if [ $rc -ne 1 ]; then
	echo "FAIL: import of broken forms: exit $rc, expected 1"
	fail=1
fi
if ! diff -u "$ROOT/tests/forms/errors.txt" errors; then
	echo "FAIL: messages differ from tests/forms/errors.txt"
	fail=1
fi
if ! cmp -s before after || [ -n "$(ls -A in/updates/2026 | grep -v '^presse-und-kommunikationsstelle.yaml$')" ]; then
	echo "FAIL: a refused import changed the inputs folder"
	diff before after
	ls -la in/updates/2026
	fail=1
fi
# Each alone, next to a good form: still refused, still nothing written.
for f in $bad; do
	"$PR" import --quiet --inputs in $f forms/2026-kaemmerei.xlsx \
	    >/dev/null 2>&1
	rc=$?
	snap >after
	if [ $rc -ne 1 ] || ! cmp -s before after; then
		echo "FAIL: $f with a good form: exit $rc or the folder changed"
		fail=1
	fi
done
exit $fail
