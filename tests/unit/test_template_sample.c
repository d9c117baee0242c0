/*
 * test_template_sample.c - the shipped templates against the real
 * sample inputs (inputs/), in both languages: no message at all, a
 * well-formed tree that passes the validation stage, every milestone
 * and indicator of the inputs present in the report, and the charts.
 *
 * PR_DUMP=de or PR_DUMP=en prints the validated tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "doc_validate.h"
#include "doctree.h"
#include "inputs.h"
#include "model.h"
#include "template.h"
#include "unit.h"

static int
count_type(const struct pr_node *root, enum pr_type t)
{
	struct pr_iter it;
	int n = 0;

	pr_iter_init(&it, root);
	while (pr_iter_next(&it) != PR_EV_NONE)
		n += it.ev == PR_EV_ENTER && it.cur->type == t;
	return n;
}

/* ASCII only: the unit follows a number and a no-break space. */
static bool
is_letter(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/*
 * The unit "percentage points" (`abbr`, "Pp." or "pp") wherever it
 * stands as a word is an ABBR with its expansion: a screen reader
 * spells it out as letters otherwise.  Returns how often it occurs.
 */
static int
check_points_abbr(const struct pr_node *root, const char *abbr,
                  const char *expansion)
{
	struct pr_iter it;
	size_t len = strlen(abbr);
	int n = 0;

	pr_iter_init(&it, root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		const struct pr_node *t = it.cur;
		const char *s, *at;

		if (it.ev != PR_EV_ENTER || t->type != PR_TEXT)
			continue;
		s = t->u.text.text;
		for (at = strstr(s, abbr); at != NULL;
		     at = strstr(at + 1, abbr)) {
			if ((at > s && is_letter(at[-1])) || is_letter(at[len]))
				continue;
			n++;
			if (t->parent->type != PR_ABBR ||
			    strcmp(t->parent->u.abbr.expansion, expansion) !=
			        0) {
				fprintf(stderr, "unmarked \"%s\" in \"%s\"\n",
				        abbr, s);
				CHECK(false);
			}
		}
	}
	return n;
}

/*
 * No table cell says only "–": at the default punctuation level a
 * screen reader reads nothing there, and the cell seems empty.  Returns
 * how many do.
 */
static int
dash_cells(const struct pr_node *root)
{
	static const char *const dashes[] = {"-", "–", "—", "−", NULL};
	struct pr_iter it;
	struct buf b;
	int n = 0;

	buf_init(&b);
	pr_iter_init(&it, root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		if (it.ev != PR_EV_ENTER || it.cur->type != PR_CELL)
			continue;
		buf_reset(&b);
		pr_node_text(it.cur, &b);
		for (size_t k = 0; dashes[k] != NULL; k++)
			if (b.data != NULL && strcmp(b.data, dashes[k]) == 0) {
				fprintf(stderr, "a cell holds only \"%s\"\n",
				        b.data);
				n++;
			}
	}
	buf_free(&b);
	return n;
}

static void
one(const struct model *m, const char *lang)
{
	unsigned w = diag_count(DIAG_WARNING), e = diag_count(DIAG_ERROR);
	struct tmpl_set *ts = tmpl_load("report-templates", lang);
	struct pr_doc *d = ts ? tmpl_render(ts, m) : NULL;
	struct buf text;

	CHECK(d != NULL);
	if (d != NULL) {
		CHECK(doc_validate(d));
		CHECK(pr_tree_check(d->root) == 0);
		buf_init(&text);
		pr_node_text(d->root, &text);
		/* every milestone and indicator is named somewhere */
		for (size_t i = 0; i < m->nmilestones; i++)
			CHECK(strstr(text.data, m->milestones[i]->title) !=
			      NULL);
		for (size_t i = 0; i < m->nindicators; i++)
			CHECK(strstr(text.data, m->indicators[i]->title) !=
			      NULL);
		buf_free(&text);
		CHECK(count_type(d->root, PR_TOC) == 1);
		CHECK(count_type(d->root, PR_ABBR) > 0);
		CHECK(dash_cells(d->root) == 0);
		if (strcmp(lang, "de") == 0)
			CHECK(check_points_abbr(d->root, "Pp.",
			                        "Prozentpunkte") > 0);
		else
			CHECK(check_points_abbr(d->root, "pp",
			                        "percentage points") > 0);
		if (getenv("PR_DUMP") && strcmp(getenv("PR_DUMP"), lang) == 0) {
			struct buf b;
			buf_init(&b);
			pr_tree_dump(d->root, &b);
			fputs(b.data, stdout);
			buf_free(&b);
		}
	}
	CHECK(diag_count(DIAG_WARNING) == w);
	CHECK(diag_count(DIAG_ERROR) == e);
	diag_flush();
	pr_doc_free(d);
	tmpl_free(ts);
}

int
main(void)
{
	struct model m;

	diag_init("progress-report");
	model_init(&m);
	CHECK(inputs_load(&m, "inputs", 0));
	diag_flush();
	analysis_run(&m);
	CHECK(m.nmilestones > 20);
	one(&m, "de");
	one(&m, "en");
	model_free(&m);
	return unit_done("test_template_sample");
}
