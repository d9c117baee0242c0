#!/bin/sh
# t-forms-roundtrip.sh - forms out, answers in (docs/operations.md,
# "The yearly cycle"; docs/inputs.md, "Updates from the forms"):
#  - `forms` writes one XLSX per responsible unit of the sample, with
#    the same bytes on a second run (SOURCE_DATE_EPOCH);
#  - importing every form untouched changes nothing the report uses:
#    `check --missing` prints what it printed before;
#  - a form filled in programmatically (tests/forms/fill.py, openpyxl)
#    gives exactly tests/forms/expected-presse.yaml, and check --missing
#    no longer lists the value it supplies;
#  - importing it a second time leaves the file alone (same bytes, same
#    inode, same modification time);
#  - the same answers saved by LibreOffice Calc as XLSX and as ODS
#    (tests/forms/lo-presse.*, committed) give the same file;
#  - the other town's English forms come back unchanged too.
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
presse=2026-presse-und-kommunikationsstelle.xlsx

"$PR" forms --quiet --inputs inputs --output "$T/forms" || fail=1
"$PR" forms --quiet --inputs inputs --output "$T/forms2" || fail=1
ls "$T/forms" >"$T/names"
cat >"$T/names.expected" <<'EOT'
2026-amt-fuer-informationstechnik-und-statistik.xlsx
2026-beauftragte-fuer-menschen-mit-behinderungen.xlsx
2026-buergeramt.xlsx
2026-buero-des-stadtrates.xlsx
2026-datenschutzbeauftragte-der-stadtverwaltung.xlsx
2026-kaemmerei.xlsx
2026-personal-und-organisationsamt.xlsx
2026-presse-und-kommunikationsstelle.xlsx
EOT
if ! diff -u "$T/names.expected" "$T/names"; then
	echo "FAIL: forms wrote other files than one per unit"
	fail=1
fi
for f in "$T"/forms/*.xlsx; do
	cmp "$f" "$T/forms2/${f##*/}" || {
		echo "FAIL: ${f##*/} differs between two runs"
		fail=1
	}
done

# The first sheet names the unit and its contact from the units list;
# cause and countermeasure fill their own columns.
/usr/bin/python3 - "$T/forms/$presse" <<'PY' || fail=1
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
intro = [r[0] for r in wb.worksheets[0].iter_rows(values_only=True)]
ms = {r[0]: r for r in wb.worksheets[1].iter_rows(values_only=True)}
bad = []
if "Rückmeldung von: Presse- und Kommunikationsstelle" not in intro:
    bad.append("the unit's name")
if ("Ansprechperson in Ihrer Einheit: Jana Beispiel, presse@example.org, "
        "+49 361 000-1010") not in intro:
    bad.append("the unit's contact")
row = ms.get("M-01a-3")
if not row or not str(row[7]).startswith("Die um sieben Wochen") or \
        not str(row[8]).startswith("Die Inhalte werden parallel"):
    bad.append("cause and countermeasure of M-01a-3 in columns H and I")
if bad:
    print("FAIL: the form lacks " + ", ".join(bad))
    sys.exit(1)
PY

# Untouched forms: the answers are what the inputs say.
cp -R inputs "$T/in"
"$PR" import --quiet --inputs "$T/in" "$T"/forms/*.xlsx || {
	echo "FAIL: importing the untouched forms"
	fail=1
}
[ "$(ls "$T/in/updates/2026" | wc -l)" -eq 8 ] || {
	echo "FAIL: expected 8 update files"
	fail=1
}
"$PR" check --quiet --db "$T/none.sqlite" --missing --inputs "$T/in" \
    >"$T/missing" 2>/dev/null
if ! diff -u tests/inputs/missing-2026.txt "$T/missing"; then
	echo "FAIL: untouched forms changed what check --missing lists"
	fail=1
fi

# A filled-in form.
rm -rf "$T/in" && cp -R inputs "$T/in"
$FILL "$T/forms/$presse" "$T/filled.xlsx" \
    '@1!E4=s:gefährdet' '@1!F4=n:30' '@1!D4=d:2027-12-31' \
    '@1!I4=s:Die Inhalte werden parallel überarbeitet; ein zweites Team übernimmt die Migration.' \
    '@1!J4=d:2026-12-18' '@2!G3=n:63' '@2!G2=n:70' || fail=1
"$PR" import --quiet --inputs "$T/in" "$T/filled.xlsx" || {
	echo "FAIL: importing the filled-in form"
	fail=1
}
upd=$T/in/updates/2026/presse-und-kommunikationsstelle.yaml
if ! diff -u tests/forms/expected-presse.yaml "$upd"; then
	echo "FAIL: the update differs from tests/forms/expected-presse.yaml"
	fail=1
fi
"$PR" check --quiet --db "$T/none.sqlite" --missing --inputs "$T/in" \
    >"$T/missing" 2>/dev/null
if grep -q 'I-01a-zufriedenheit' "$T/missing" ||
    ! grep -q 'M-02a-5' "$T/missing"; then
	echo "FAIL: check --missing after the import:"
	cat "$T/missing"
	fail=1
fi
before=$(stat -c '%i %Y %s' "$upd")
sleep 1
"$PR" import --quiet --inputs "$T/in" "$T/filled.xlsx" || fail=1
after=$(stat -c '%i %Y %s' "$upd")
if [ "$before" != "$after" ]; then
	echo "FAIL: a second import rewrote the update ($before / $after)"
	fail=1
fi

# As LibreOffice Calc saved them.  They were made before the inputs
# declared units and split the explanation: the form names the unit by
# its name, which import maps to the unit's id, and the old explanation
# stands in the cause column, the words after "Gegenmaßnahme:" in the
# countermeasure's (tests/forms/expected-presse-lo.yaml).
for f in tests/forms/lo-presse.xlsx tests/forms/lo-presse.ods; do
	rm -rf "$T/in" && cp -R inputs "$T/in"
	"$PR" import --quiet --inputs "$T/in" "$f" || {
		echo "FAIL: importing $f"
		fail=1
	}
	if ! diff -u tests/forms/expected-presse-lo.yaml "$upd"; then
		echo "FAIL: $f gives another update"
		fail=1
	fi
done

# English forms of the other town.
cp -R tests/other-town "$T/town"
"$PR" check --quiet --db "$T/none.sqlite" --missing --inputs "$T/town" \
    >"$T/town-before" 2>&1
"$PR" forms --quiet --inputs "$T/town" --output "$T/town-forms" || fail=1
"$PR" import --quiet --inputs "$T/town" "$T"/town-forms/*.xlsx || {
	echo "FAIL: importing the other town's forms"
	fail=1
}
"$PR" check --quiet --db "$T/none.sqlite" --missing --inputs "$T/town" \
    >"$T/town-after" 2>&1
if ! diff -u "$T/town-before" "$T/town-after"; then
	echo "FAIL: the other town's untouched forms changed check's output"
	fail=1
fi
exit $fail
