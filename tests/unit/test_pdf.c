/*
 * test_pdf.c - renders a representative document tree to
 * $B/test-pdf/sample.pdf (title page, TOC, sections H1-H3, inline
 * markup of every kind, a nested list, a table over three pages, a
 * figure with a drawing, German text) and checks what can be checked
 * from C: success, page count, determinism, refusal of a character the
 * font lacks and of one outside the BMP.  The script tests
 * tests/t-pdf-*.sh read sample.pdf back with poppler, qpdf and the
 * checker.
 *
 * Usage: test_pdf [OUTDIR]  (default: $B/test-pdf or build/test-pdf)
 */
#define _GNU_SOURCE /* memmem */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc_validate.h"
#include "doctree.h"
#include "drawing.h"
#include "pdf.h"
#include "pdf_tag.h"
#include "unit.h"

static struct src_pos here = {"test_pdf.c", 1, 1};

static struct pr_node *
para(struct pr_doc *d, struct pr_node *parent, const char *text)
{
	struct pr_node *p = pr_node_new(d, PR_PARA, &here);

	pr_node_append(parent, p);
	if (text != NULL)
		pr_append_text(d, p, &here, text);
	return p;
}

static struct pr_node *
inl(struct pr_doc *d, struct pr_node *parent, enum pr_type t, const char *text)
{
	struct pr_node *n = pr_node_new(d, t, &here);

	pr_node_append(parent, n);
	if (text != NULL)
		pr_append_text(d, n, &here, text);
	return n;
}

static struct pr_node *
section(struct pr_doc *d, struct pr_node *parent, int level, const char *id,
        const char *title)
{
	struct pr_node *s = pr_new_section(d, &here, level);
	struct pr_node *h = pr_new_heading(d, &here, level);

	s->u.sect.id = pr_strdup(d, id);
	h->u.sect.id = s->u.sect.id;
	pr_node_append(parent, s);
	pr_node_append(s, h);
	pr_append_text(d, h, &here, title);
	return s;
}

static struct pr_node *
cell(struct pr_doc *d, struct pr_node *row, bool header, enum pr_align align,
     const char *text)
{
	struct pr_node *c = pr_new_cell(
	    d, &here, header, header ? PR_SCOPE_COL : PR_SCOPE_NONE, align);

	pr_node_append(row, c);
	pr_append_text(d, c, &here, text);
	return c;
}

static const char *const statuses[] = {"done",    "in_progress", "delayed",
                                       "planned", "at_risk",     "cancelled"};

