/*
 * test_fuzz_sheet.c - replays the spreadsheet fuzzer's seed corpus
 * (tests/fuzz/corpus/sheet/) and every input it ever crashed on
 * (tests/fuzz/regressions/sheet/) through the harness, so that each
 * ordinary and sanitizer run of `make check` repeats them.
 */
#define FUZZ_ENTRY fuzz_sheet_one
#include "../fuzz/fuzz_sheet.c"

/* The replay reads files with fuzz_common.h's helpers; this harness
 * needs none of its folder copies. */
#pragma GCC diagnostic ignored "-Wunused-function"
#include "../fuzz/fuzz_common.h"
#include "fuzz_replay.h"

int
main(void)
{
	unsigned n = replay("tests/fuzz/corpus/sheet");

	n += replay("tests/fuzz/regressions/sheet");
	CHECK(n > 0);
	/* The seeds made from the committed forms are valid files. */
	CHECK(sheet_read_ok > 0);
	return unit_done("test_fuzz_sheet");
}
