/*
 * test_html.c - the HTML renderer: escaping of hostile strings in
 * every context, refusal of link schemes, landmarks and structure,
 * well-formed nesting, determinism, and one small page compared with
 * an expected file that a person has read (tests/unit/html-small.html).
 *
 *   test_html                 run the checks
 *   test_html --sample FILE   write the large sample page (every node
 *                             type, hostile strings) for the browser
 *                             tests in tests/browser/
 *   test_html --small FILE    write the small page (to regenerate the
 *                             expected file after looking at it)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "doc_validate.h"
#include "html.h"
#include "hyph.h"
#include "style.h"
#include "unit.h"

#define EXPECTED_SMALL "tests/unit/html-small.html"

static struct src_pos
at(unsigned line)
{
	struct src_pos p = {"t.tmpl", line, 3};
	return p;
}

static struct pr_node *
node(struct pr_doc *d, struct pr_node *parent, enum pr_type t)
{
	struct pr_node *n = pr_node_new(d, t, NULL);

	if (!pr_node_append(parent, n))
		fprintf(stderr, "cannot append %s to %s\n", pr_type_name(t),
		        pr_type_name(parent->type));
	return n;
}

static struct pr_node *
add(struct pr_node *parent, struct pr_node *n)
{
	if (!pr_node_append(parent, n))
		fprintf(stderr, "cannot append %s to %s\n",
		        pr_type_name(n->type), pr_type_name(parent->type));
	return n;
}

static void
text(struct pr_doc *d, struct pr_node *parent, const char *s)
{
	if (!pr_append_text(d, parent, NULL, s))
		fprintf(stderr, "cannot add text to %s\n",
		        pr_type_name(parent->type));
}

/* An inline node holding text. */
static struct pr_node *
span(struct pr_doc *d, struct pr_node *parent, struct pr_node *n, const char *s)
{
	add(parent, n);
	text(d, n, s);
	return n;
}

static struct pr_node *
section(struct pr_doc *d, struct pr_node *parent, int level, const char *title)
{
	struct pr_node *s = add(parent, pr_new_section(d, NULL, level));
	struct pr_node *h = add(s, pr_new_heading(d, NULL, level));

	text(d, h, title);
	return s;
}

static struct pr_node *
para(struct pr_doc *d, struct pr_node *parent, const char *s)
{
	struct pr_node *p = node(d, parent, PR_PARA);

	if (s != NULL)
		text(d, p, s);
	return p;
}

static struct pr_node *
cell(struct pr_doc *d, struct pr_node *row, bool header, enum pr_scope scope,
     enum pr_align align, const char *s)
{
	struct pr_node *c =
	    add(row, pr_new_cell(d, NULL, header, scope, align));

	text(d, c, s);
	return c;
}

static struct pr_node *
status(struct pr_doc *d, struct pr_node *parent, const char *key,
       const char *label)
{
	struct pr_node *s = add(parent, pr_new_status(d, NULL, key));

	if (label != NULL)
		text(d, s, label);
	return s;
}

/* A small bar chart using every drawing operation. */
static struct drawing *
chart(struct pr_doc *d)
{
	struct drawing *g = drawing_new(&d->pool, 360, 180);
	static const double vals[] = {3, 12, 31};
	static const char *const years[] = {"2024", "2025", "2026"};
	struct dr_item *it;
	double *pts;
	int i;

	it = drawing_add(g, DR_LINE);
	it->pts = pts = drawing_points(g, 2);
	it->npts = 2;
	pts[0] = 40, pts[1] = 150, pts[2] = 340, pts[3] = 150;
	for (i = 0; i < 3; i++) {
		it = drawing_add(g, DR_RECT);
		it->x = 60 + i * 90;
		it->y = 150 - vals[i] * 4;
		it->w = 50;
		it->h = vals[i] * 4;
		it->fill = true;
		it->fill_color = style_for("in_progress")->color;
		it->stroke = false;
		it = drawing_add(g, DR_TEXT);
		it->x = 85 + i * 90;
		it->y = 165;
		it->text = years[i];
		it->anchor = DR_MIDDLE;
		it->fill_color = (struct dr_color){0x33, 0x33, 0x33};
	}
	it = drawing_add(g, DR_POLYLINE);
	it->pts = pts = drawing_points(g, 3);
	it->npts = 3;
	pts[0] = 85, pts[1] = 140, pts[2] = 175, pts[3] = 100;
	pts[4] = 265, pts[5] = 30.125;
	it->dash = 3;
	it->stroke_color = style_for("done")->color;
	it->stroke_width = 1.5;
	it = drawing_add(g, DR_POLYGON);
	it->pts = pts = drawing_points(g, 3);
	it->npts = 3;
	pts[0] = 300, pts[1] = 20, pts[2] = 310, pts[3] = 36;
	pts[4] = 290, pts[5] = 36;
	it->fill = true;
	it->fill_color = style_for("delayed")->color;
	it = drawing_add(g, DR_CIRCLE);
	it->x = 320;
	it->y = 28;
	it->r = 6;
	it = drawing_add(g, DR_TEXT);
	it->x = 340;
	it->y = 14;
	it->text = "Ziel <120> & \"mehr\"";
	it->anchor = DR_END;
	it->bold = true;
	it->size = 10;
	return g;
}