static struct pr_doc *
sample(void)
{
	struct pr_doc *d = pr_doc_new();
	struct pr_node *tp, *s1, *s2, *s3, *p, *l, *it, *l2, *t, *r, *fig, *dr,
	    *cap, *x, *notice;
	struct drawing *g;
	struct dr_item *di;
	char buf[256];
	int i;

	d->title = "Fortschrittsbericht 2026 zur Digitalisierungsstrategie";
	d->lang = "de";
	d->author = "Stadt Musterstadt";
	d->subject = "Umsetzungsstand der Digitalisierungsstrategie";
	d->keywords = "Digitalisierung, Fortschrittsbericht, OZG";
	d->running_header = "Fortschrittsbericht 2026 · Stadt Musterstadt";
	d->page_word = "Seite";
	d->of_word = "von";
	d->toc_title = "Inhalt";

	tp = pr_new_div(d, &here, "titlepage");
	pr_node_append(d->root, tp);
	para(d, tp, "Fortschrittsbericht 2026");
	para(d, tp,
	     "Umsetzung der Digitalisierungsstrategie der Stadt "
	     "Musterstadt");
	para(d, tp,
	     "Ausschuss für Digitalisierung, Sitzung am 25. Februar "
	     "2027");
	para(d, tp, "Beispieldaten – kein amtliches Dokument");

	x = pr_node_new(d, PR_TOC, &here);
	x->u.toc.depth = 2;
	pr_node_append(d->root, x);

	s1 = section(d, d->root, 1, "einleitung", "Einleitung");
	p = para(d, s1,
	         "Dieser Bericht zeigt für das Jahr 2026, wie weit die "
	         "Stadt bei der Umsetzung ihrer Strategie gekommen "
	         "ist. Größere Vorhaben wie die ");
	x = pr_new_abbr(d, &here, "Onlinezugangsgesetz");
	pr_node_append(p, x);
	pr_append_text(d, x, &here, "OZG");
	pr_append_text(d, p, &here,
	               "-Umsetzung kosten 1.234.567 € und "
	               "werden „schrittweise“ eingeführt; ");
	inl(d, p, PR_EMPH, "besonders wichtig");
	pr_append_text(d, p, &here, " ist die ");
	inl(d, p, PR_STRONG, "Barrierefreiheit");
	pr_append_text(d, p, &here, ". Einzelheiten stehen auf ");
	x = inl(d, p, PR_LINK, "der Seite des Bundes");
	x->u.link.url = pr_strdup(d, "https://www.digitale-verwaltung.de/");
	pr_append_text(d, p, &here, " und im Abschnitt ");
	x = inl(d, p, PR_LINK, "Meilensteine");
	x->u.link.url = pr_strdup(d, "#meilensteine");
	pr_append_text(d, p, &here, ". Der Leitsatz lautet ");
	x = inl(d, p, PR_LANG, "digital first");
	x->u.lang.lang = pr_strdup(d, "en");
	pr_append_text(d, p, &here, ". Status: ");
	x = inl(d, p, PR_STATUS, "erledigt");
	x->u.status.key = pr_strdup(d, "done");
	pr_append_text(d, p, &here, ".");

	notice = pr_new_div(d, &here, "notice");
	pr_node_append(s1, notice);
	para(d, notice,
	     "Hinweis: Alle Angaben in diesem Bericht sind "
	     "Beispieldaten. Die Zahlen und Termine dienen nur "
	     "der Vorführung des Werkzeugs und sagen nichts über "
	     "eine wirkliche Stadt aus.");

	s2 = section(d, s1, 2, "ziele", "Ziele und Maßstäbe");
	para(d, s2,
	     "Die Strategie verfolgt drei übergeordnete Ziele. Jedes "
	     "Ziel ist mit Meilensteinen und Kennzahlen hinterlegt, "
	     "deren Stand jährlich geprüft wird.");
	l = pr_node_new(d, PR_LIST, &here);
	pr_node_append(s2, l);
	it = pr_node_new(d, PR_ITEM, &here);
	pr_node_append(l, it);
	para(d, it, "Verwaltungsleistungen online anbieten");
	it = pr_node_new(d, PR_ITEM, &here);
	pr_node_append(l, it);
	para(d, it,
	     "Interne Abläufe durchgängig digitalisieren, mit "
	     "einer langen Beschreibung, die über mehr als eine Zeile "
	     "läuft, damit der Umbruch im Listenpunkt sichtbar wird");
	l2 = pr_node_new(d, PR_LIST, &here);
	l2->u.list.ordered = true;
	pr_node_append(it, l2);
	x = pr_node_new(d, PR_ITEM, &here);
	pr_node_append(l2, x);
	para(d, x, "Elektronische Akte einführen");
	x = pr_node_new(d, PR_ITEM, &here);
	pr_node_append(l2, x);
	para(d, x, "Workflows für Anträge aufbauen");
	it = pr_node_new(d, PR_ITEM, &here);
	pr_node_append(l, it);
	para(d, it,
	     "Digitale Teilhabe für alle Bürgerinnen und Bürger "
	     "sichern");

	s3 = section(d, s2, 3, "massstaebe", "Maßstäbe der Bewertung");
	for (i = 0; i < 3; i++)
		para(d, s3,
		     "Ein Meilenstein gilt als verzögert, wenn der "
		     "prognostizierte Termin mehr als drei Monate nach "
		     "dem geplanten liegt. Größere Abweichungen werden "
		     "mit Ursache und Gegenmaßnahme erläutert; so "
		     "bleibt nachvollziehbar, warum sich ein Vorhaben "
		     "verschiebt und was die Verwaltung dagegen tut.");

	s1 = section(d, d->root, 1, "meilensteine", "Meilensteine");
	para(d, s1,
	     "Die folgende Tabelle führt alle Meilensteine mit "
	     "ihrem Stand zum Stichtag auf.");
	t = pr_node_new(d, PR_TABLE, &here);
	pr_node_append(s1, t);
	cap = pr_node_new(d, PR_CAPTION, &here);
	pr_node_append(t, cap);
	pr_append_text(d, cap, &here, "Tabelle 1: Meilensteine und ihr Stand");
	r = pr_node_new(d, PR_ROW, &here);
	r->u.row.header = true;
	pr_node_append(t, r);
	cell(d, r, true, PR_ALIGN_LEFT, "Nr.");
	cell(d, r, true, PR_ALIGN_LEFT, "Meilenstein");
	cell(d, r, true, PR_ALIGN_LEFT, "Status");
	cell(d, r, true, PR_ALIGN_RIGHT, "Fortschritt");
	for (i = 1; i <= 120; i++) {
		struct pr_node *c;

		r = pr_node_new(d, PR_ROW, &here);
		pr_node_append(t, r);
		snprintf(buf, sizeof(buf), "02-%c-%02d", 'a' + i % 8, i);
		cell(d, r, false, PR_ALIGN_LEFT, buf);
		snprintf(buf, sizeof(buf),
		         i % 7 == 0 ? "Einführung der elektronischen "
		                      "Aktenführung im Bürgeramt, Stufe %d, "
		                      "mit Schulung aller Beschäftigten"
		                    : "Online-Antrag Nummer %d für Bürger",
		         i);
		cell(d, r, false, PR_ALIGN_LEFT, buf);
		c = pr_new_cell(d, &here, false, PR_SCOPE_NONE, PR_ALIGN_LEFT);
		pr_node_append(r, c);
		x = inl(d, c, PR_STATUS, i % 3 == 0 ? "verzögert" : "läuft");
		x->u.status.key = pr_strdup(d, statuses[i % 6]);
		snprintf(buf, sizeof(buf), "%d %%", (i * 7) % 101);
		cell(d, r, false, PR_ALIGN_RIGHT, buf);
	}
	para(d, s1, "Nach der Tabelle geht der Text weiter.");

	s2 = section(d, s1, 2, "kennzahlen", "Kennzahlen");
	g = drawing_new(&d->pool, 440, 180);
	di = drawing_add(g, DR_RECT);
	di->x = 40;
	di->y = 20;
	di->w = 380;
	di->h = 130;
	di->stroke_color = (struct dr_color){0x88, 0x88, 0x88};
	for (i = 0; i < 5; i++) {
		di = drawing_add(g, DR_RECT);
		di->x = 60 + i * 70;
		di->h = 20 + i * 25;
		di->y = 150 - di->h;
		di->w = 40;
		di->fill = true;
		di->stroke = false;
		di->fill_color = (struct dr_color){0x1F, 0x5F, 0xAD};
		di = drawing_add(g, DR_TEXT);
		di->x = 80 + i * 70;
		di->y = 168;
		di->anchor = DR_MIDDLE;
		snprintf(buf, sizeof(buf), "%d", 2026 + i);
		di->text = pool_strdup(&d->pool, buf);
	}
	di = drawing_add(g, DR_POLYLINE);
	di->pts = drawing_points(g, 3);
	di->npts = 3;
	di->pts[0] = 40, di->pts[1] = 140, di->pts[2] = 230;
	di->pts[3] = 90, di->pts[4] = 420, di->pts[5] = 30;
	di->dash = 4;
	di->stroke_color = (struct dr_color){0xB3, 0x5C, 0x00};
	di = drawing_add(g, DR_CIRCLE);
	di->x = 420, di->y = 30, di->r = 4;
	di->fill = true;
	di->fill_color = (struct dr_color){0xB3, 0x5C, 0x00};
	fig = pr_new_figure(d, &here,
	                    "Online-Dienste: 2026 20, 2027 45, 2028 70, 2029 "
	                    "95, 2030 120; auf Kurs");
	pr_node_append(s2, fig);
	dr = pr_node_new(d, PR_DRAWING, &here);
	dr->u.drawing.drawing = g;
	pr_node_append(fig, dr);
	cap = pr_node_new(d, PR_CAPTION, &here);
	pr_node_append(fig, cap);
	pr_append_text(d, cap, &here, "Abbildung 1: Online-Dienste je Jahr");
	para(d, s2,
	     "Die Zahl der Online-Dienste wächst stetig; das Ziel "
	     "für 2030 ist erreichbar.");
	return d;
}

