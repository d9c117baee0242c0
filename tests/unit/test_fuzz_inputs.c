/*
 * test_fuzz_inputs.c - replays the inputs fuzzer's seed corpus
 * (tests/fuzz/corpus/inputs/) and every input it ever crashed on
 * (tests/fuzz/regressions/inputs/) through the harness, so that each
 * ordinary and sanitizer run of `make check` repeats them.
 */
#define FUZZ_ENTRY fuzz_inputs_one
#include "../fuzz/fuzz_inputs.c"

#include "fuzz_replay.h"

int
main(void)
{
	unsigned n = replay("tests/fuzz/corpus/inputs");

	n += replay("tests/fuzz/regressions/inputs");
	CHECK(n > 0);
	/* The seeds made from the sample files are valid: some runs must
	 * get all the way through. */
	CHECK(inputs_loaded > 0);
	return unit_done("test_fuzz_inputs");
}
