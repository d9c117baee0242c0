#!/bin/sh
# regen-expected.sh - rewrite tests/expected/ from the current build.
# Run it only after looking at the new PDF pages and HTML, then read the
# diff (git diff tests/expected) before committing.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PR=${PR:-$ROOT/build/progress-report}
T=$(mktemp -d)
E=$ROOT/tests/expected
mkdir -p "$E"
export SOURCE_DATE_EPOCH=1798761600 LC_ALL=C.UTF-8 TZ=UTC
for lang in de en; do
	"$PR" build --quiet --lang "$lang" --inputs "$ROOT/inputs" \
	    --output "$T/$lang" --db "$T/h-$lang.sqlite"
	pdftotext -enc UTF-8 "$T/$lang/progress-report-2026.pdf" "$E/sample-$lang.txt"
	pdfinfo -struct-text "$T/$lang/progress-report-2026.pdf" >"$E/sample-$lang.struct.txt"
	cp "$T/$lang/progress-report-2026.html" "$E/sample-$lang.html"
done
rm -rf "$T"
git -C "$ROOT" diff --stat -- tests/expected