/* A long report for timing: `n` chapters of text and a table each. */
static struct pr_doc *
big(int n)
{
	struct pr_doc *d = sample();
	char buf[200];
	int i, k;

	for (i = 0; i < n; i++) {
		struct pr_node *s, *s2, *t, *r;

		snprintf(buf, sizeof(buf), "Kapitel %d über Maßnahmen", i + 1);
		snprintf(buf + 100, 100, "kapitel-%d", i + 1);
		s = section(d, d->root, 1, buf + 100, buf);
		for (k = 0; k < 6; k++) {
			snprintf(buf + 100, 100, "k-%d-%d", i + 1, k);
			s2 = section(d, s, 2, buf + 100, "Ein Abschnitt");
			para(d, s2,
			     "Ein Meilenstein gilt als verzögert, wenn der "
			     "prognostizierte Termin mehr als drei Monate "
			     "nach dem geplanten liegt. Größere Abweichungen "
			     "werden mit Ursache und Gegenmaßnahme "
			     "erläutert; so bleibt nachvollziehbar, warum "
			     "sich ein Vorhaben verschiebt.");
		}
		t = pr_node_new(d, PR_TABLE, &here);
		pr_node_append(s, t);
		r = pr_node_new(d, PR_ROW, &here);
		r->u.row.header = true;
		pr_node_append(t, r);
		cell(d, r, true, PR_ALIGN_LEFT, "Nr.");
		cell(d, r, true, PR_ALIGN_LEFT, "Meilenstein");
		cell(d, r, true, PR_ALIGN_RIGHT, "Stand");
		for (k = 0; k < 80; k++) {
			r = pr_node_new(d, PR_ROW, &here);
			pr_node_append(t, r);
			snprintf(buf, sizeof(buf), "%d.%d", i + 1, k + 1);
			cell(d, r, false, PR_ALIGN_LEFT, buf);
			cell(d, r, false, PR_ALIGN_LEFT,
			     "Einführung der elektronischen Akte im Bürgeramt");
			cell(d, r, false, PR_ALIGN_RIGHT, "50 %");
		}
	}
	return d;
}

