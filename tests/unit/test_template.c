/*
 * test_template.c - what the expected-output cases cannot show well:
 * hostile input values kept literally, includes confined to the
 * templates folder (symbolic links too), the document's metadata, and
 * linear cost for 20,000 milestones.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "doctree.h"
#include "fixture_model.h"
#include "template.h"
#include "unit.h"

static char scratch[] = "/tmp/pr-tmpl-unit.XXXXXX";

static void
put(const char *rel, const char *text)
{
	char path[1024], cmd[1200];
	FILE *f;

	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname %s/%s)\"", scratch,
	         rel);
	CHECK(system(cmd) == 0);
	snprintf(path, sizeof(path), "%s/%s", scratch, rel);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
}

static struct pr_doc *
render(const struct model *m, const char *tmpl)
{
	struct tmpl_set *ts;
	struct pr_doc *doc = NULL;

	put("de/report.tmpl", tmpl);
	ts = tmpl_load(scratch, "de");
	if (ts != NULL) {
		doc = tmpl_render(ts, m);
		tmpl_free(ts);
	}
	diag_flush();
	return doc;
}

/* The n-th node of type t in document order, or NULL. */
static const struct pr_node *
nth(const struct pr_doc *d, enum pr_type t, int n)
{
	struct pr_iter it;

	pr_iter_init(&it, d->root);
	while (pr_iter_next(&it) != PR_EV_NONE)
		if (it.ev == PR_EV_ENTER && it.cur->type == t && n-- == 0)
			return it.cur;
	return NULL;
}

static int
count_type(const struct pr_doc *d, enum pr_type t)
{
	struct pr_iter it;
	int n = 0;

	pr_iter_init(&it, d->root);
	while (pr_iter_next(&it) != PR_EV_NONE)
		n += it.ev == PR_EV_ENTER && it.cur->type == t;
	return n;
}

static char *
text_of(const struct pr_node *n)
{
	struct buf b;

	buf_init(&b);
	if (n != NULL)
		pr_node_text(n, &b);
	if (b.data == NULL)
		buf_puts(&b, "");
	return buf_detach(&b);
}

static void
test_hostile(void)
{
	static const char *const hostile[] = {
	    "*a* _b_ **c** `d` [e](https://x.org) ![i](j.png)",
	    "<script>alert(\"x\")</script> & &amp; &#65; <!-- c -->",
	    "# Titel | Spalte | \\ ~ ^ { } $ %",
	    "- Liste",
	    "+ plus",
	    "1. Zahl",
	    "2) Klammer",
	    "> Zitat",
	    "    eingerückt",
	    "=== unterstrichen",
	    "---",
	    "",
	    "[x](javascript:alert(1)) <https://auto.link> www.example.org",
	    "Zeile\nUmbruch",
	    "Ende mit Backslash \\",
	    "\" onmouseover=\"alert(1)",
	};
	/* what each must read as: white space runs become one space */
	static const char *const want[] = {
	    "*a* _b_ **c** `d` [e](https://x.org) ![i](j.png)",
	    "<script>alert(\"x\")</script> & &amp; &#65; <!-- c -->",
	    "# Titel | Spalte | \\ ~ ^ { } $ %",
	    "- Liste",
	    "+ plus",
	    "1. Zahl",
	    "2) Klammer",
	    "> Zitat",
	    "eingerückt",
	    "=== unterstrichen",
	    "---",
	    "",
	    "[x](javascript:alert(1)) <https://auto.link> www.example.org",
	    "Zeile Umbruch",
	    "Ende mit Backslash \\",
	    "\" onmouseover=\"alert(1)",
	};
	size_t n = sizeof(hostile) / sizeof(hostile[0]);
	struct model m;
	char *longword = malloc(20001);

	memset(longword, 'W', 20000);
	longword[20000] = '\0';
	fx_build(&m);
	/* one milestone per hostile string, plus the long word */
	for (size_t i = 0; i < 6 && i < m.nmilestones; i++)
		m.milestones[i]->title = hostile[i];
	for (size_t i = 6; i < n; i++) {
		struct milestone *ms =
		    fx_ms(&m, "X", m.aspects[0], hostile[i], MS_PLANNED,
		          (struct pr_date){2027, 1, 31},
		          (struct pr_date){2027, 1, 31});
		(void)ms;
	}
	fx_ms(&m, "L", m.aspects[0], longword, MS_PLANNED,
	      (struct pr_date){2027, 1, 31}, (struct pr_date){2027, 1, 31});
	model_index(&m);

	/* each value in a heading, a paragraph, a list item and a table
	 * cell: the four places with the most markup around them */
	struct pr_doc *d = render(&m, "{% for m in milestones %}\n"
	                              "## {{ m.title }}\n\n"
	                              "{{ m.title }}\n\n"
	                              "- {{ m.title }}\n\n"
	                              "| Titel |\n|---|\n| {{ m.title }} |\n\n"
	                              "{% endfor %}\n");
	CHECK(d != NULL);
	if (d != NULL) {
		CHECK(pr_tree_check(d->root) == 0);
		for (size_t i = 0; i <= n; i++) {
			const char *w = i < n ? want[i] : longword;
			char *h = text_of(nth(d, PR_HEADING, (int)i));
			char *p = text_of(nth(d, PR_ITEM, (int)i));
			char *c = text_of(nth(d, PR_ROW, (int)(2 * i + 1)));
			CHECK_STR(h, w);
			CHECK_STR(p, w);
			CHECK_STR(c, w);
			free(h);
			free(p);
			free(c);
		}
		/* nothing in the values became markup */
		CHECK(count_type(d, PR_LINK) == 0);
		CHECK(count_type(d, PR_EMPH) == 0);
		CHECK(count_type(d, PR_STRONG) == 0);
		CHECK(count_type(d, PR_LINEBREAK) == 0);
		CHECK(count_type(d, PR_SECTION) == (int)(n + 1));
		CHECK(count_type(d, PR_LIST) == (int)(n + 1));
		CHECK(count_type(d, PR_TABLE) == (int)(n + 1));
		pr_doc_free(d);
	}
	/* an input value cannot fake a component marker */
	m.milestones[0]->title = "\xee\x80\x82"
	                         "0\xee\x80\x81";
	d = render(&m, "{% for m in milestones limit 1 %}{{ m.title }}\n\n"
	               "{% component glossary %}\n{% endfor %}");
	CHECK(d != NULL);
	if (d != NULL) {
		char *t = text_of(nth(d, PR_PARA, 0));
		CHECK_STR(t, "\xef\xbf\xbd"
		             "0\xef\xbf\xbd");
		free(t);
		CHECK(count_type(d, PR_TABLE) == 1);
		pr_doc_free(d);
	}
	free(longword);
	model_free(&m);
}