/* A matrix whose corner header cell is empty. */
static void
matrix(struct pr_doc *d, struct pr_node *s)
{
	struct pr_node *t = node(d, s, PR_TABLE), *r = node(d, t, PR_ROW);

	r->u.row.header = true;
	add(r, pr_new_cell(d, NULL, true, PR_SCOPE_COL, PR_ALIGN_LEFT));
	cell(d, r, true, PR_SCOPE_COL, PR_ALIGN_LEFT, "2026");
	r = node(d, t, PR_ROW);
	cell(d, r, true, PR_SCOPE_ROW, PR_ALIGN_LEFT, "erledigt");
	cell(d, r, false, PR_SCOPE_NONE, PR_ALIGN_RIGHT, "21");
}

/* The small page of the expected-output test. */
static struct pr_doc *
small_doc(void)
{
	struct pr_doc *d = pr_doc_new();
	struct pr_node *s, *p, *l, *t, *r;

	d->title = "Fortschrittsbericht 2026";
	d->lang = "de";
	d->author = "Stadt Musterstadt";
	d->toc_title = "Inhalt";
	d->skip_text = "Zum Inhalt springen";
	d->running_header = "Fortschrittsbericht 2026";
	add(d->root, pr_node_new(d, PR_TOC, NULL));
	s = section(d, d->root, 1, "Überblick");
	p = para(d, s, "Die ");
	span(d, p, pr_new_abbr(d, NULL, "Onlinezugangsgesetz"), "OZG");
	text(d, p, "-Umsetzung ist ");
	status(d, p, "delayed", "verzögert");
	text(d, p, "; siehe ");
	span(d, p, pr_new_link(d, NULL, "#stand"), "Stand");
	text(d, p, ".");
	s = section(d, s, 2, "Stand");
	l = node(d, s, PR_LIST);
	para(d, node(d, l, PR_ITEM), "Eins & zwei");
	t = node(d, s, PR_TABLE);
	text(d, node(d, t, PR_CAPTION), "Meilensteine");
	r = node(d, t, PR_ROW);
	r->u.row.header = true;
	cell(d, r, true, PR_SCOPE_COL, PR_ALIGN_LEFT, "Meilenstein");
	cell(d, r, true, PR_SCOPE_COL, PR_ALIGN_RIGHT, "Fortschritt");
	r = node(d, t, PR_ROW);
	cell(d, r, true, PR_SCOPE_ROW, PR_ALIGN_LEFT, "E-Akte");
	cell(d, r, false, PR_SCOPE_NONE, PR_ALIGN_RIGHT, "80 %");
	return d;
}

/* The large sample: every node type, every status, hostile strings
 * that must show as text, long words, a wide table.  It is valid, so
 * that the browser tests can hold it to zero findings. */
