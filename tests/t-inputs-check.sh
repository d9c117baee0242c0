#!/bin/sh
# t-inputs-check.sh - `progress-report check` on the inputs:
#  - the other town: no output at all, exit 0; the sample inputs: exit
#    0 and exactly the warnings of tests/inputs/check-2026.txt (an
#    indicator without a value for 2026);
#  - every broken-input case in tests/inputs/<case>/: exactly the
#    messages of its expected.txt (the lines about the case's files),
#    and exit 1 when an error is expected;
#  - `check --missing` on the sample prints tests/inputs/missing-2026.txt.
# The two big cases (huge-string, too-big-file) are made here in $T.
[ -x "${PR:-}" ] || exit 77
set -u
fail=0
cd "$ROOT" || exit 1
# --db names a file that does not exist: check reads a history when
# there is one, and a history left in the source tree (make report's)
# would add its own messages.

"$PR" check --quiet --db "$T/no-history.sqlite" --inputs inputs >"$T/check" 2>&1
rc=$?
if [ $rc -ne 0 ] || ! diff -u tests/inputs/check-2026.txt "$T/check"; then
	echo "FAIL: check --inputs inputs: exit $rc, expected 0 and the" \
	    "warnings of tests/inputs/check-2026.txt"
	fail=1
fi
# Without the accessibility statement's facts, check says what is
# missing, at the settings file; the sample's statement shows them.
cp -r inputs "$T/nostmt"
sed -i '/^  accessibility_statement:/,/^    enforcement_url:/d' "$T/nostmt/00-einstellungen.yaml"
"$PR" check --quiet --db "$T/no-history.sqlite" --inputs "$T/nostmt" >"$T/nostmt.out" 2>&1
if [ $? -ne 0 ] || ! grep -q "^$T/nostmt/00-einstellungen.yaml:[0-9]*:[0-9]*: warning: the settings have no accessibility_statement block" "$T/nostmt.out"; then
	echo "FAIL: check without accessibility_statement: no warning at the settings file"
	cat "$T/nostmt.out"
	fail=1
fi
"$PR" build --quiet --db "$T/stmt.sqlite" --inputs inputs --output "$T/stmt" >"$T/stmt.out" 2>&1
for want in 'Stand der Vereinbarkeit mit den Anforderungen' 'teilweise mit den Anforderungen' \
    'Diese Erklärung wurde am 20. Januar 2027 erstellt' 'href="https://www.schlichtungsstelle-bgg.de/"'; do
	if ! grep -q "$want" "$T/stmt/progress-report-2026.html"; then
		echo "FAIL: the sample's accessibility statement lacks: $want"
		fail=1
	fi
done
for dir in tests/other-town; do
	out=$("$PR" check --quiet --db "$T/no-history.sqlite" --inputs "$dir" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] || [ -n "$out" ]; then
		echo "FAIL: check --inputs $dir: exit $rc, expected 0 and no" \
		    "output; got:"
		echo "$out"
		fail=1
	fi
done

"$PR" check --quiet --db "$T/no-history.sqlite" --missing --inputs inputs >"$T/missing" 2>"$T/missing.err"
if ! diff -u tests/inputs/missing-2026.txt "$T/missing"; then
	echo "FAIL: check --missing differs from tests/inputs/missing-2026.txt"
	cat "$T/missing.err"
	fail=1
fi

# A 10 MB value and a file over the 64 MiB limit, too big to commit.
make_big() {
	case $1 in
	huge-string)
		{
			printf 'milestones:\n  - id: M-1\n    aspect: 01a\n'
			printf '    planned: 2027-01-31\n    status: planned\n'
			printf '    title: "'
			head -c 10485760 /dev/zero | tr '\0' x
			printf '"\n'
		} >"$2/huge.yaml"
		;;
	too-big-file)
		truncate -s 65M "$2/big.yaml"
		;;
	esac
}

cd "$ROOT/tests/inputs" || exit 1
n=0
for d in */; do
	c=${d%/}
	where=.
	case $c in
	huge-string | too-big-file)
		where=$T/big
		rm -rf "$where"
		mkdir -p "$where/$c"
		cp "$c"/* "$where/$c/"
		rm "$where/$c/expected.txt"
		make_big "$c" "$where/$c"
		;;
	esac
	(cd "$where" && "$PR" check --quiet --db "$T/no-history.sqlite" --inputs "$c") >"$T/out" 2>&1
	rc=$?
	# Only the messages about the case's own files: a case with
	# warnings only goes on to the templates, which are not tested here.
	# The cases' settings have no accessibility statement; its warning
	# is tested above.
	grep "^$c[/:]" "$T/out" |
	    grep -v 'warning: the settings have no accessibility_statement block' >"$T/got"
	if ! diff -u "$c/expected.txt" "$T/got"; then
		echo "FAIL: case $c: messages differ (full output above)"
		cat "$T/out"
		fail=1
	fi
	if grep -q ': error: ' "$c/expected.txt" && [ $rc -ne 1 ]; then
		echo "FAIL: case $c: exit $rc, expected 1"
		fail=1
	fi
	n=$((n + 1))
done
rm -rf "$T/big"
[ $n -ge 30 ] || {
	echo "FAIL: only $n cases found"
	fail=1
}
exit $fail
