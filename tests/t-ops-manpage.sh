#!/bin/sh
# The man page is valid mdoc (mandoc -T lint, warnings and worse) and
# documents every long option of --help and every exit status.
set -u
command -v mandoc >/dev/null || { echo "skip: mandoc is missing"; exit 77; }
page=$ROOT/docs/progress-report.1
mandoc -T lint -W warning "$page" || { echo "FAIL: mandoc -T lint"; exit 1; }
text=$(mandoc -T utf8 "$page" | col -b)
bad=0
for opt in inputs templates output db year lang fonts missing quiet help version; do
	echo "$text" | grep -q -- "--$opt" || { echo "FAIL: --$opt is not documented"; bad=1; }
done
for st in 0 1 2 3 4 5 6; do
	echo "$text" | grep -q -E "^ +$st[[:space:]]+[A-Z]" || { echo "FAIL: exit status $st is not documented"; bad=1; }
done
# Every option --help lists is in the man page.
if [ -x "${PR:-}" ]; then
	for opt in $("$PR" --help | grep -o -E -- '--[a-z-]+' | sort -u); do
		echo "$text" | grep -q -- "$opt" || { echo "FAIL: $opt from --help is not in the man page"; bad=1; }
	done
fi
exit $bad