static struct pr_doc *
sample_doc(void)
{
	static const char *const keys[][2] = {{"planned", "geplant"},
	                                      {"in_progress", "in Arbeit"},
	                                      {"done", "erledigt"},
	                                      {"delayed", "verzögert"},
	                                      {"at_risk", "gefährdet"},
	                                      {"cancelled", "abgebrochen"},
	                                      {"on_time", "im Plan"},
	                                      {"postponed", "verschoben"},
	                                      {"overdue", "überfällig"},
	                                      {"on_course", "auf Kurs"},
	                                      {"off_course", "nicht auf Kurs"},
	                                      {"no_data", "keine Daten"},
	                                      {"mystery", "unbekannt"}};
	struct pr_doc *d = pr_doc_new();
	struct pr_node *tp, *s1, *s2, *s3, *p, *l, *it, *t, *r, *f, *dr, *e;
	size_t i;
	int k;

	d->title = "Fortschrittsbericht 2026 <script>alert(1)</script>";
	d->lang = "de";
	d->author = "Stadt Musterstadt \" onmouseover=\"alert(2)";
	d->subject = "Digitalstrategie: Umsetzungsstand";
	d->keywords = "Digitalisierung, OZG";
	d->toc_title = "Inhalt";
	d->skip_text = "Zum Inhalt springen";
	d->running_header = "Fortschrittsbericht 2026";

	tp = add(d->root, pr_new_div(d, NULL, "titlepage"));
	para(d, tp, "Fortschrittsbericht 2026 <script>alert(1)</script>");
	para(d, tp, "Umsetzung der Digitalstrategie der Stadt Musterstadt");
	p = para(d, tp,
	         "Ausschuss für Digitalisierung, Sitzung am 24. "
	         "Februar 2027");
	add(p, pr_node_new(d, PR_LINEBREAK, NULL));
	text(d, p, "Vorlage 2027/0042");
	e = add(d->root, pr_new_div(d, NULL, "notice"));
	p = para(d, e, NULL);
	span(d, p, pr_node_new(d, PR_STRONG, NULL), "Beispieldaten:");
	text(d, p, " Alle Zahlen dieses Berichts sind erfunden.");
	add(d->root, pr_node_new(d, PR_TOC, NULL))->u.toc.depth = 3;

	s1 = section(d, d->root, 1, "Zusammenfassung");
	p = para(d, s1, "Im Jahr 2026 wurden ");
	span(d, p, pr_node_new(d, PR_STRONG, NULL), "31 von 48");
	text(d, p, " Meilensteinen ");
	span(d, p, pr_node_new(d, PR_EMPH, NULL), "planmäßig");
	text(d, p, " erreicht. Das ");
	span(d, p,
	     pr_new_abbr(d, NULL,
	                 "Onlinezugangsgesetz \" onmouseover=\"alert(3)"),
	     "OZG");
	text(d, p, " verlangt mehr: ");
	span(d, p, pr_new_lang(d, NULL, "en"), "digital by default");
	text(d, p, ". Kontakt: ");
	span(d, p,
	     pr_new_link(d, NULL,
	                 "mailto:digital@example.org?subject=Bericht "
	                 "2026"),
	     "digital@example.org");
	text(d, p, ", Quelle: ");
	e = span(d, p,
	         pr_new_link(d, NULL,
	                     "https://example.org/strategie?jahr=2026&"
	                     "teil=\"a\"<b>"),
	         "Strategie <b>nicht fett</b> & mehr");
	e->u.link.title = "Titel \" onmouseover=\"alert(4)";
	text(d, p, ".");
	para(d, s1,
	     "Eingabe: <script>alert(1)</script> \" onmouseover=\"x "
	     "&amp; javascript:alert(1) – bleibt Text.");
	para(d, s1,
	     "Ein sehr langes Wort: "
	     "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen"
	     "herstellungsbetriebsverordnungsdurchführungsbestimmung.");
	p = para(d, s1, "Status: ");
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (i > 0)
			text(d, p, ", ");
		status(d, p, keys[i][0], keys[i][1]);
	}
	text(d, p, ".");

	s2 = section(d, s1, 2, "Meilensteine nach Aspekt");
	l = node(d, s2, PR_LIST);
	it = node(d, l, PR_ITEM);
	para(d, it, "Verwaltung & Bürgerservice");
	it = node(d, l, PR_ITEM);
	para(d, it, "Bildung, mit Unterpunkten:");
	e = node(d, it, PR_LIST);
	e->u.list.ordered = true;
	e->u.list.start = 3;
	para(d, node(d, e, PR_ITEM), "Schulen ans Glasfasernetz");
	p = para(d, node(d, e, PR_ITEM), "Tablets: ");
	status(d, p, "done", "erledigt");
	p = para(d, s2, "Zurück zur ");
	span(d, p, pr_new_link(d, NULL, "#zusammenfassung"), "Zusammenfassung");
	text(d, p, ".");

	t = node(d, s2, PR_TABLE);
	text(d, node(d, t, PR_CAPTION), "Meilensteine 2026 (Auszug)");
	r = node(d, t, PR_ROW);
	r->u.row.header = true;
	static const char *const heads[] = {
	    "Nr.",      "Meilenstein", "Aspekt", "Verantwortlich", "Plan",
	    "Prognose", "Fortschritt", "Status", "Änderung",       "Bemerkung"};
	for (i = 0; i < 10; i++)
		cell(d, r, true, PR_SCOPE_COL,
		     i == 0 || i == 6 ? PR_ALIGN_RIGHT : PR_ALIGN_LEFT,
		     heads[i]);
	for (k = 0; k < 4; k++) {
		char nr[16];

		r = node(d, t, PR_ROW);
		snprintf(nr, sizeof(nr), "%d", k + 1);
		cell(d, r, false, PR_SCOPE_NONE, PR_ALIGN_RIGHT, nr);
		cell(d, r, true, PR_SCOPE_ROW, PR_ALIGN_LEFT,
		     k == 2 ? "<script>alert(5)</script>"
		            : "Elektronische Akte in allen Ämtern");
		cell(d, r, false, PR_SCOPE_NONE, PR_ALIGN_LEFT, "02 a");
		cell(d, r, false, PR_SCOPE_NONE, PR_ALIGN_LEFT,
		     "Hauptamt, Abteilung Organisation");
		cell(d, r, false, PR_SCOPE_NONE, PR_ALIGN_LEFT, "30.06.2026");
		cell(d, r, false, PR_SCOPE_NONE, PR_ALIGN_LEFT, "31.03.2027");
		cell(d, r, false, PR_SCOPE_NONE, PR_ALIGN_RIGHT, "80 %");
		e = add(r, pr_new_cell(d, NULL, false, PR_SCOPE_NONE,
		                       PR_ALIGN_LEFT));
		status(d, e, keys[k * 2][0], keys[k * 2][1]);
		cell(d, r, false, PR_SCOPE_NONE, PR_ALIGN_LEFT,
		     "verschoben um 9 Monate");
		cell(d, r, false, PR_SCOPE_NONE, PR_ALIGN_LEFT,
		     "Ausschreibung musste wiederholt werden");
	}

	s3 = section(d, s2, 3, "Online-Dienste");
	f = add(s3,
	        pr_new_figure(d, NULL,
	                      "Online-Dienste: 2024 3, 2025 12, 2026 31; "
	                      "Ziel 2030: 120; auf Kurs \" onmouseover=\"x"));
	f->u.figure.named = strlen("Online-Dienste: ");
	dr = node(d, f, PR_DRAWING);
	dr->u.drawing.drawing = chart(d);
	text(d, node(d, f, PR_CAPTION), "Abbildung 1: Online-Dienste je Jahr");
	t = node(d, s3, PR_TABLE);
	r = node(d, t, PR_ROW);
	r->u.row.header = true;
	cell(d, r, true, PR_SCOPE_COL, PR_ALIGN_LEFT, "Jahr");
	cell(d, r, true, PR_SCOPE_COL, PR_ALIGN_RIGHT, "Online-Dienste");
	for (k = 0; k < 3; k++) {
		static const char *const v[][2] = {
		    {"2024", "3"}, {"2025", "12"}, {"2026", "31"}};

		r = node(d, t, PR_ROW);
		cell(d, r, true, PR_SCOPE_ROW, PR_ALIGN_LEFT, v[k][0]);
		cell(d, r, false, PR_SCOPE_NONE, PR_ALIGN_RIGHT, v[k][1]);
	}

	matrix(d, s3);

	s1 = section(d, d->root, 1, "Anhang");
	s2 = section(d, s1, 2, "Abkürzungen");
	l = node(d, s2, PR_LIST);
	p = para(d, node(d, l, PR_ITEM), NULL);
	span(d, p, pr_new_abbr(d, NULL, "Onlinezugangsgesetz"), "OZG");
	text(d, p, ": Onlinezugangsgesetz");
	return d;
}

