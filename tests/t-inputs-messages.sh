#!/bin/sh
# Messages about the inputs (issue 15, finding 17):
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
finish