/* diag_flush() with nothing collected trips UBSan (qsort on NULL in
 * diag.c), so flush only when there is something to print. */
static void
flush(void)
{
	if (diag_count(DIAG_WARNING) + diag_count(DIAG_ERROR) +
	        diag_count(DIAG_SYSTEM) >
	    0)
		diag_flush();
}

static bool
render(struct pr_doc *d, const char *path, unsigned *pages)
{
	struct pdf_options o = {.font_dir = "/usr/share/fonts/truetype/dejavu",
	                        .date = 1798761600};
	struct pdf_stats st = {0};
	FILE *fp = fopen(path, "we");
	bool ok = fp != NULL && pdf_render(d, &o, path, fp, &st);

	/* The file is the caller's, as output.c's temporary is; like it,
	 * it is removed on failure. */
	if (fp != NULL && fclose(fp) != 0)
		ok = false;
	if (!ok)
		unlink(path);
	if (pages != NULL)
		*pages = st.pages;
	return ok;
}

/* A one-paragraph document with `text`; true if rendering succeeded. */
static bool
render_text(const char *dir, const char *text)
{
	struct pr_doc *d = pr_doc_new();
	char path[1024];
	struct pr_node *s;
	bool ok;

	d->title = "T";
	d->lang = "de";
	struct src_pos where = {"inputs/milestones.yaml", 12, 10};
	struct pr_node *p;

	s = section(d, d->root, 1, "a", "A");
	p = pr_node_new(d, PR_PARA, &where);
	pr_node_append(s, p);
	pr_append_text(d, p, &where, text);
	snprintf(path, sizeof(path), "%s/bad.pdf", dir);
	remove(path);
	ok = render(d, path, NULL);
	pr_doc_free(d);
	return ok;
}

