#!/bin/sh
# regen-messages-de.sh - rewrite the German expected messages from the
# current build: tests/inputs/<case>/expected.de.txt for every
# broken-input case and tests/inputs/missing-2026.de.txt.  Read the
# diff (git diff tests/inputs) as a clerk would before committing: the
# German must say what is wrong and what to do.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PR=${PR:-$ROOT/build/progress-report}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8 LANGUAGE=de TZ=UTC
. "$ROOT/tests/lib/input-cases.sh"
cd "$ROOT/tests/inputs"
for d in */; do
	c=${d%/}
	run_case "$c" "$T" >"$c/expected.de.txt"
done
cd "$ROOT"
"$PR" check --quiet --db "$T/no-history.sqlite" --missing --inputs inputs \
    >tests/inputs/missing-2026.de.txt
git -C "$ROOT" diff --stat -- tests/inputs