/* Renders into memory; returns the page (caller frees) and stores the
 * messages printed by diag_flush() in msg. */
static char *
render(const struct pr_doc *d, bool *ok, char *msg, size_t msgsize)
{
	char *page = NULL, *m;
	size_t size = 0;
	FILE *f = open_memstream(&page, &size);

	*ok = html_render(d, NULL, f, "t.html", NULL);
	fclose(f);
	m = unit_flush_messages();
	snprintf(msg, msgsize, "%s", m);
	free(m);
	return page;
}

static bool
validate_quiet(struct pr_doc *d)
{
	char msg[2048];
	FILE *e = tmpfile();
	int saved = dup(2);
	bool ok;
	size_t n;

	fflush(stderr);
	dup2(fileno(e), 2);
	ok = doc_validate(d);
	diag_flush();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(e);
	n = fread(msg, 1, sizeof(msg) - 1, e);
	msg[n] = '\0';
	fclose(e);
	if (!ok)
		fprintf(stderr, "validation failed:\n%s", msg);
	return ok;
}

static bool
has(const char *page, const char *s)
{
	if (strstr(page, s) != NULL)
		return true;
	fprintf(stderr, "not in the page: %s\n", s);
	return false;
}

static bool
lacks(const char *page, const char *s)
{
	if (strstr(page, s) == NULL)
		return true;
	fprintf(stderr, "in the page, but must not be: %s\n", s);
	return false;
}

static size_t
count(const char *page, const char *s)
{
	size_t k = 0;

	for (page = strstr(page, s); page != NULL; page = strstr(page + 1, s))
		k++;
	return k;
}

static bool
is_void(const char *name, size_t len)
{
	static const char *const v[] = {"meta",  "br", "link", "img",
	                                "input", "hr", "wbr"};
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		if (strlen(v[i]) == len && strncmp(v[i], name, len) == 0)
			return true;
	return false;
}

/*
 * Checks that every element is closed in the order it was opened (the
 * HTML renderer writes explicit end tags everywhere) and that no tag
 * holds a stray quote.  Returns the number of problems.
 */
static int
check_nesting(const char *page)
{
	const char *stack[64];
	size_t lens[64];
	int depth = 0, problems = 0;
	const char *s = page;

	while ((s = strchr(s, '<')) != NULL) {
		const char *name, *end = strchr(s, '>');
		size_t len, quotes = 0, i;
		bool closing = s[1] == '/';

		if (end == NULL) {
			fprintf(stderr, "unterminated tag at %.20s\n", s);
			return problems + 1;
		}
		if (s[1] == '!') {
			s = end + 1;
			continue;
		}
		name = s + 1 + closing;
		for (len = 0; name[len] != '\0' && name[len] != ' ' &&
		              name[len] != '>' && name[len] != '/';
		     len++)
			;
		for (i = 0; s + i < end; i++)
			quotes += s[i] == '"';
		if (quotes % 2 != 0) {
			fprintf(stderr, "odd quotes in %.*s\n",
			        (int)(end - s + 1), s);
			problems++;
		}
		if (closing) {
			if (depth == 0 || lens[depth - 1] != len ||
			    strncmp(stack[depth - 1], name, len) != 0) {
				fprintf(stderr, "</%.*s> closes <%.*s>\n",
				        (int)len, name,
				        depth ? (int)lens[depth - 1] : 0,
				        depth ? stack[depth - 1] : "");
				problems++;
			} else
				depth--;
		} else if (end[-1] != '/' && !is_void(name, len)) {
			if (depth == 64)
				return problems + 1;
			stack[depth] = name;
			lens[depth++] = len;
			/* The style sheet is raw text holding '>'. */
			if (len == 5 && strncmp(name, "style", 5) == 0) {
				end = strstr(end, "</style>");
				if (end == NULL)
					return problems + 1;
				s = end;
				continue;
			}
		}
		s = end + 1;
	}
	if (depth != 0) {
		fprintf(stderr, "%d elements left open\n", depth);
		problems++;
	}
	return problems;
}

static bool
write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		return false;
	}
	fputs(data, f);
	return fclose(f) == 0;
}

