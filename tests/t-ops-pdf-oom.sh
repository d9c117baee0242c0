#!/bin/sh
# Out of memory inside libharu: libharu allocates through the program's
# allocator (generator/pdf.c, HPDF_NewEx), which must say "out of
# memory" and exit 3 after the run's cleanup, as every other allocation
# failure does, not hand libharu a NULL that it reports as its own
# error ("the PDF library failed ... (error 0x1015)", exit 3 too, but
# naming a fault that is not there).  tests/lib/hpdf_oom.c fails the
# Nth of libharu's allocations: the first (starting the library), the
# middle one (the structure tree, at the sample's size) and the last
# (writing the file).  Each time the previous reports and history stay
# as they were, with no temporary file or journal left.
. "$ROOT/tests/ops-lib.sh"
# The sanitizers' allocator must come first; it cannot under LD_PRELOAD.
[ -n "${PR_SANITIZED:-}" ] && exit 77
command -v cc >/dev/null || fail "no C compiler for tests/lib/hpdf_oom.c"
cc -shared -fPIC -o "$T/hpdf_oom.so" "$ROOT/tests/lib/hpdf_oom.c" -ldl ||
	fail "cannot build tests/lib/hpdf_oom.c"

build_before

# How many allocations libharu asks for in a whole build (a later build
# date, so that the build changes every file).
fresh_out
SOURCE_DATE_EPOCH=1830297600 HPDF_OOM_COUNT="$T/count" \
    LD_PRELOAD="$T/hpdf_oom.so" run_build 0 "the build counting" \
    --inputs "$ROOT/inputs" --output "$T/out" --db "$T/db" ||
	cases_done
n=$(cat "$T/count" 2>/dev/null || echo 0)
# A few hundred would mean libharu mostly allocates elsewhere.
[ "$n" -gt 1000 ] ||
	fail "libharu made $n calls to the program's allocator (HPDF_NewEx given none?)"

for at in 1 $((n / 2)) "$n"; do
	fresh_out
	SOURCE_DATE_EPOCH=1830297600 HPDF_OOM_AT=$at \
	    LD_PRELOAD="$T/hpdf_oom.so" run_build 3 "allocation $at of $n" \
	    --inputs "$ROOT/inputs" --output "$T/out" --db "$T/db" || continue
	[ "$(cat "$T/err")" = "progress-report: error: out of memory" ] ||
		{ cat "$T/err" >&2; bad "allocation $at of $n: not the one message \"out of memory\""; }
	unchanged "allocation $at of $n"
	ls -A "$T" | grep -q -- '-journal$' &&
		bad "allocation $at of $n: a journal of the history is left"
done
cases_done
