/*
 * test_template_cases.c - the expected-output cases of tests/templates/:
 * each folder holds a report.tmpl (and any partials it includes) and
 * `expected`, the tree dump of the rendered document followed by the
 * messages, or only the messages when the template is refused.  All
 * cases run against the model of fixture_model.h.
 *
 * PR_UPDATE=1 rewrites the expected files; look at them before you
 * commit them.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doctree.h"
#include "fixture_model.h"
#include "template.h"
#include "unit.h"

/* Runs diag_flush() with stderr going into b. */
static void
capture_diag(struct buf *b)
{
	char *s = unit_flush_messages();

	buf_puts(b, s);
	free(s);
}

/* Replaces every occurrence of `from` in b with `to`. */
static void
replace_all(struct buf *b, const char *from, const char *to)
{
	struct buf out;
	const char *s = b->data ? b->data : "", *hit;
	size_t n = strlen(from);

	buf_init(&out);
	while ((hit = strstr(s, from)) != NULL) {
		buf_append(&out, s, (size_t)(hit - s));
		buf_puts(&out, to);
		s = hit + n;
	}
	buf_puts(&out, s);
	buf_free(b);
	*b = out;
}

static void
run_case(const char *root, const char *name, const struct model *m)
{
	char scratch[] = "/tmp/pr-tmpl.XXXXXX", cmd[2048], exp_path[1024];
	struct buf got;
	struct tmpl_set *ts;

	if (mkdtemp(scratch) == NULL) {
		CHECK(!"mkdtemp");
		return;
	}
	snprintf(cmd, sizeof(cmd),
	         "mkdir -p %s/de && cp -R %s/%s/. %s/de/ && "
	         "cp report-templates/de/locale.yaml %s/de/ && "
	         "rm -f %s/de/expected",
	         scratch, root, name, scratch, scratch, scratch);
	CHECK(system(cmd) == 0);
	buf_init(&got);
	ts = tmpl_load(scratch, "de");
	if (ts != NULL) {
		struct pr_doc *doc = tmpl_render(ts, m);
		if (doc != NULL) {
			CHECK(pr_tree_check(doc->root) == 0);
			pr_tree_dump(doc->root, &got);
			pr_doc_free(doc);
		}
		tmpl_free(ts);
	}
	capture_diag(&got);
	replace_all(&got, scratch, "CASE");
	snprintf(exp_path, sizeof(exp_path), "%s/%s/expected", root, name);
	if (getenv("PR_UPDATE") != NULL) {
		FILE *f = fopen(exp_path, "w");
		fputs(got.data ? got.data : "", f);
		fclose(f);
	}
	char *want = unit_slurp(exp_path, NULL);
	unit_checks++;
	if (want == NULL || strcmp(want, got.data ? got.data : "") != 0) {
		unit_failures++;
		fprintf(stderr, "case %s: output differs from %s; got:\n%s\n",
		        name, exp_path, got.data ? got.data : "");
	}
	free(want);
	buf_free(&got);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", scratch);
	CHECK(system(cmd) == 0);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(void)
{
	const char *root = "tests/templates";
	struct model m;
	DIR *d;
	struct dirent *e;
	char *names[512];
	size_t n = 0;

	diag_init("progress-report");
	fx_build(&m);
	d = opendir(root);
	CHECK(d != NULL);
	while (d != NULL && (e = readdir(d)) != NULL && n < 512)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	if (d != NULL)
		closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	CHECK(n >= 20);
	for (size_t i = 0; i < n; i++) {
		run_case(root, names[i], &m);
		free(names[i]);
	}
	model_free(&m);
	return unit_done("test_template_cases");
}