static double
lum(unsigned rgb)
{
	double c[3];
	int i;

	for (i = 0; i < 3; i++) {
		double v = ((rgb >> (16 - 8 * i)) & 255) / 255.0;

		c[i] = v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/*
 * Every status text colour in the style sheet, light ones against the
 * white page, then (inside the dark-scheme block) dark ones against
 * #121212, must reach 4.5:1.  Returns how many rules passed.
 */
static int
status_contrast(const char *page)
{
	const char *dark = strstr(
	    page, "@media screen and (prefers-color-scheme:dark){.status");
	const char *s = page;
	int passed = 0;
	unsigned rgb;

	while ((s = strstr(s, "{color:#")) != NULL) {
		double a, b = s > dark && dark != NULL ? lum(0x121212) : 1.0;
		const char *rule = s;

		while (rule > page && rule[-1] != '}' && rule[-1] != '{' &&
		       rule[-1] != '\n')
			rule--;
		s += 8;
		if (strncmp(rule, ".status-", 8) != 0 ||
		    sscanf(s, "%6x", &rgb) != 1)
			continue;
		a = lum(rgb);
		if ((a > b ? (a + 0.05) / (b + 0.05)
		           : (b + 0.05) / (a + 0.05)) >= 4.5)
			passed++;
		else
			fprintf(stderr, "too little contrast: %.30s\n", rule);
	}
	return passed;
}

static void
test_sample(void)
{
	struct pr_doc *d = sample_doc();
	char msg[2048];
	char *page, *again;
	bool ok;

	CHECK(pr_tree_check(d->root) == 0);
	CHECK(validate_quiet(d));
	page = render(d, &ok, msg, sizeof(msg));
	CHECK(ok);
	CHECK_STR(msg, "");
	CHECK(check_nesting(page) == 0);

	/* Head and landmarks. */
	CHECK(strncmp(page, "<!DOCTYPE html>\n<html lang=\"de\">", 31) == 0);
	CHECK(has(page, "<meta charset=\"utf-8\">"));
	CHECK(has(page, "<meta name=\"viewport\""));
	CHECK(has(page, "<title>Fortschrittsbericht 2026 &lt;script&gt;"
	                "alert(1)&lt;/script&gt;</title>"));
	CHECK(has(page, "<body>\n<a class=\"skip-link\" href=\"#_main\">"
	                "Zum Inhalt springen</a>\n<header>\n"
	                "<div class=\"titlepage\">"));
	CHECK(has(page, "<nav class=\"toc\" aria-labelledby=\"_toc1\">\n"
	                "<p class=\"toc-title\" id=\"_toc1\">Inhalt</p>"));
	/* The title page's title is the one <h1>; sections sit one
	 * level below their tree level. */
	CHECK(has(page, "<div class=\"titlepage\">\n<h1>"));
	CHECK(count(page, "<h1") == 1);
	/* The TOC stands in main, after what precedes the first section
	 * (nothing here: no div.lead), and before the chapters. */
	CHECK(has(page, "<main id=\"_main\" tabindex=\"-1\">\n"
	                "<nav class=\"toc\""));
	CHECK(lacks(page, "class=\"lead\""));
	CHECK(has(page, "</nav>\n<div class=\"chapters\">\n<section>\n"
	                "<h2 id=\"zusammenfassung\">Zusammenfassung</h2>"));
	CHECK(count(page, "<header>") == 1 && count(page, "<main") == 1 &&
	      count(page, "<footer>") == 1 && count(page, "<nav") == 1);
	/* The notice after the title page goes with it into the banner. */
	CHECK(strstr(page, "<div class=\"notice\">") <
	      strstr(page, "</header>"));
	/* No script but the table regions' own (allowed by its hash, at
	 * the end of the page), no event handlers, no external
	 * resources. */
	CHECK(count(page, "<script") == 1 &&
	      has(page, "<script>(function(){var a=[\"role\"") &&
	      strstr(page, "<script") > strstr(page, "</main>"));
	CHECK(has(page, "script-src 'sha256-"));
	CHECK(lacks(page, "\" onmouseover"));
	CHECK(lacks(page, "src="));
	CHECK(lacks(page, "<link"));
	CHECK(has(page, "default-src 'none'"));

	/* Escaping in text, attributes and addresses. */
	CHECK(has(page, "<p>Eingabe: &lt;script&gt;alert(1)&lt;/script&gt; "
	                "&quot; onmouseover=&quot;x &amp;amp; "
	                "javascript:alert(1) – bleibt Text.</p>"));
	CHECK(has(page, "<meta name=\"author\" content=\"Stadt Musterstadt "
	                "&quot; onmouseover=&quot;alert(2)\">"));
	CHECK(has(page, "<abbr title=\"Onlinezugangsgesetz &quot; "
	                "onmouseover=&quot;alert(3)\">OZG</abbr>"));
	CHECK(has(page, "<a href=\"https://example.org/strategie?jahr=2026"
	                "&amp;teil=%22a%22%3Cb%3E\" title=\"Titel &quot; "
	                "onmouseover=&quot;alert(4)\">Strategie &lt;b&gt;"
	                "nicht fett&lt;/b&gt; &amp; mehr</a>"));
	CHECK(has(page, "<a href=\"mailto:digital@example.org?subject="
	                "Bericht%202026\">"));
	CHECK(has(page, "<a href=\"#zusammenfassung\">Zusammenfassung</a>"));
	CHECK(has(page,
	          "<th scope=\"row\">&lt;script&gt;alert(5)&lt;/script&gt;"
	          "</th>"));
	CHECK(has(page, "<span lang=\"en\">digital by default</span>"));
	CHECK(has(page, "Donaudampfschifffahrtsgesellschaftskapitäns"));
	CHECK(has(page, "overflow-wrap:break-word"));

	/* Headings from section levels; TOC nested to depth 3. */
	CHECK(has(page, "<h3 id=\"meilensteine-nach-aspekt\">"));
	CHECK(has(page, "<h4 id=\"online-dienste\">Online-Dienste</h4>"));
	CHECK(has(page, "<li><a href=\"#zusammenfassung\">Zusammenfassung</a>"
	                "\n<ol>\n<li><a href=\"#meilensteine-nach-aspekt\">"
	                "Meilensteine nach Aspekt</a>\n<ol>\n<li><a href=\""
	                "#online-dienste\">Online-Dienste</a></li>\n</ol></li>"
	                "\n</ol></li>\n<li><a href=\"#anhang\">Anhang</a>"));

	/* Lists: tight items, ordered start. */
	CHECK(has(page, "<ul>\n<li>Verwaltung &amp; Bürgerservice</li>"));
	CHECK(
	    has(page, "<ol start=\"3\">\n<li>Schulen ans Glasfasernetz</li>"));
	CHECK(has(page, "<li><p>Bildung, mit Unterpunkten:</p>\n<ol"));

	/* Tables: region, caption, header groups, scopes, alignment. */
	CHECK(has(page, "<div class=\"table-wrap\" role=\"region\" "
	                "aria-labelledby=\"_tab1-c\" tabindex=\"0\">\n<table "
	                "class=\"many\">\n<caption id=\"_tab1-c\">Meilensteine "
	                "2026 (Auszug)"
	                "</caption>\n<thead>\n<tr><th scope=\"col\" "
	                "class=\"al-r\">Nr.</th><th scope=\"col\">"));
	CHECK(has(page, "</tr>\n</thead>\n<tbody>\n<tr><td class=\"al-r\">1"
	                "</td><th scope=\"row\">Elektronische Akte"));
	CHECK(has(page, "<div class=\"table-wrap\" role=\"region\" "
	                "aria-label=\"Jahr, Online-Dienste\" tabindex=\"0\">"));
	CHECK(count(page, "<thead>") == 3 && count(page, "<tbody>") == 3);

	/* The figure: inline SVG named by its caption (the figcaption,
	 * with its language marks) and described by its alt text less the
	 * words that name it (the caption says them), in a
	 * focusable scroll region; never narrower than the width at which
	 * its smallest text (9) is 75 % of the body text: 360 * 0.75 / 9
	 * em. */
	CHECK(has(page, "<figure>\n<div class=\"chart-scroll\" tabindex=\"0\" "
	                "role=\"region\" aria-labelledby=\"_fig1-c\">\n"
	                "<svg class=\"drawing\" role=\"img\" "
	                "aria-labelledby=\"_fig1-c\" "
	                "aria-describedby=\"_fig1-d\" viewBox=\"0 0 360 180\" "
	                "width=\"720\" height=\"360\" "
	                "style=\"min-width:30em\">\n"
	                "<desc id=\"_fig1-d\">"
	                "2024 3, 2025 12, 2026 31; Ziel 2030: "
	                "120; auf Kurs &quot; onmouseover=&quot;x</desc>"));
	CHECK(has(page,
	          "<line x1=\"40\" y1=\"150\" x2=\"340\" y2=\"150\" "
	          "fill=\"none\" stroke=\"#000000\" stroke-width=\"1\"/>"));
	CHECK(has(page, "<rect x=\"60\" y=\"138\" width=\"50\" height=\"12\" "
	                "fill=\"#1f5fad\" stroke=\"none\"/>"));
	CHECK(has(page, "<polyline points=\"85,140 175,100 265,30.13\" "
	                "fill=\"none\" stroke=\"#1b7a3d\" stroke-width=\"1.5\" "
	                "stroke-dasharray=\"3 3\"/>"));
	CHECK(has(page, "<polygon points=\"300,20 310,36 290,36\" "
	                "fill=\"#b35c00\""));
	CHECK(has(page, "<circle cx=\"320\" cy=\"28\" r=\"6\" fill=\"none\""));
	CHECK(has(page,
	          "<text x=\"340\" y=\"14\" font-size=\"10\" "
	          "text-anchor=\"end\" font-weight=\"bold\" "
	          "fill=\"#000000\">Ziel &lt;120&gt; &amp; &quot;mehr&quot;"
	          "</text>"));
	CHECK(has(page, "</svg>\n</div>\n<figcaption id=\"_fig1-c\">Abbildung "
	                "1: Online-Dienste je Jahr</figcaption>\n</figure>"));

	/* Status: symbol hidden from speech, text, a class per status
	 * and a text colour of at least 4.5:1 on white. */
	CHECK(has(page, "<span class=\"status status-done\"><span "
	                "class=\"status-symbol\" aria-hidden=\"true\">\u2714"
	                "\xEF\xB8\x8E </span>erledigt</span>"));
	CHECK(has(page, "<span class=\"status status-mystery\"><span "
	                "class=\"status-symbol\" aria-hidden=\"true\">\u25A0"));
	CHECK(has(page, ".status-planned{color:#595959}"));
	CHECK(status_contrast(page) == 2 * 13);
	CHECK(has(page, "@media screen and (prefers-color-scheme:dark){"));
	CHECK(has(page, "@media (forced-colors:active)"));
	CHECK(has(page, "@media print"));
	CHECK(has(page, ":focus-visible{outline:3px solid"));

	/* Footer. */
	CHECK(has(page,
	          "<footer>\n<div class=\"doc-meta\">Stadt Musterstadt "
	          "&quot; onmouseover=&quot;alert(2) · Fortschrittsbericht "
	          "2026</div>\n</footer>\n</body>\n</html>\n"));

	/* Same tree, same bytes. */
	again = render(d, &ok, msg, sizeof(msg));
	CHECK(ok && strcmp(page, again) == 0);
	free(again);
	free(page);
	pr_doc_free(d);
}

/* Addresses that must be refused, each named at its position, with
 * the link's text kept as plain text. */
static void
test_refused_links(void)
{
	static const char *const bad[] = {
	    "javascript:alert(1)",
	    "JavaScript:alert(1)",
	    " https://example.org",
	    "data:text/html,<script>alert(1)</script>",
	    "vbscript:x",
	    "#no-such-anchor",
	    "https:",
	    "file:///etc/passwd",
	    ""};
	struct pr_doc *d = pr_doc_new();
	struct pr_node *s, *p, *l;
	char msg[4096], want[256];
	char *page;
	bool ok;
	size_t i;

	d->title = "T";
	d->lang = "de";
	s = section(d, d->root, 1, "Eins");
	s->u.sect.id = s->first->u.sect.id = "eins";
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct src_pos pos = at((unsigned)(10 + i));

		p = para(d, s, NULL);
		l = add(p, pr_new_link(d, &pos, bad[i]));
		text(d, l, "klick");
	}
	p = para(d, s, NULL);
	l = add(p, pr_new_link(d, NULL, "HTTPS://example.org/"));
	text(d, l, "gross");
	l = add(p, pr_new_link(d, NULL, "#eins"));
	text(d, l, "oben");

	page = render(d, &ok, msg, sizeof(msg));
	CHECK(!ok);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (bad[i][0] == '#')
			snprintf(want, sizeof(want),
			         "t.tmpl:%zu:3: error: the link target \"%s\" "
			         "is no heading's anchor",
			         10 + i, bad[i]);
		else
			snprintf(want, sizeof(want),
			         "t.tmpl:%zu:3: error: the link address \"%s\" "
			         "is not allowed in the HTML report; use "
			         "https:, http:, mailto: or #anchor",
			         10 + i, bad[i]);
		CHECK(has(msg, want));
	}
	CHECK(count(page, "<a ") == 3); /* skip link + the two allowed */
	CHECK(count(page, "<p>klick</p>") == sizeof(bad) / sizeof(bad[0]));
	CHECK(lacks(page, "javascript:"));
	CHECK(lacks(page, "JavaScript:"));
	CHECK(lacks(page, "data:"));
	CHECK(has(page, "<a href=\"HTTPS://example.org/\">gross</a>"));
	CHECK(has(page, "<a href=\"#eins\">oben</a>"));
	CHECK(check_nesting(page) == 0);
	free(page);
	pr_doc_free(d);
}

