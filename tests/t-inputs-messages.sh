#!/bin/sh
# Messages about the inputs:
#  - a language without templates is exit 1 at the settings' line (was
#    3, an I/O failure, at the templates folder);
#  - at most 100 messages per file and 1,000 per run, then a count;
#  - template errors are all reported, also when the inputs have errors.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary

base=$ROOT/tests/inputs/control-char/00-base.yaml

mkdir "$T/lang"
sed 's/  language: en/  language: fr/' "$base" >"$T/lang/a.yaml"
timeout 60 "$PR" check --quiet --inputs "$T/lang" \
    --templates "$ROOT/report-templates" 2>"$T/err"
expect_status 1 $? "language: fr"
grep -q -F "lang/a.yaml:8:13: error: there are no templates for the language \"fr\"" "$T/err" ||
	fail "language: fr: message: $(cat "$T/err")"
# Errors in the inputs and in the templates: both are reported, and
# every wrong placeholder of a template, not only the first.
mkdir "$T/both"
sed 's/  reporting_year: 2026/  reporting_year: 20x6/' "$base" >"$T/both/a.yaml"
cp -R "$ROOT/report-templates" "$T/rt"
printf '{{ settings.titel }} {{ -settings.title }}\n{{ nosuch }}\n' >"$T/rt/en/report.tmpl"
timeout 60 "$PR" check --quiet --inputs "$T/both" --templates "$T/rt" 2>"$T/err"
expect_status 1 $? "errors in inputs and templates"
grep -q 'both/a.yaml:7:19: error: "20x6"' "$T/err" || fail "no inputs error: $(cat "$T/err")"
for at in 1:13 1:25 2:4; do
	grep -q "rt/en/report.tmpl:$at: error: " "$T/err" ||
		fail "no template error at $at: $(cat "$T/err")"
done

# 12 files of 300 misspelt keys each: 100 messages per file, 1,000 in
# all, then one count per file.
mkdir "$T/many"
cp "$base" "$T/many/00-base.yaml"
python3 - "$T/many" <<'PY'
import sys
for f in range(12):
    with open("%s/m%02d.yaml" % (sys.argv[1], f), "w") as out:
        out.write("milestones:\n")
        for i in range(300):
            out.write("  - id: M-%d-%d\n    aspect: 01a\n    titel: x\n"
                      "    planned: 2027-01-31\n    status: planned\n" % (f, i))
PY
timeout 120 "$PR" check --quiet --inputs "$T/many" \
    --templates "$ROOT/report-templates" 2>"$T/err"
expect_status 1 $? "many messages"
# Each milestone gives two messages: the unknown key, and no title.
n=$(grep -c ': error: ' "$T/err")
[ "$n" -eq 1012 ] || fail "$n messages, expected 1,000 and 12 counts"
[ "$(grep -c "m00.yaml:[0-9]" "$T/err")" -eq 100 ] ||
	fail "not 100 messages for m00.yaml"
grep -q -F "many/m00.yaml: error: … and 500 more in $T/many/m00.yaml" "$T/err" ||
	fail "no count for m00.yaml: $(grep -v titel "$T/err" | head -3)"
grep -q -F "many/m11.yaml: error: … and 600 more in $T/many/m11.yaml" "$T/err" ||
	fail "no count for m11.yaml after the run's 1,000"
finish
