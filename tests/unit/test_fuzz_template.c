/*
 * test_fuzz_template.c - replays the template fuzzer's seed corpus
 * (tests/fuzz/corpus/template/) and every input it ever crashed on
 * (tests/fuzz/regressions/template/) through the harness, so that each
 * ordinary and sanitizer run of `make check` repeats them.
 */
#define FUZZ_ENTRY fuzz_template_one
#include "../fuzz/fuzz_template.c"

#include "fuzz_replay.h"

int
main(void)
{
	unsigned n = replay("tests/fuzz/corpus/template");

	n += replay("tests/fuzz/regressions/template");
	CHECK(n > 0);
	/* The seeds made from the sample files are valid: some runs must
	 * get all the way through. */
	CHECK(tmpl_rendered > 0);
	return unit_done("test_fuzz_template");
}