/* Odd but possible trees: no title page, no TOC entries, links inside
 * links and headings, a status without a label, an English page. */
static void
test_edges(void)
{
	struct pr_doc *d = pr_doc_new();
	struct pr_node *s, *h, *l, *p, *toc;
	char msg[1024];
	char *page;
	bool ok;

	d->title = "Progress report";
	d->lang = "en";
	toc = add(d->root, pr_node_new(d, PR_TOC, NULL));
	toc->u.toc.depth = 1;
	s = add(d->root, pr_new_section(d, NULL, 1));
	s->u.sect.id = "one";
	h = add(s, pr_new_heading(d, NULL, 1));
	text(d, h, "One ");
	l = span(d, h, pr_new_link(d, NULL, "https://example.org/"), "link");
	span(d, l, pr_new_link(d, NULL, "https://example.org/inner"), " inner");
	h->u.sect.id = "one";
	p = para(d, s, NULL);
	status(d, p, "at_risk", NULL);
	s = section(d, s, 2, "Two");
	s->u.sect.id = s->first->u.sect.id = "two";

	page = render(d, &ok, msg, sizeof(msg));
	CHECK(ok);
	CHECK_STR(msg, "");
	CHECK(check_nesting(page) == 0);
	CHECK(has(page, "<html lang=\"en\">"));
	CHECK(has(page, "href=\"#_main\">Skip to content</a>"));
	CHECK(has(page, "<header>\n<div class=\"doc-title\">Progress report"
	                "</div>\n</header>"));
	CHECK(has(page, "id=\"_toc1\">Contents</p>\n<ol>\n<li><a href=\"#one\">"
	                "One link inner</a></li>\n</ol>\n</nav>"));
	CHECK(lacks(page, "href=\"#two\""));
	CHECK(has(page, "<h1 id=\"one\">One <a href=\"https://example.org/\">"
	                "link inner</a></h1>"));
	CHECK(has(page, "aria-hidden=\"true\">\u25C6\xEF\xB8\x8E </span>"
	                "at_risk</span>"));
	CHECK(has(page, "<footer>\n<div class=\"doc-meta\">Progress report"
	                "</div>"));
	free(page);
	pr_doc_free(d);
}