/* Documents at the edges: empty, only a TOC, a word longer than a line,
 * a table with a header column only and a row taller than usual, a
 * line break, a link spanning lines.  Each must render. */
static void
edges(const char *dir)
{
	struct pr_doc *d;
	struct pr_node *s, *p, *t, *r, *x;
	char path[1100];
	int i;

	snprintf(path, sizeof(path), "%s/edge.pdf", dir);

	d = pr_doc_new();
	d->title = "Leer";
	d->lang = "de";
	CHECK(render(d, path, NULL));
	pr_doc_free(d);

	d = pr_doc_new();
	d->title = "Nur Inhalt";
	d->lang = "de";
	d->toc_title = "Inhalt";
	pr_node_append(d->root, pr_node_new(d, PR_TOC, &here));
	CHECK(render(d, path, NULL));
	pr_doc_free(d);

	d = pr_doc_new();
	d->title = "Ränder";
	d->lang = "de";
	s = section(d, d->root, 1, "r", "Ränder");
	p = para(d, s,
	         "Ein sehr langes Wort: "
	         "Donaudampfschifffahrtsgesellschaftskapitänsmützen"
	         "abzeichenherstellungsbetriebsgenehmigungsverfahrens"
	         "beschleunigungsgesetz und dann");
	pr_node_append(p, pr_node_new(d, PR_LINEBREAK, &here));
	pr_append_text(d, p, &here, "eine neue Zeile mit ");
	x = inl(d, p, PR_LINK,
	        "einem Verweis, der lang genug ist, um über das Ende der "
	        "Zeile hinaus auf die nächste Zeile umzubrechen");
	x->u.link.url = pr_strdup(d, "https://example.org/ä?q=1");
	t = pr_node_new(d, PR_TABLE, &here);
	pr_node_append(s, t);
	for (i = 0; i < 3; i++) {
		r = pr_node_new(d, PR_ROW, &here);
		pr_node_append(t, r);
		x = pr_new_cell(d, &here, true, PR_SCOPE_ROW, PR_ALIGN_LEFT);
		pr_node_append(r, x);
		pr_append_text(d, x, &here, "Zeile");
		cell(d, r, false, PR_ALIGN_CENTER,
		     i == 1 ? "viel Text in einer Zelle, der über mehrere "
		              "Zeilen geht und die Zeile höher macht als "
		              "die anderen Zeilen der Tabelle"
		            : "");
	}
	CHECK(doc_validate(d));
	CHECK(render(d, path, NULL));
	pr_doc_free(d);

	/* A table row taller than a page continues on the next pages. */
	d = pr_doc_new();
	d->title = "Hoch";
	d->lang = "de";
	s = section(d, d->root, 1, "h", "Hoch");
	t = pr_node_new(d, PR_TABLE, &here);
	pr_node_append(s, t);
	r = pr_node_new(d, PR_ROW, &here);
	r->u.row.header = true;
	pr_node_append(t, r);
	cell(d, r, true, PR_ALIGN_LEFT, "Kopf");
	r = pr_node_new(d, PR_ROW, &here);
	pr_node_append(t, r);
	x = pr_new_cell(d, &here, false, PR_SCOPE_NONE, PR_ALIGN_LEFT);
	pr_node_append(r, x);
	for (i = 0; i < 400; i++)
		pr_append_text(d, x, &here,
		               "Eine lange Erläuterung in einer Zelle. ");
	pr_append_text(d, x, &here, "Schlusswort");
	{
		unsigned pages = 0;

		CHECK(doc_validate(d));
		CHECK(render(d, path, &pages));
		CHECK(pages >= 3);
	}
	pr_doc_free(d);
}

