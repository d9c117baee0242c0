#!/bin/sh
# npm.sh - install the browser-test tools pinned in tests/package-lock.json.
# playwright-core never downloads a browser (Debian's chromium is used);
# the stamp avoids a reinstall when the lockfile has not changed.
set -eu
cd "$(dirname "$0")/../tests"
[ -f package-lock.json ] || exit 0
stamp=node_modules/.lock-stamp
if [ -f "$stamp" ] && cmp -s package-lock.json "$stamp"; then
	exit 0
fi
# tests/.npmrc sets engine-strict: a package that does not support this
# Node fails the install instead of printing a warning nobody reads.
# No install scripts and no optional packages: the only ones are pdf.js's
# "canvas", whose script would try to download a prebuilt library.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund \
    --omit=optional --ignore-scripts
cp package-lock.json "$stamp"