/* A table with a caption and one without, twice: regions that would
 * share a name take their section's heading along. */
static void
add_tables(struct pr_doc *d, struct pr_node *s)
{
	struct pr_node *t, *r;
	int k;

	for (k = 0; k < 2; k++) {
		t = node(d, s, PR_TABLE);
		if (k == 0)
			text(d, node(d, t, PR_CAPTION), "Werte");
		r = node(d, t, PR_ROW);
		r->u.row.header = true;
		cell(d, r, true, PR_SCOPE_COL, PR_ALIGN_LEFT, "Jahr");
		cell(d, r, true, PR_SCOPE_COL, PR_ALIGN_LEFT, "Wert");
	}
}

/* One table with a caption of its own, then, in a subsection, two
 * with the same caption. */
static void
t_single(struct pr_doc *d, struct pr_node *s)
{
	struct pr_node *t = node(d, s, PR_TABLE), *r;
	int k;

	text(d, node(d, t, PR_CAPTION), "Einzeln");
	r = node(d, t, PR_ROW);
	r->u.row.header = true;
	cell(d, r, true, PR_SCOPE_COL, PR_ALIGN_LEFT, "Jahr");
	s = section(d, s, 2, "Werte 2");
	for (k = 0; k < 2; k++) {
		t = node(d, s, PR_TABLE);
		text(d, node(d, t, PR_CAPTION), "Werte");
		r = node(d, t, PR_ROW);
		r->u.row.header = true;
		cell(d, r, true, PR_SCOPE_COL, PR_ALIGN_LEFT, "Jahr");
	}
}