static void
test_confinement(void)
{
	struct model m;
	char cmd[1024];
	unsigned errs;

	fx_build(&m);
	put("outside.tmpl", "secret\n");
	snprintf(cmd, sizeof(cmd),
	         "ln -sf %s/outside.tmpl %s/de/link.tmpl && "
	         "mkdir -p %s/elsewhere && ln -sfn %s/elsewhere %s/de/dir && "
	         "echo secret > %s/elsewhere/x.tmpl",
	         scratch, scratch, scratch, scratch, scratch, scratch);
	CHECK(system(cmd) == 0);
	errs = diag_count(DIAG_ERROR);
	CHECK(render(&m, "{% include \"link.tmpl\" %}") == NULL);
	CHECK(diag_count(DIAG_ERROR) == errs + 1);
	CHECK(render(&m, "{% include \"dir/x.tmpl\" %}") == NULL);
	CHECK(render(&m, "{% include \"../outside.tmpl\" %}") == NULL);
	CHECK(render(&m, "{% include \"./link.tmpl\" %}") == NULL);
	CHECK(render(&m, "{% include \"partials//x.tmpl\" %}") == NULL);
	CHECK(render(&m, "{% include \"x.txt\" %}") == NULL);
	CHECK(diag_count(DIAG_ERROR) == errs + 6);
	/* a link that stays inside is fine */
	put("de/partials/real.tmpl", "inside\n");
	snprintf(cmd, sizeof(cmd), "ln -sf partials/real.tmpl %s/de/alias.tmpl",
	         scratch);
	CHECK(system(cmd) == 0);
	struct pr_doc *d = render(&m, "{% include \"alias.tmpl\" %}");
	CHECK(d != NULL);
	pr_doc_free(d);
	/* a language folder that does not exist */
	CHECK(tmpl_load(scratch, "fr") == NULL);
	CHECK(tmpl_load(scratch, "../de") == NULL);
	diag_flush();
	model_free(&m);
}

static void
test_metadata(void)
{
	struct model m;
	struct pr_doc *d;

	fx_build(&m);
	d = render(&m, "# {{ settings.title }}\n");
	CHECK(d != NULL);
	if (d != NULL) {
		CHECK_STR(d->title, "Fortschrittsbericht Digitalisierung 2026");
		CHECK_STR(d->lang, "de");
		CHECK_STR(d->author, "Stadt Musterstadt");
		CHECK_STR(d->page_word, "Seite");
		CHECK_STR(d->of_word, "von");
		CHECK_STR(d->toc_title, "Inhalt");
		CHECK(d->running_header != NULL);
		CHECK(d->date_y == 2027 && d->date_m == 2 && d->date_d == 28);
		pr_doc_free(d);
	}
	model_free(&m);
}

/* Inputs in another language than the report: their text is marked as
 * a passage in that language, in placeholders, paragraphs and
 * components; the template's own words are not. */