/* The PDF read back, deflated streams and all (NUL bytes among them). */
struct pdf_bytes {
	const char *p;
	size_t len;
};

static const char *
find(const struct pdf_bytes *f, const char *from, const char *s)
{
	if (from == NULL)
		return NULL;
	return memmem(from, (size_t)(f->p + f->len - from), s, strlen(s));
}

/* The number of the object whose text holds `needle`; 0 if none. */
static unsigned
obj_of(const struct pdf_bytes *f, const char *needle)
{
	const char *p = find(f, f->p, needle);

	if (p == NULL)
		return 0;
	while (p > f->p && strncmp(p, " 0 obj", 6) != 0)
		p--;
	while (p > f->p && p[-1] >= '0' && p[-1] <= '9')
		p--;
	return (unsigned)strtoul(p, NULL, 10);
}

/* Whether object n's text holds `key` followed by the reference "r 0 R". */
static bool
obj_refers(const struct pdf_bytes *f, unsigned n, const char *key, unsigned r)
{
	char head[32], ref[64];
	const char *o, *end;

	snprintf(head, sizeof(head), "\n%u 0 obj", n);
	snprintf(ref, sizeof(ref), "%s%u 0 R", key, r);
	o = find(f, f->p, head);
	end = find(f, o, "endobj");
	o = find(f, o, ref);
	return o != NULL && end != NULL && o < end;
}

/*
 * A plain element is written from its record through an object it
 * shares with every other (pdf_tag.c); an element whose type libharu
 * would escape is written as libharu objects.  Where one is the
 * other's parent or kid, each must name the other's object.
 */
static void
plain_and_not(const char *dir)
{
	HPDF_Doc pdf = HPDF_New(NULL, NULL);
	struct pdf_tag *t;
	struct tag_elem *sect, *odd, *par;
	struct tag_meta meta = {.title = "T", .lang = "de", .date = 1798761600};
	unsigned doc_n, sect_n, odd_n, par_n;
	char path[1100];
	FILE *fp;
	size_t len = 0;
	char *b;
	struct pdf_bytes f;
	int page, err = 0;

	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf); /* as pdf.c does */
	t = pdf_tag_new(pdf);
	page = pdf_tag_page(t, HPDF_AddPage(pdf));
	sect = pdf_tag_elem(t, NULL, "Sect");
	odd = pdf_tag_elem(t, sect, "Role-X");
	par = pdf_tag_elem(t, odd, "P");
	pdf_tag_bdc(t, page, par);
	buf_puts(pdf_tag_content(t), "0 0 m\n");
	pdf_tag_emc(t, page);
	CHECK(pdf_tag_pack_page(t, page));
	CHECK(pdf_tag_finish(t, &meta));
	snprintf(path, sizeof(path), "%s/plain.pdf", dir);
	fp = fopen(path, "we");
	CHECK(fp != NULL && pdf_tag_save(t, fp, &err));
	if (fp != NULL)
		fclose(fp);
	pdf_tag_free(t);
	HPDF_Free(pdf);
	b = unit_slurp(path, &len);
	CHECK(b != NULL);
	if (b == NULL)
		return;
	f.p = b;
	f.len = len;
	doc_n = obj_of(&f, "/S /Document\n");
	sect_n = obj_of(&f, "/S /Sect\n");
	odd_n = obj_of(&f, "/S /Role-X\n");
	par_n = obj_of(&f, "/S /P\n");
	CHECK(doc_n > 0 && sect_n > 0 && odd_n > 0 && par_n > 0);
	CHECK(
	    obj_refers(&f, obj_of(&f, "/Type /StructTreeRoot"), "/K ", doc_n));
	CHECK(obj_refers(&f, doc_n, "/K [ ", sect_n));
	CHECK(obj_refers(&f, sect_n, "/P ", doc_n));
	CHECK(obj_refers(&f, sect_n, "/K [ ", odd_n));
	CHECK(obj_refers(&f, odd_n, "/P ", sect_n));
	CHECK(obj_refers(&f, odd_n, "/K [ ", par_n));
	CHECK(obj_refers(&f, par_n, "/P ", odd_n));
	free(b);
}

