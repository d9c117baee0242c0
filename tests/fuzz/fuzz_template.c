/*
 * fuzz_template.c - libFuzzer harness for the templates: tmpl_load() on
 * a copy of report-templates/de/ in which one file is the fuzzer's data
 * ("NAME\nCONTENTS", see fuzz_tree_put; NAME such as de/report.tmpl).
 * When NAME starts with '+' and the templates load, they are also
 * evaluated against the sample model and the document tree validated,
 * which is slower but reaches the evaluator.
 *
 * FUZZ_TEMPLATES_BASE and FUZZ_INPUTS_BASE name the folders to start
 * from (defaults: report-templates, inputs).  Built and run by
 * tests/fuzz/run.sh; replayed by tests/unit/test_fuzz_template.c.
 */
#include "analysis.h"
#include "doc_validate.h"
#include "doctree.h"
#include "fuzz_common.h"
#include "inputs.h"
#include "model.h"
#include "template.h"

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

static struct fuzz_tree tmpl_tree;
/* Documents rendered, so the replay test can tell that the seeds reach
 * the evaluator. */
static unsigned tmpl_rendered;
static struct model tmpl_model;
static int tmpl_ready, tmpl_have_model;

static void
tmpl_done(void)
{
	fuzz_tree_free(&tmpl_tree);
	model_free(&tmpl_model);
}

static void
tmpl_setup(void)
{
	const char *tbase = getenv("FUZZ_TEMPLATES_BASE");
	const char *ibase = getenv("FUZZ_INPUTS_BASE");

	/* The copy holds one language, de/, under the set's folder. */
	fuzz_tree_init(&tmpl_tree, NULL);
	fuzz_copy(&tmpl_tree, tbase ? tbase : "report-templates", "de");
	if (tmpl_tree.nfiles > 1)
		qsort(tmpl_tree.files, tmpl_tree.nfiles,
		      sizeof(*tmpl_tree.files), fuzz_cmp);
	model_init(&tmpl_model);
	tmpl_have_model = inputs_load(&tmpl_model, ibase ? ibase : "inputs", 0);
	if (tmpl_have_model)
		analysis_run(&tmpl_model);
	fuzz_discard_messages();
	atexit(tmpl_done);
	tmpl_ready = 1;
}

int
FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct tmpl_set *t;
	size_t i;
	bool render;

	if (!tmpl_ready)
		tmpl_setup();
	i = fuzz_tree_put(&tmpl_tree, data, size, "de/zz-fuzz.tmpl", &render);
	t = tmpl_load(tmpl_tree.dir, "de");
	if (t != NULL && render && tmpl_have_model) {
		struct pr_doc *doc = tmpl_render(t, &tmpl_model);

		if (doc != NULL) {
			tmpl_rendered++;
			doc_validate(doc);
		}
		pr_doc_free(doc);
	}
	tmpl_free(t);
	fuzz_discard_messages();
	fuzz_tree_restore(&tmpl_tree, i, "de/zz-fuzz.tmpl");
	return 0;
}