static void
test_region_names(void)
{
	struct pr_doc *d = pr_doc_new();
	struct pr_node *s;
	char msg[1024];
	char *page;
	bool ok;

	d->title = "T";
	d->lang = "de";
	s = section(d, d->root, 1, "Erster Teil");
	s->u.sect.id = s->first->u.sect.id = "erster-teil";
	add_tables(d, s);
	s = section(d, d->root, 1, "Zweiter Teil");
	s->u.sect.id = s->first->u.sect.id = "zweiter-teil";
	add_tables(d, s);
	s = section(d, d->root, 1, "Dritter Teil");
	s->u.sect.id = s->first->u.sect.id = "dritter-teil";
	t_single(d, s);
	matrix(d, s);
	page = render(d, &ok, msg, sizeof(msg));
	CHECK(ok);
	CHECK(has(page, "<tr><td></td><th scope=\"col\">2026</th></tr>"));
	CHECK(check_nesting(page) == 0);
	CHECK(has(page, "aria-label=\"Werte \xE2\x80\x93 Erster Teil\""));
	CHECK(has(page, "aria-label=\"Jahr, Wert \xE2\x80\x93 Erster Teil\""));
	CHECK(has(page, "aria-label=\"Werte \xE2\x80\x93 Zweiter Teil\""));
	CHECK(has(page, "aria-label=\"Jahr, Wert \xE2\x80\x93 Zweiter Teil\""));
	/* Same name, same place: numbered. */
	CHECK(has(page, "aria-label=\"Werte \xE2\x80\x93 Werte 2 "
	                "\xE2\x80\x93 Dritter Teil (1)\""));
	CHECK(has(page, "aria-label=\"Werte \xE2\x80\x93 Werte 2 "
	                "\xE2\x80\x93 Dritter Teil (2)\""));
	CHECK(has(page, "aria-labelledby=\"_tab5-c\""));
	free(page);
	pr_doc_free(d);

	/* A TOC with nothing to list gives no empty navigation. */
	d = pr_doc_new();
	d->title = "T";
	d->lang = "de";
	add(d->root, pr_node_new(d, PR_TOC, NULL));
	para(d, d->root, "Nur Text.");
	page = render(d, &ok, msg, sizeof(msg));
	CHECK(ok);
	CHECK(lacks(page, "<nav"));
	CHECK(
	    has(page, "<main id=\"_main\" tabindex=\"-1\">\n<p>Nur Text.</p>"));
	CHECK(check_nesting(page) == 0);
	free(page);
	pr_doc_free(d);
}

/* A write error is reported, not silent. */
static void
test_write_error(void)
{
	struct pr_doc *d = small_doc();
	FILE *f = fopen("/dev/full", "w");
	FILE *e;
	int saved;
	char msg[512];
	size_t n;
	bool ok;

	if (f == NULL)
		return;
	e = tmpfile();
	saved = dup(2);
	fflush(stderr);
	dup2(fileno(e), 2);
	ok = html_render(d, NULL, f, "/dev/full", NULL);
	diag_flush();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	fclose(f);
	rewind(e);
	n = fread(msg, 1, sizeof(msg) - 1, e);
	msg[n] = '\0';
	fclose(e);
	CHECK(!ok);
	CHECK(has(
	    msg,
	    "/dev/full: error: cannot write the HTML report: No space left"));
	pr_doc_free(d);
}

static void
test_small(void)
{
	struct pr_doc *d = small_doc();
	char msg[1024];
	char *page, *want;
	bool ok;

	CHECK(validate_quiet(d));
	page = render(d, &ok, msg, sizeof(msg));
	CHECK(ok);
	want = unit_slurp(EXPECTED_SMALL, NULL);
	CHECK(want != NULL);
	if (want != NULL && strcmp(page, want) != 0) {
		const char *b = getenv("B");
		char path[1024];

		snprintf(path, sizeof(path), "%s/test-html-small.html",
		         b ? b : ".");
		write_file(path, page);
		fprintf(stderr,
		        "the small page differs from %s; see diff -u %s %s "
		        "(if the new page is right, look at it and copy it)\n",
		        EXPECTED_SMALL, EXPECTED_SMALL, path);
		CHECK(!"small page as expected");
	}
	free(want);
	free(page);
	pr_doc_free(d);
}

static int
write_page(struct pr_doc *d, const char *path, bool hyphenate)
{
	FILE *f = fopen(path, "w");
	struct hyph *hy = NULL;
	bool ok;

	if (f == NULL) {
		perror(path);
		return 1;
	}
	ok = validate_quiet(d);
	/* The browser tests see the sample page as a report comes out: its
	 * long words with the soft hyphens of the real patterns. */
	if (ok && hyphenate) {
		hy = hyph_new(NULL);
		ok = hyph_load_doc(hy, d);
	}
	ok = ok && html_render(d, hy, f, "t.html", NULL);
	diag_flush();
	if (fclose(f) != 0)
		ok = false;
	hyph_free(hy);
	pr_doc_free(d);
	return ok ? 0 : 1;
}

int
main(int argc, char *argv[])
{
	diag_init("test_html");
	if (argc == 3 && strcmp(argv[1], "--sample") == 0)
		return write_page(sample_doc(), argv[2], true);
	if (argc == 3 && strcmp(argv[1], "--small") == 0)
		return write_page(small_doc(), argv[2], false);
	if (argc != 1) {
		fprintf(stderr, "usage: test_html [--sample|--small FILE]\n");
		return 2;
	}
	test_sample();
	test_refused_links();
	test_edges();
	test_region_names();
	test_write_error();
	test_small();
	return unit_done("test_html");
}
