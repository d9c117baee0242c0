#!/bin/sh
# The browser and PDF-reader tests run with the Node.js and Chromium of
# the Debian archive (tools/toolcheck.sh), the ones a bare Debian 12
# has: a newer Node on a development machine would let tests pass there
# that fail for a user.  PR_ANY_TOOLS=1 accepts other versions (the
# versions are still printed).
set -u
if [ "${PR_SANITIZED:-}" = 1 ]; then
	echo "skip: the tools were checked in the ordinary run"
	exit 77
fi
sh "$ROOT/tools/toolcheck.sh" node chromium && exit 0
if [ "${PR_ANY_TOOLS:-}" = 1 ]; then
	echo "PR_ANY_TOOLS=1: accepted"
	exit 0
fi
echo "FAIL: the tests must run with Debian's Node.js and Chromium (sh tools/deps.sh test as root replaces them; PR_ANY_TOOLS=1 accepts these)"
exit 1
