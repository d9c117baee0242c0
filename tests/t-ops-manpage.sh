#!/bin/sh
# The man pages, English and German, are valid mdoc (mandoc -T lint,
# warnings and worse) and document every long option of --help and
# every exit status.
set -u
command -v mandoc >/dev/null || { echo "skip: mandoc is missing"; exit 77; }
bad=0
for page in "$ROOT/docs/progress-report.1" "$ROOT/docs/progress-report.de.1"; do
	mandoc -T lint -W warning "$page" || { echo "FAIL: mandoc -T lint $page"; bad=1; }
	text=$(mandoc -T utf8 "$page" | col -b)
	for opt in inputs templates output db year lang fonts missing quiet help version; do
		echo "$text" | grep -q -- "--$opt" || { echo "FAIL: $page: --$opt is not documented"; bad=1; }
	done
	for st in 0 1 2 3 4 5 6; do
		echo "$text" | grep -q -E "^ +$st[[:space:]]+[A-Z]" || { echo "FAIL: $page: exit status $st is not documented"; bad=1; }
	done
	for var in LANGUAGE LC_ALL LC_MESSAGES PROGRESS_REPORT_LOCALEDIR; do
		echo "$text" | grep -q -- "$var" || { echo "FAIL: $page: $var is not documented"; bad=1; }
	done
	# Every option --help lists (in the page's language) is in the page.
	if [ -x "${PR:-}" ]; then
		case $page in *.de.1) lang=de ;; *) lang= ;; esac
		for opt in $(LANGUAGE=$lang "$PR" --help | grep -o -E -- '--[a-z-]+' | sort -u); do
			echo "$text" | grep -q -- "$opt" || { echo "FAIL: $page: $opt from --help is not in the man page"; bad=1; }
		done
	fi
done
# The German page is German: its sections after NAME and SYNOPSIS.
for sec in BESCHREIBUNG UMGEBUNG DATEIEN RÜCKGABEWERT; do
	mandoc -T utf8 "$ROOT/docs/progress-report.de.1" | col -b | grep -q "^$sec" ||
		{ echo "FAIL: the German man page has no section $sec"; bad=1; }
done
exit $bad