static void
test_input_language(void)
{
	struct model m;
	struct pr_doc *d;

	fx_build(&m);
	m.settings.lang = "en"; /* the inputs' language; the report is de */
	d = render(&m,
	           "{% for a in aspects where a.id == \"02a\" %}\n"
	           "## {{ a.title }}\n\n{{ a.narrative | paragraphs }}\n\n"
	           "{% component milestone_table milestones=a.milestones %}\n"
	           "{% endfor %}\nJahr {{ settings.year }}\n");
	CHECK(d != NULL);
	if (d != NULL) {
		const struct pr_node *h = nth(d, PR_HEADING, 0);
		CHECK(h != NULL && h->first != NULL &&
		      h->first->type == PR_LANG &&
		      strcmp(h->first->u.lang.lang, "en") == 0);
		/* two narrative paragraphs, two milestone cells */
		CHECK(count_type(d, PR_LANG) == 1 + 2 + 2);
		const struct pr_node *last = d->root->last;
		CHECK(last->type ==
		      PR_SECTION); /* "Jahr" is in 02a's section */
		pr_doc_free(d);
	}
	m.settings.lang = "de";
	d = render(&m, "# {{ settings.title }}\n");
	CHECK(d != NULL && count_type(d, PR_LANG) == 0);
	pr_doc_free(d);
	model_free(&m);
}

/* Text sorts by DIN 5007-1: case and umlauts do not push a word to
 * the end. */
static void
test_sort_text(void)
{
	static const char *const titles[] = {"Zebra", "Ärger",  "apfel",
	                                     "Bär",   "Straße", "Strasse"};
	struct model m;
	struct pr_doc *d;
	struct buf b;

	fx_build(&m);
	for (size_t i = 0; i < 6; i++)
		m.milestones[i]->title = titles[i];
	d = render(&m, "{% for m in milestones sort by m.title %}"
	               "{{ m.title }}/{% endfor %}\n");
	CHECK(d != NULL);
	if (d != NULL) {
		buf_init(&b);
		pr_node_text(d->root, &b);
		CHECK_STR(b.data, "apfel/Ärger/Bär/Straße/Strasse/Zebra/");
		buf_free(&b);
		pr_doc_free(d);
	}
	model_free(&m);
}

/* CPU seconds to load and render `tmpl` over n milestones. */
static double
timed(size_t n, const char *tmpl, int *nrows)
{
	struct model m;
	char(*ids)[24] = calloc(n, sizeof(*ids));
	double best = 1e9;

	fx_build(&m);
	for (size_t i = 0; i < n; i++) {
		snprintf(ids[i], sizeof(ids[i]), "P%zu", i);
		fx_ms(&m, ids[i], m.aspects[2 + i % 2],
		      "Digitale Akte für das OZG-Verfahren *eingeführt*",
		      (enum ms_status)(i % MS_STATUS__MAX),
		      (struct pr_date){2026 + (int)(i % 5), 1 + (int)(i % 12),
		                       28},
		      (struct pr_date){2027 + (int)(i % 4), 1 + (int)(i % 12),
		                       28});
	}
	model_index(&m);
	for (int run = 0; run < 3; run++) {
		clock_t t0 = clock();
		struct pr_doc *d = render(&m, tmpl);
		double t = (double)(clock() - t0) / CLOCKS_PER_SEC;
		CHECK(d != NULL);
		if (d != NULL) {
			*nrows = count_type(d, PR_ROW);
			pr_doc_free(d);
		}
		if (t < best)
			best = t;
	}
	free(ids);
	model_free(&m);
	return best;
}

static void
test_linear(void)
{
	const char *tmpl =
	    "# Meilensteine\n\n"
	    "| Nr. | Titel | Termin | Status |\n|---|---|---|---|\n"
	    "{% for m in milestones where m.status != \"cancelled\" "
	    "sort by m.due desc, m.id %}"
	    "| {{ loop.index }} | {{ m.title }} | {{ m.due | date }} | "
	    "{{ m.status | status }} |\n{% endfor %}\n"
	    "{% for a in aspects %}\n## {{ a.title }}\n\n"
	    "{% component plan_table milestones=a.milestones %}\n"
	    "{% endfor %}\n";
	int rows_small = 0, rows_big = 0;
	double small = timed(2000, tmpl, &rows_small);
	double big = timed(20000, tmpl, &rows_big);

	fprintf(stderr, "2,000 milestones: %.3f s, 20,000: %.3f s\n", small,
	        big);
	CHECK(rows_big > 10 * 2000 && rows_small > 2000);
	/* linear is 10 times; quadratic would be 100 */
	CHECK(big < 25 * (small > 0.005 ? small : 0.005));
	CHECK(big < (getenv("PR_SANITIZED") ? 60.0 : 10.0));
}

int
main(void)
{
	char cmd[256];

	diag_init("progress-report");
	if (mkdtemp(scratch) == NULL)
		return 1;
	snprintf(cmd, sizeof(cmd),
	         "mkdir -p %s/de && cp report-templates/de/locale.yaml %s/de/",
	         scratch, scratch);
	CHECK(system(cmd) == 0);
	test_hostile();
	test_confinement();
	test_metadata();
	test_input_language();
	test_sort_text();
	test_linear();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", scratch);
	CHECK(system(cmd) == 0);
	return unit_done("test_template");
}
