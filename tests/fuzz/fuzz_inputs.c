/*
 * fuzz_inputs.c - libFuzzer harness for the input loading: inputs_load()
 * on a copy of the sample inputs in which one file is the fuzzer's data
 * ("NAME\nCONTENTS", see fuzz_tree_put), then the analysis on whatever
 * loaded.
 *
 * FUZZ_INPUTS_BASE names the folder to start from (default: inputs).
 * Built and run by tests/fuzz/run.sh; the same function replays the
 * corpus and the regressions in tests/unit/test_fuzz_inputs.c.
 */
#include "analysis.h"
#include "fuzz_common.h"
#include "inputs.h"
#include "model.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

static struct fuzz_tree inputs_tree;
/* Loads that succeeded, so the replay test can tell that the seeds are
 * valid inputs. */
static unsigned inputs_loaded;
static int inputs_ready;

static void
inputs_done(void)
{
	fuzz_tree_free(&inputs_tree);
}

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct model m;
	size_t i;
	bool unused;

	if (!inputs_ready) {
		const char *base = getenv("FUZZ_INPUTS_BASE");

		fuzz_tree_init(&inputs_tree, base ? base : "inputs");
		atexit(inputs_done);
		inputs_ready = 1;
	}
	i = fuzz_tree_put(&inputs_tree, data, size, "zz-fuzz.yaml", &unused);
	model_init(&m);
	if (inputs_load(&m, inputs_tree.dir, 0)) {
		inputs_loaded++;
		analysis_run(&m);
	}
	model_free(&m);
	fuzz_discard_messages();
	fuzz_tree_restore(&inputs_tree, i, "zz-fuzz.yaml");
	return 0;
}