int
main(int argc, char **argv)
{
	const char *b = getenv("B");
	char dir[1024], p1[1100], p2[1100];
	struct pr_doc *d;
	unsigned pages = 0;
	size_t l1 = 0, l2 = 0;
	char *a, *c;

	if (argc > 2 && strcmp(argv[1], "--big") == 0) {
		/* test_pdf --big OUT.pdf: the timing document only */
		diag_init("test_pdf");
		d = big(60);
		CHECK(doc_validate(d));
		CHECK(render(d, argv[2], &pages));
		fprintf(stderr, "%s: %u pages\n", argv[2], pages);
		pr_doc_free(d);
		flush();
		return unit_done("test_pdf --big");
	}
	if (argc > 1)
		snprintf(dir, sizeof(dir), "%s", argv[1]);
	else
		snprintf(dir, sizeof(dir), "%s/test-pdf", b ? b : "build");
	mkdir(dir, 0777);
	diag_init("test_pdf");

	d = sample();
	CHECK(pr_tree_check(d->root) == 0);
	CHECK(doc_validate(d));
	snprintf(p1, sizeof(p1), "%s/sample.pdf", dir);
	snprintf(p2, sizeof(p2), "%s/sample2.pdf", dir);
	CHECK(render(d, p1, &pages));
	/* title, TOC, chapter 1 (2 pages), the table over 3 pages */
	CHECK(pages >= 7);
	fprintf(stderr, "sample.pdf: %u pages\n", pages);
	CHECK(render(d, p2, NULL));
	a = unit_slurp(p1, &l1);
	c = unit_slurp(p2, &l2);
	CHECK(a != NULL && c != NULL && l1 == l2 && l1 > 1000 &&
	      memcmp(a, c, l1) == 0);
	CHECK(a != NULL && memcmp(a, "%PDF-1.7", 8) == 0);
	free(a);
	free(c);
	pr_doc_free(d);
	flush();

	edges(dir);
	plain_and_not(dir);

	/* Refusals: a glyph the font lacks, a character outside the BMP;
	 * nothing is written then. */
	CHECK(!render_text(dir, "Chinesisch: 中文"));
	CHECK(diag_count(DIAG_ERROR) == 1);
	CHECK(!render_text(dir, "Emoji: \xF0\x9F\x98\x80"));
	CHECK(diag_count(DIAG_ERROR) == 2);
	snprintf(p2, sizeof(p2), "%s/bad.pdf", dir);
	CHECK(fopen(p2, "r") == NULL);
	CHECK(render_text(dir, "Grüße aus Köln: 5 € „gut“"));
	{
		/* a heading listed in the TOC and a table cell: each
		 * missing glyph is reported once */
		struct pr_doc *e = pr_doc_new();
		struct pr_node *sec, *t, *r;
		unsigned before = diag_count(DIAG_ERROR);

		e->title = "T";
		e->lang = "de";
		pr_node_append(e->root, pr_node_new(e, PR_TOC, &here));
		sec = section(e, e->root, 1, "x", "Kapitel 中");
		t = pr_node_new(e, PR_TABLE, &here);
		pr_node_append(sec, t);
		r = pr_node_new(e, PR_ROW, &here);
		r->u.row.header = true;
		pr_node_append(t, r);
		cell(e, r, true, PR_ALIGN_LEFT, "Zelle 文");
		snprintf(p2, sizeof(p2), "%s/bad.pdf", dir);
		remove(p2);
		CHECK(!render(e, p2, NULL));
		CHECK(diag_count(DIAG_ERROR) == before + 2);
		pr_doc_free(e);
	}
	/* the messages, for tests/t-pdf-errors.sh */
	flush();
	return unit_done("test_pdf");
}
