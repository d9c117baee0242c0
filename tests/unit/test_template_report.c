/*
 * test_template_report.c - the shipped report templates (de, en)
 * rendered against the fixture model: they load and render without a
 * message, the tree is well formed, heading levels never skip, every
 * required chapter is there, and both languages have the same
 * structure (the same sequence of blocks), so the English report is a
 * translation of the German one, not a different report.
 *
 * PR_DUMP=de or PR_DUMP=en prints the tree, for looking at it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doctree.h"
#include "fixture_model.h"
#include "template.h"
#include "unit.h"

static void
check_headings(const struct pr_node *root)
{
	struct pr_iter it;
	int last = 0;

	pr_iter_init(&it, root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		const struct pr_node *n = it.cur;
		if (it.ev != PR_EV_ENTER || n->type != PR_HEADING)
			continue;
		if (n->u.sect.level > last + 1) {
			struct buf b;
			buf_init(&b);
			pr_node_text(n, &b);
			fprintf(stderr, "heading \"%s\" skips from %d to %d\n",
			        b.data, last, n->u.sect.level);
			buf_free(&b);
			CHECK(!"a heading level is skipped");
		}
		last = n->u.sect.level;
	}
}

/* The block structure: one letter per block node, in order. */
static void
shape(const struct pr_node *root, struct buf *out)
{
	struct pr_iter it;

	pr_iter_init(&it, root);
	while (pr_iter_next(&it) != PR_EV_NONE)
		if (it.ev == PR_EV_ENTER && !pr_is_inline(it.cur->type) &&
		    it.cur->type != PR_CELL && it.cur->type != PR_CAPTION)
			buf_printf(out, "%s%d ", pr_type_name(it.cur->type),
			           it.cur->type == PR_HEADING
			               ? it.cur->u.sect.level
			               : 0);
}

static bool
has_heading(const struct pr_node *root, const char *text)
{
	struct pr_iter it;
	bool found = false;

	pr_iter_init(&it, root);
	while (!found && pr_iter_next(&it) != PR_EV_NONE)
		if (it.ev == PR_EV_ENTER && it.cur->type == PR_HEADING) {
			struct buf b;
			buf_init(&b);
			pr_node_text(it.cur, &b);
			found = b.data && strstr(b.data, text) != NULL;
			buf_free(&b);
		}
	return found;
}

static struct pr_doc *
render(const struct model *m, const char *lang)
{
	struct tmpl_set *ts = tmpl_load("report-templates", lang);
	struct pr_doc *d = NULL;

	CHECK(ts != NULL);
	if (ts != NULL) {
		d = tmpl_render(ts, m);
		tmpl_free(ts);
	}
	CHECK(d != NULL);
	return d;
}

int
main(void)
{
	static const char *const de_heads[] = {
	    "Zusammenfassung für den Ausschuss",
	    "in Zahlen",
	    "Stand der Beschlusspunkte",
	    "Beschlusspunkt 01",
	    "Beschlusspunkt 02",
	    "02a\xC2\xA0" "Interne Prozesse",
	    "02b\xC2\xA0" "Schulungen",
	    "Erläuterungen zu verzögerten",
	    "Indikatoren",
	    "Änderungen seit dem letzten Bericht",
	    "Verschobene Termine",
	    "Ausblick auf 2027",
	    "Anhang",
	    "Datentabellen",
	    "Abkürzungsverzeichnis",
	    "Datenquellen",
	    "Erklärung zur Barrierefreiheit",
	    NULL};
	struct model m;
	struct pr_doc *de, *en;
	struct buf sde, sen;
	unsigned warnings;

	diag_init("progress-report");
	fx_build(&m);
	warnings = diag_count(DIAG_WARNING);
	de = render(&m, "de");
	en = render(&m, "en");
	CHECK(diag_count(DIAG_WARNING) == warnings); /* no missing word */
	diag_flush();
	if (de == NULL || en == NULL)
		return unit_done("test_template_report");
	CHECK(pr_tree_check(de->root) == 0);
	CHECK(pr_tree_check(en->root) == 0);
	check_headings(de->root);
	check_headings(en->root);
	for (size_t i = 0; de_heads[i]; i++) {
		bool ok = has_heading(de->root, de_heads[i]);
		if (!ok)
			fprintf(stderr, "missing heading: %s\n", de_heads[i]);
		CHECK(ok);
	}
	CHECK(has_heading(en->root, "Changes since the last report"));
	CHECK(has_heading(en->root, "Accessibility statement"));
	CHECK_STR(de->lang, "de");
	CHECK_STR(en->lang, "en");
	buf_init(&sde);
	buf_init(&sen);
	shape(de->root, &sde);
	shape(en->root, &sen);
	CHECK_STR(sde.data, sen.data);
	buf_free(&sde);
	buf_free(&sen);
	if (getenv("PR_DUMP") != NULL) {
		struct buf b;
		buf_init(&b);
		pr_tree_dump(
		    strcmp(getenv("PR_DUMP"), "en") ? de->root : en->root, &b);
		fputs(b.data, stdout);
		buf_free(&b);
	}
	pr_doc_free(de);
	pr_doc_free(en);
	model_free(&m);
	return unit_done("test_template_report");
}
