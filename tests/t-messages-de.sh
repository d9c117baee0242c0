#!/bin/sh
# t-messages-de.sh - the messages in German (po/de.po, docs/operations.md):
#  - every broken-input case in tests/inputs/ prints under LANGUAGE=de
#    exactly its expected.de.txt (tests/regen-messages-de.sh writes them;
#    a person reads them), with the exit status of the English run;
#  - check --missing prints tests/inputs/missing-2026.de.txt, and --help
#    is German and names every option of the English one;
#  - English stays as it was: LC_ALL=C (the cron job's grep) overrides
#    LANGUAGE, and without LANGUAGE C.UTF-8 is English; a case's English
#    output is its expected.txt;
#  - LANG=de_DE.UTF-8 gives German even where that locale is not
#    installed; with an installed German locale (made here with
#    localedef, when Debian's locale sources are there) numbers are
#    still read and written with a decimal point;
#  - every message in the sources has a German translation: a fresh
#    .pot merged into a copy of po/de.po leaves nothing untranslated or
#    fuzzy.
[ -x "${PR:-}" ] || exit 77
set -u
fail=0
unset LANGUAGE LC_MESSAGES LANG
. "$ROOT/tests/lib/input-cases.sh"

cd "$ROOT/tests/inputs" || exit 1
n=0
for d in */; do
	c=${d%/}
	LANGUAGE=de run_case "$c" "$T" >"$T/got"
	rc=$(cat "$T/rc")
	if [ ! -f "$c/expected.de.txt" ]; then
		echo "FAIL: case $c has no expected.de.txt (tests/regen-messages-de.sh)"
		fail=1
	elif ! diff -u "$c/expected.de.txt" "$T/got"; then
		echo "FAIL: case $c: German messages differ"
		fail=1
	fi
	if grep -q ': Fehler: ' "$c/expected.de.txt" 2>/dev/null && [ "$rc" -ne 1 ]; then
		echo "FAIL: case $c: exit $rc in German, expected 1"
		fail=1
	fi
	n=$((n + 1))
done
[ $n -ge 30 ] || { echo "FAIL: only $n cases found"; fail=1; }

# English, twice: LC_ALL=C wins over LANGUAGE, and no LANGUAGE at all.
for env in "LC_ALL=C LANGUAGE=de" "LC_ALL=C.UTF-8"; do
	for c in unknown-key missing-fields csv-errors yaml-pitfalls date-form; do
		env $env sh -c '. "$ROOT/tests/lib/input-cases.sh"; run_case "$1" "$T"' \
		    sh "$c" >"$T/got"
		if ! diff -u "$c/expected.txt" "$T/got"; then
			echo "FAIL: case $c under $env: not the English messages"
			fail=1
		fi
	done
done

cd "$ROOT" || exit 1
LANGUAGE=de "$PR" check --quiet --db "$T/no-history.sqlite" --missing \
    --inputs inputs >"$T/missing" 2>"$T/missing.err"
if ! diff -u tests/inputs/missing-2026.de.txt "$T/missing"; then
	echo "FAIL: check --missing in German differs from tests/inputs/missing-2026.de.txt"
	cat "$T/missing.err"
	fail=1
fi

LANGUAGE=de "$PR" --help >"$T/help.de"
"$PR" --help >"$T/help.en"
if ! head -1 "$T/help.de" | grep -q '^Aufruf: progress-report build'; then
	echo "FAIL: --help is not German under LANGUAGE=de:"
	head -3 "$T/help.de"
	fail=1
fi
for opt in $(grep -o -E -- '--[a-z-]+' "$T/help.en" | sort -u); do
	grep -q -- "$opt" "$T/help.de" || { echo "FAIL: the German --help lacks $opt"; fail=1; }
done
if cmp -s "$T/help.de" "$T/help.en"; then
	echo "FAIL: the German --help is the English one"
	fail=1
fi
# A usage error: the message and the text in German, exit 2.
LANGUAGE=de "$PR" --lang fr check >"$T/usage" 2>&1
rc=$?
if [ $rc -ne 2 ] || ! grep -q '^progress-report: --lang nimmt de oder en$' "$T/usage"; then
	echo "FAIL: a usage error in German: exit $rc"
	cat "$T/usage"
	fail=1
fi

# A German locale named but not installed (LANG=de_DE.UTF-8 on a bare
# server), and LANGUAGE without any locale but C.UTF-8.
if locale -a 2>/dev/null | grep -qi '^de_DE'; then
	echo "note: de_DE is installed; the not-installed case is not tested"
