#!/bin/sh
# Out of memory inside cmark-gfm: a template of
# 1.5 million list items under a 400 MB address-space limit.  The run
# says "out of memory" and exits 3 (cmark's own allocator aborted: exit
# 134, with the history's journal left behind); the history and the
# output folder are as before the run, with no temporary files.
# Sanitizers reserve more address space than any such limit allows.
set -u
. "$ROOT/tests/lib/common.sh"
need_binary
[ -n "${PR_SANITIZED:-}" ] && exit 77

cp -R "$ROOT/report-templates" "$T/rt"
python3 - "$T/rt/de/report.tmpl" <<'PY'
import sys
with open(sys.argv[1], "a") as f:
    f.write("\n\n" + "- x\n" * 1500000)
PY
mkdir "$T/out"
(
	ulimit -v 400000
	exec timeout 300 "$PR" build --quiet --inputs "$ROOT/inputs" \
	    --templates "$T/rt" --lang de --output "$T/out" --db "$T/db"
) >/dev/null 2>"$T/err"
expect_status 3 $? "build out of memory"
grep -q "^progress-report: error: out of memory$" "$T/err" ||
	fail "no out-of-memory message: $(head -c 300 "$T/err")"
left=$(ls -A "$T" "$T/out" | grep -v -e '^$' -e ':$' -e '^rt$' -e '^out$' \
    -e '^err$' -e '^\.progress-report\.lock$')
[ -z "$left" ] || fail "left behind: $left"
finish