else
	env -u LC_ALL LANG=de_DE.UTF-8 "$PR" check --quiet --db "$T/no-history.sqlite" \
	    --inputs tests/inputs/bad-status >"$T/lang" 2>&1
	if ! grep -q 'Fehler: unbekannter Status "finished"' "$T/lang"; then
		echo "FAIL: LANG=de_DE.UTF-8 (not installed) does not give German:"
		cat "$T/lang"
		fail=1
	fi
fi

# A real German locale: LC_NUMERIC would write 12,5 and strtod() would
# stop at the point; the messages must still show C numbers, and the
# inputs must read as they do in English.
if command -v localedef >/dev/null && [ -f /usr/share/i18n/locales/de_DE ]; then
	mkdir -p "$T/loc"
	if localedef -i de_DE -f UTF-8 "$T/loc/de_DE.UTF-8" 2>"$T/localedef.err"; then
		(cd tests/inputs && env -u LC_ALL LOCPATH="$T/loc" LANG=de_DE.UTF-8 \
		    sh -c '. "$ROOT/tests/lib/input-cases.sh"; run_case target-direction "$T"' \
		    >"$T/got")
		if ! grep -q 'Zielwert 12.5 liegt über dem Ausgangswert 9.5' "$T/got" ||
		    ! diff -u tests/inputs/target-direction/expected.de.txt "$T/got"; then
			echo "FAIL: with a German locale, numbers are not C numbers"
			fail=1
		fi
		env -u LC_ALL LOCPATH="$T/loc" LANG=de_DE.UTF-8 "$PR" check --quiet \
		    --db "$T/no-history.sqlite" --inputs inputs >"$T/sample" 2>&1
		LANGUAGE=de "$PR" check --quiet --db "$T/no-history.sqlite" \
		    --inputs inputs >"$T/sample.c" 2>&1
		if ! cmp -s "$T/sample" "$T/sample.c"; then
			echo "FAIL: the sample checks differently under a German locale:"
			diff -u "$T/sample.c" "$T/sample"
			fail=1
		fi
	else
		echo "note: localedef failed; the German-locale numbers are not tested"
		cat "$T/localedef.err"
	fi
else
	echo "note: no locale sources (Debian package locales); the German-locale numbers are not tested"
fi

# Template errors name the kind of object and the type of a value in
# German too, not "ein settings" or "kann number nicht verarbeiten".
cp -R "$ROOT/report-templates" "$T/rt"
printf '{{ settings.titel }}{{ settings.title | upper(1) }}{{ 3 < "x" }}\n' >>"$T/rt/de/report.tmpl"
LANGUAGE=de "$PR" check --quiet --db "$T/no-history.sqlite" --inputs "$ROOT/inputs" \
    --templates "$T/rt" >/dev/null 2>"$T/tmpl.err"
for want in 'ein Objekt vom Typ "Einstellungen" hat kein Feld "titel"; meinten Sie "title"?' \
    'Werte vom Typ "Zahl" und "Text" können nicht verglichen werden'; do
	grep -q -F "$want" "$T/tmpl.err" || {
		echo "FAIL: template error in German lacks: $want"
		cat "$T/tmpl.err"
		fail=1
	}
done

# Every message has a translation: the sources as they are now, not the
# committed .pot, so that a new diag_error() without one fails here.
if command -v xgettext >/dev/null && command -v msgmerge >/dev/null; then
	if ! make -s -C "$ROOT" POT="$T/new.pot" "$T/new.pot" >"$T/xgettext.log" 2>&1; then
		echo "FAIL: xgettext failed"
		cat "$T/xgettext.log"
		fail=1
	fi
	msgmerge --quiet "$ROOT/po/de.po" "$T/new.pot" -o "$T/de.po" &&
	    msgattrib --untranslated --no-obsolete "$T/de.po" -o "$T/untranslated.po" &&
	    msgattrib --only-fuzzy --no-obsolete "$T/de.po" -o "$T/fuzzy.po"
	for f in untranslated fuzzy; do
		if [ -s "$T/$f.po" ]; then
			echo "FAIL: $f messages in po/de.po (run make po and translate them):"
			grep '^msgid' "$T/$f.po" | grep -v '^msgid ""$'
			fail=1
		fi
	done
	msgfmt --check -o /dev/null "$ROOT/po/de.po" || { echo "FAIL: msgfmt --check po/de.po"; fail=1; }
else
	echo "FAIL: xgettext or msgmerge missing (Debian package gettext)"
	fail=1
fi
exit $fail
