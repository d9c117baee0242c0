/*
 * test_chart.c - the four charts: their alt text and data table carry
 * exactly the model's numbers (parsed back from the tree), a chart
 * without data says so, extreme data stays inside the drawing with no
 * NaN or infinity, and every colour has 3:1 contrast against white.
 *
 * With CHART_SVG_DIR set, every drawing is also written there as SVG
 * so that a person can look at it (tests/t-charts-look.sh renders them
 * to PNG with Chromium).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "analysis.h"
#include "chart.h"
#include "inputs.h"
#include "template.h"
#include "doc_validate.h"
#include "style.h"
#include "unit.h"

/* ---- building models --------------------------------------------- */

static void
model_setup(struct model *m)
{
	model_init(m);
	m->settings.year = 2026;
	m->settings.lang = "de";
	m->settings.horizon_start = 2026;
	m->settings.horizon_end = 2030;
	m->settings.cutoff = (struct pr_date){2026, 12, 31};
}

static struct aspect *
add_aspect(struct model *m, const char *id, const char *title,
           struct aspect *parent)
{
	struct aspect *a = pool_alloc(&m->pool, sizeof(*a));

	memset(a, 0, sizeof(*a));
	a->id = id;
	a->title = title;
	a->parent = parent;
	m->aspects = xrealloc(m->aspects, (m->naspects + 1) * sizeof(a));
	m->aspects[m->naspects++] = a;
	if (parent != NULL) {
		parent->children = xrealloc(
		    parent->children, (parent->nchildren + 1) * sizeof(a));
		parent->children[parent->nchildren++] = a;
	}
	return a;
}

static struct milestone *
add_ms(struct model *m, const char *id, struct aspect *a, struct pr_date pl,
       struct pr_date fc, struct pr_date done, enum ms_status st)
{
	struct milestone *ms = pool_alloc(&m->pool, sizeof(*ms));

	memset(ms, 0, sizeof(*ms));
	ms->id = pool_strdup(&m->pool, id);
	ms->title = pool_strdup(&m->pool, id);
	ms->aspect = a;
	ms->aspect_id = a->id;
	ms->planned = pl;
	ms->forecast = fc;
	ms->completed = done;
	ms->status = st;
	m->milestones =
	    xrealloc(m->milestones, (m->nmilestones + 1) * sizeof(ms));
	m->milestones[m->nmilestones++] = ms;
	analysis_run(m); /* the derived facts, from their one producer */
	return ms;
}

/* years[i] == 0 ends the list. */
static struct indicator *
add_ind(struct model *m, const char *id, const char *title, int dir, int dec,
        int by, double bv, int ty, double tv, const int *years,
        const double *vals)
{
	struct indicator *ind = pool_alloc(&m->pool, sizeof(*ind));
	size_t n = 0;

	memset(ind, 0, sizeof(*ind));
	ind->id = id;
	ind->title = title;
	ind->unit = "Dienste";
	ind->direction = dir;
	ind->decimals = dec;
	ind->baseline_year = by;
	ind->baseline = bv;
	ind->target_year = ty;
	ind->target = tv;
	while (years[n] != 0)
		n++;
	ind->values = xcalloc(n + 1, sizeof(*ind->values));
	for (ind->nvalues = 0; ind->nvalues < n; ind->nvalues++) {
		ind->values[ind->nvalues].year = years[ind->nvalues];
		ind->values[ind->nvalues].value = vals[ind->nvalues];
	}
	m->indicators =
	    xrealloc(m->indicators, (m->nindicators + 1) * sizeof(ind));
	m->indicators[m->nindicators++] = ind;
	analysis_run(m);
	return ind;
}

/* The context a component gives a chart: the inputs' language marks
 * their text when the report is in another. */
static const struct comp_ctx *
cx(struct pr_doc *doc, const struct model *m, const struct locale *loc)
{
	static struct comp_ctx c;

	c.doc = doc;
	c.model = m;
	c.loc = loc;
	c.pos = NULL;
	c.text_lang = m->settings.lang != NULL &&
	                      strcmp(m->settings.lang, locale_lang(loc)) != 0
	                  ? m->settings.lang
	                  : NULL;
	return &c;
}

/* The longest alt text a chart may have: a summary, not the table. */
#define ALT_MAX 250

/* ---- reading numbers back ---------------------------------------- */

/*
 * Every number in s, in order, read with the given decimal and group
 * marks ("1.234,5" in German); a '.' or ',' that is not followed by a
 * digit ends the number.  Returns how many were found.
 */
static size_t
numbers(const char *s, char dec, char grp, double *out, size_t max)
{
	size_t n = 0;

	while (*s && n < max) {
		bool neg = false;

		if (strncmp(s, "−", strlen("−")) == 0 &&
		    s[strlen("−")] >= '0' && s[strlen("−")] <= '9') {
			neg = true;
			s += strlen("−");
		}
		if (*s >= '0' && *s <= '9') {
			double v = 0, scale = 0;

			for (;;) {
				if (*s >= '0' && *s <= '9') {
					v = v * 10 + (*s - '0');
					if (scale > 0)
						scale *= 10;
				} else if ((*s == grp || *s == dec) &&
				           s[1] >= '0' && s[1] <= '9') {
					if (*s == dec)
						scale = 1;
				} else {
					break;
				}
				s++;
			}
			out[n++] = (neg ? -v : v) / (scale > 0 ? scale : 1);
			continue;
		}
		s++;
	}
	return n;
}

static char *
text_of(const struct pr_node *n)
{
	static struct buf b;

	buf_reset(&b);
	pr_node_text(n, &b);
	return b.data ? b.data : (char *)"";
}

static bool
near(double a, double b, int dec)
{
	return fabs(a - b) <= 0.5 * pow(10, -dec) + 1e-9;
}

/* ---- checking drawings ------------------------------------------- */

/* The PDF draws a chart scaled to its text column (pdf_layout.c's
 * lay_figure: BODY_W of pdf_int.h, 595.276 - 70 - 62 pt). */
#define PDF_SCALE ((595.276 - 70.0 - 62.0) / 480.0)

/* Reports a label that touches a line, a marker or another label. */
static void
collision(const struct dr_item *t, const struct dr_item *o, void *arg)
{
	fprintf(stderr, "%s: label \"%s\" at %.1f,%.1f touches %s%s%s\n",
	        (const char *)arg, t->text, t->x, t->y,
	        o->op == DR_TEXT     ? "label \""
	        : o->op == DR_LINE   ? "a line"
	        : o->op == DR_RECT   ? "a rectangle"
	        : o->op == DR_CIRCLE ? "a circle"
	                             : "a shape",
	        o->op == DR_TEXT ? o->text : "", o->op == DR_TEXT ? "\"" : "");
}

static double
lum(struct dr_color c)
{
	double ch[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
	int i;

	for (i = 0; i < 3; i++)
		ch[i] = ch[i] <= 0.04045 ? ch[i] / 12.92
		                         : pow((ch[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
}

static double
contrast_white(struct dr_color c)
{
	return 1.05 / (lum(c) + 0.05);
}

static bool
is_white(struct dr_color c)
{
	return c.r == 255 && c.g == 255 && c.b == 255;
}

static int bad_items;

static void
bad(const char *name, size_t i, const char *why)
{
	if (bad_items++ < 20)
		fprintf(stderr, "%s: item %zu: %s\n", name, i, why);
}

/*
 * Every coordinate finite and inside the drawing (text by its estimated
 * extent); every colour either 3:1 against white or white itself, which
 * is only used as knock-out on a coloured shape (and has the same
 * contrast against that colour); every text at least 9 pt in the PDF
 * and whole (no ellipsis); no label touching anything else drawn.
 */
static int
check_drawing(const char *name, const struct drawing *d)
{
	double W = d->width, H = d->height;
	size_t i, k;

	bad_items = 0;
	CHECK(isfinite(W) && isfinite(H) && W > 0 && H > 0);
	for (i = 0; i < d->nitems; i++) {
		const struct dr_item *it = &d->items[i];
		double x0 = 0, y0 = 0, x1 = 0, y1 = 0;

		if (it->stroke && !is_white(it->stroke_color) &&
		    contrast_white(it->stroke_color) < 3)
			bad(name, i, "stroke contrast below 3:1");
		if (it->fill && !is_white(it->fill_color) &&
		    contrast_white(it->fill_color) <
		        (it->op == DR_TEXT ? 4.5 : 3))
			bad(name, i, "fill contrast too low");
		if (!isfinite(it->stroke_width) || !isfinite(it->dash) ||
		    !isfinite(it->size))
			bad(name, i, "width, dash or size not finite");
		switch (it->op) {
		case DR_LINE:
		case DR_POLYLINE:
		case DR_POLYGON:
			if (it->npts < 2 ||
			    (it->op == DR_LINE && it->npts != 2)) {
				bad(name, i, "too few points");
				break;
			}
			x0 = x1 = it->pts[0];
			y0 = y1 = it->pts[1];
			for (k = 0; k < it->npts; k++) {
				double x = it->pts[2 * k],
				       y = it->pts[2 * k + 1];

				if (!isfinite(x) || !isfinite(y))
					bad(name, i, "point not finite");
				x0 = fmin(x0, x);
				x1 = fmax(x1, x);
				y0 = fmin(y0, y);
				y1 = fmax(y1, y);
			}
			break;
		case DR_RECT:
			x0 = it->x;
			y0 = it->y;
			x1 = it->x + it->w;
			y1 = it->y + it->h;
			if (it->w < 0 || it->h < 0)
				bad(name, i, "negative rectangle");
			break;
		case DR_CIRCLE:
			x0 = it->x - it->r;
			x1 = it->x + it->r;
			y0 = it->y - it->r;
			y1 = it->y + it->r;
			break;
		case DR_TEXT: {
			double w =
			    drawing_text_width(it->text, it->size, it->bold);

			if (it->text == NULL || *it->text == '\0')
				bad(name, i, "empty text");
			x0 = it->anchor == DR_START    ? it->x
			     : it->anchor == DR_MIDDLE ? it->x - w / 2
			                               : it->x - w;
			x1 = x0 + w;
			y0 = it->y - it->size * 0.8;
			y1 = it->y + it->size * 0.25;
			break;
		}
		}
		if (it->op == DR_TEXT && it->size * PDF_SCALE < 9 - 1e-9)
			bad(name, i, "text below 9 pt in the PDF");
		if (it->op == DR_TEXT && it->text != NULL &&
		    strlen(it->text) >= strlen("…") &&
		    strcmp(it->text + strlen(it->text) - strlen("…"), "…") == 0)
			bad(name, i, "text cut with an ellipsis");
		if (!isfinite(x0) || !isfinite(x1) || !isfinite(y0) ||
		    !isfinite(y1))
			bad(name, i, "coordinate not finite");
		else if (x0 < -0.01 || y0 < -0.01 || x1 > W + 0.01 ||
		         y1 > H + 0.01) {
			char why[160];

			snprintf(why, sizeof(why),
			         "outside %.0fx%.0f: %.1f %.1f .. %.1f %.1f %s",
			         W, H, x0, y0, x1, y1,
			         it->op == DR_TEXT ? it->text : "");
			bad(name, i, why);
		}
	}
	/* No label touches a line, a marker or another label. */
	bad_items += drawing_collisions(d, collision, (void *)name);
	return bad_items;
}

/* Writes the drawing as SVG for looking at it. */
static void
dump_svg(const char *name, const struct drawing *d)
{
	const char *dir = getenv("CHART_SVG_DIR");
	char path[512];
	FILE *f;
	size_t i, k;

	if (dir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/%s.svg", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return;
	fprintf(f,
	        "<svg xmlns='http://www.w3.org/2000/svg' width='%.0f' "
	        "height='%.0f' viewBox='0 0 %.2f %.2f' "
	        "font-family='DejaVu Sans'>\n"
	        "<rect width='100%%' height='100%%' fill='white'/>\n",
	        d->width * 2, d->height * 2, d->width, d->height);
	for (i = 0; i < d->nitems; i++) {
		const struct dr_item *it = &d->items[i];
		char paint[200], fillc[16], strokec[16], dash[48] = "";

		snprintf(fillc, sizeof(fillc), "#%02x%02x%02x",
		         it->fill_color.r, it->fill_color.g, it->fill_color.b);
		snprintf(strokec, sizeof(strokec), "#%02x%02x%02x",
		         it->stroke_color.r, it->stroke_color.g,
		         it->stroke_color.b);
		/* Dashes as the HTML renderer writes them. */
		if (it->dash > 0)
			snprintf(dash, sizeof(dash),
			         " stroke-dasharray='%.2f %.2f'", it->dash,
			         it->dash);
		snprintf(paint, sizeof(paint),
		         "fill='%s' stroke='%s' stroke-width='%.2f'%s",
		         it->fill ? fillc : "none",
		         it->stroke ? strokec : "none", it->stroke_width, dash);
		switch (it->op) {
		case DR_LINE:
		case DR_POLYLINE:
		case DR_POLYGON:
			fprintf(f, "<%s points='",
			        it->op == DR_POLYGON ? "polygon" : "polyline");
			for (k = 0; k < it->npts; k++)
				fprintf(f, "%.2f,%.2f ", it->pts[2 * k],
				        it->pts[2 * k + 1]);
			fprintf(f, "' %s/>\n", paint);
			break;
		case DR_RECT:
			fprintf(f,
			        "<rect x='%.2f' y='%.2f' width='%.2f' "
			        "height='%.2f' %s/>\n",
			        it->x, it->y, it->w, it->h, paint);
			break;
		case DR_CIRCLE:
			fprintf(f,
			        "<circle cx='%.2f' cy='%.2f' r='%.2f' %s/>\n",
			        it->x, it->y, it->r, paint);
			break;
		case DR_TEXT:
			fprintf(f,
			        "<text x='%.2f' y='%.2f' font-size='%.1f' "
			        "text-anchor='%s' fill='%s'%s>",
			        it->x, it->y, it->size,
			        it->anchor == DR_START    ? "start"
			        : it->anchor == DR_MIDDLE ? "middle"
			                                  : "end",
			        fillc, it->bold ? " font-weight='bold'" : "");
			for (const char *p = it->text; *p; p++)
				if (*p == '<')
					fputs("&lt;", f);
				else if (*p == '&')
					fputs("&amp;", f);
				else
					fputc(*p, f);
			fputs("</text>\n", f);
			break;
		}
	}
	fputs("</svg>\n", f);
	fclose(f);
}

/* ---- the chart's nodes ------------------------------------------- */

struct parts {
	const struct pr_node *fig, *drawing, *caption, *table, *para;
	const struct drawing *d;
};

/* What the chart appended to a fresh section: FIGURE + TABLE, or a
 * single PARA. */
static struct parts
parts_of(const struct pr_node *sec)
{
	struct parts p;
	const struct pr_node *n = sec->first;

	memset(&p, 0, sizeof(p));
	if (n != NULL && n->type == PR_PARA && n->next == NULL) {
		p.para = n;
		return p;
	}
	if (n == NULL || n->type != PR_FIGURE || n->next == NULL ||
	    n->next->type != PR_TABLE || n->next->next != NULL)
		return p;
	p.fig = n;
	p.table = n->next;
	p.drawing = n->first;
	if (p.drawing == NULL || p.drawing->type != PR_DRAWING)
		return p;
	p.d = p.drawing->u.drawing.drawing;
	p.caption = p.drawing->next;
	return p;
}

/* Checks the table's header cells and alignment; returns the number of
 * body rows. */
static size_t
check_table_shape(const struct pr_node *tab, size_t numeric_from)
{
	const struct pr_node *row, *cell;
	size_t nbody = 0, col;

	CHECK(tab->first != NULL && tab->first->type == PR_CAPTION);
	for (row = tab->first; row != NULL; row = row->next) {
		if (row->type != PR_ROW)
			continue;
		for (col = 0, cell = row->first; cell != NULL;
		     cell = cell->next, col++) {
			if (row->u.row.header) {
				CHECK(cell->u.cell.header &&
				      cell->u.cell.scope == PR_SCOPE_COL);
			} else if (col == 0) {
				CHECK(cell->u.cell.header &&
				      cell->u.cell.scope == PR_SCOPE_ROW);
			} else {
				CHECK(!cell->u.cell.header);
			}
		}
		if (!row->u.row.header)
			nbody++;
	}
	(void)numeric_from;
	return nbody;
}

/* The cell of a row by column number. */
static const struct pr_node *
cell_at(const struct pr_node *row, size_t col)
{
	const struct pr_node *c = row->first;

	while (c != NULL && col-- > 0)
		c = c->next;
	return c;
}

static const struct pr_node *
body_row(const struct pr_node *tab, size_t i)
{
	const struct pr_node *r;

	for (r = tab->first; r != NULL; r = r->next)
		if (r->type == PR_ROW && !r->u.row.header && i-- == 0)
			return r;
	return NULL;
}

/* ---- trend ------------------------------------------------------- */

/*
 * Draws the trend of `ind`, then reads the table and the alt text back
 * and compares them with the model: each year (gaps named as such),
 * the baseline and the target.
 */
static void
check_trend(struct locale *loc, char dec, char grp, struct model *m,
            const struct indicator *ind, const char *name)
{
	struct pr_doc *doc = pr_doc_new();
	struct pr_node *sec = pr_new_section(doc, NULL, 1);
	struct parts p;
	double got[256], want[256];
	size_t ng, nw = 0, i, r;
	int yr, prev = 0;
	const char *alt;
	char key[64];

	pr_node_append(doc->root, sec);
	CHECK(chart_indicator_trend(cx(doc, m, loc), sec, ind));
	CHECK(pr_tree_check(doc->root) == 0);
	p = parts_of(sec);
	CHECK(p.fig != NULL && p.d != NULL && p.caption != NULL);
	if (p.fig == NULL || p.d == NULL) {
		pr_doc_free(doc);
		return;
	}
	CHECK(check_drawing(name, p.d) == 0);
	dump_svg(name, p.d);
	/* The drawing labels every value and the target with the same
	 * numbers. */
	for (i = 0; i <= ind->nvalues; i++) {
		double want_v =
		    i < ind->nvalues ? ind->values[i].value : ind->target;
		bool found = false;

		for (size_t k = 0; k < p.d->nitems && !found; k++) {
			const struct dr_item *it = &p.d->items[k];
			size_t nn;

			/* Value and target labels, not the (dark grey)
			 * axis ticks. */
			if (it->op != DR_TEXT || it->fill_color.r == 0x22)
				continue;
			nn = numbers(it->text, dec, grp, got, 256);
			for (size_t j = 0; j < nn; j++)
				if (near(got[j], want_v, ind->decimals) &&
				    (j > 0 || nn == 1))
					found = true;
		}
		if (!found)
			fprintf(stderr, "%s: %g not labelled\n", name, want_v);
		CHECK(found);
	}

	/* The alt text names the indicator first (a PDF reader's list of
	 * graphics shows nothing else to tell the charts apart), then a
	 * summary: short, the latest value against the target, which way
	 * is better and the course in words; the series is in the table.
	 * The HTML, which names the SVG by its caption, describes it with
	 * the summary alone. */
	alt = p.fig->u.figure.alt;
	if (strncmp(alt, ind->title, strlen(ind->title)) != 0 ||
	    strncmp(alt + strlen(ind->title), ": ", 2) != 0 ||
	    p.fig->u.figure.named != strlen(ind->title) + 2) {
		fprintf(stderr, "%s: alt text does not name the title: %s\n",
		        name, alt);
		CHECK(false);
	}
	alt += p.fig->u.figure.named < strlen(alt) ? p.fig->u.figure.named : 0;
	if (strlen(alt) > ALT_MAX || strstr(alt, ind->title) != NULL) {
		fprintf(stderr,
		        "%s: alt summary too long or repeats the title: "
		        "%s\n",
		        name, alt);
		CHECK(false);
	}
	{
		struct buf b;

		buf_init(&b);
		if (ind->latest_year != 0) {
			locale_number(loc, ind->latest, ind->decimals, &b);
			CHECK(strstr(alt, b.data) != NULL);
			buf_reset(&b);
			buf_printf(&b, "(%d)", ind->latest_year);
			CHECK(strstr(alt, b.data) != NULL);
			CHECK(strstr(alt, locale_str(loc, "chart.latest")) !=
			      NULL);
		}
		if (isfinite(ind->target) && ind->target_year != 0) {
			buf_reset(&b);
			locale_number(loc, ind->target, ind->decimals, &b);
			CHECK(strstr(alt, b.data) != NULL);
			buf_reset(&b);
			buf_printf(&b, "(%d)", ind->target_year);
			CHECK(strstr(alt, b.data) != NULL);
		}
		buf_free(&b);
	}
	CHECK(strstr(alt, locale_str(loc, ind->direction < 0
	                                      ? "direction.lower"
	                                      : "direction.higher")) != NULL);
	snprintf(key, sizeof(key), "course.%s", indicator_course_key(ind));
	CHECK(strstr(alt, locale_str(loc, key)) != NULL);
	(void)want;
	(void)nw;
	(void)ng;
	(void)prev;

	/* Table: a row per year, ascending, gaps with no number, the
	 * baseline year once and named so, the target last; the verdict
	 * in the caption, not in a row. */
	r = check_table_shape(p.table, 1);
	{
		int years[300];
		size_t ny = 0, row = 0;
		const struct pr_node *br;
		const char *base = locale_str(loc, "chart.baseline");
		/* text_of() reuses its buffer: keep a copy. */
		char *cap = xstrdup(text_of(p.table->first));

		for (i = 0; i < ind->nvalues; i++)
			years[ny++] = ind->values[i].year;
		/* The baseline year, in its place among the values. */
		for (i = 0; i < ny && years[i] < ind->baseline_year; i++)
			;
		if (i == ny || years[i] != ind->baseline_year) {
			memmove(years + i + 1, years + i,
			        (ny - i) * sizeof(*years));
			years[i] = ind->baseline_year;
			ny++;
		}
		prev = 0;
		for (i = 0; i < ny; i++) {
			for (yr = prev ? prev + 1 : years[i]; yr <= years[i];
			     yr++) {
				bool gap = yr < years[i];
				double v = NAN;

				br = body_row(p.table, row++);
				CHECK(br != NULL);
				if (br == NULL)
					break;
				CHECK(numbers(text_of(cell_at(br, 0)), dec, grp,
				              got, 4) == 1 &&
				      got[0] == yr);
				CHECK((strstr(text_of(cell_at(br, 0)), base) !=
				       NULL) == (yr == ind->baseline_year));
				for (size_t k = 0; !gap && k < ind->nvalues;
				     k++)
					if (ind->values[k].year == yr)
						v = ind->values[k].value;
				if (!gap && isnan(v))
					v = ind->baseline;
				if (gap) {
					CHECK(numbers(text_of(cell_at(br, 1)),
					              dec, grp, got, 4) == 0);
					CHECK_STR(
					    text_of(cell_at(br, 1)),
					    locale_str(loc, "chart.missing"));
				} else {
					CHECK(numbers(text_of(cell_at(br, 1)),
					              dec, grp, got, 4) == 1 &&
					      near(got[0], v, ind->decimals));
				}
				CHECK(br == NULL ||
				      cell_at(br, 1)->u.cell.align ==
				          PR_ALIGN_RIGHT);
			}
			prev = years[i];
		}
		br = body_row(p.table, row++);
		CHECK(br != NULL &&
		      numbers(text_of(cell_at(br, 0)), dec, grp, got, 4) == 1 &&
		      got[0] == ind->target_year);
		CHECK(br != NULL &&
		      numbers(text_of(cell_at(br, 1)), dec, grp, got, 4) == 1 &&
		      near(got[0], ind->target, ind->decimals));
		CHECK(r == row); /* no row after the target */
		snprintf(key, sizeof(key), "course.%s",
		         indicator_course_key(ind));
		CHECK(strstr(cap, locale_str(loc, "chart.assessment")) !=
		          NULL &&
		      strstr(cap, locale_str(loc, key)) != NULL);
		free(cap);
	}
	pr_doc_free(doc);
}

/* Counts polylines: the value line is broken at every gap. */
static size_t
count_op(const struct drawing *d, enum dr_op op, struct dr_color col)
{
	size_t i, n = 0;

	for (i = 0; i < d->nitems; i++)
		if (d->items[i].op == op &&
		    memcmp(&d->items[i].stroke_color, &col, sizeof(col)) == 0)
			n++;
	return n;
}

static void
test_trend(struct locale *de, struct locale *en)
{
	struct model m;
	static const int y3[] = {2024, 2025, 2026, 0};
	static const double v3[] = {3, 12, 31};
	static const int y1[] = {2026, 0};
	static const double v1[] = {1234.5};
	static const int yz[] = {2024, 2025, 2026, 0};
	static const double vz[] = {0, 0, 0};
	static const int yn[] = {2024, 2025, 2026, 0};
	static const double vn[] = {-4.5, -1.25, 2};
	static const int yg[] = {2023, 2024, 2026, 2027, 0};
	static const double vg[] = {10, 14, 25, 31};
	static const int ylo[] = {2024, 2025, 2026, 0};
	static const double vlo[] = {48, 44, 45};
	static const int none[] = {0};
	struct indicator *ind;
	struct pr_doc *doc;
	struct pr_node *sec;
	struct parts p;

	model_setup(&m);
	add_aspect(&m, "01", "Online services", NULL);
	ind = add_ind(&m, "I1", "Online-Dienste", 1, 0, 2023, 0, 2030, 120, y3,
	              v3);
	check_trend(de, ',', '.', &m, ind, "trend-basic");
	/* In German: the indicator, the latest value against the target,
	 * direction and verdict, the kind of chart; the series is in the
	 * table, named by its caption. */
	doc = pr_doc_new();
	sec = pr_new_section(doc, NULL, 1);
	pr_node_append(doc->root, sec);
	chart_indicator_trend(cx(doc, &m, de), sec, ind);
	p = parts_of(sec);
	CHECK(p.fig != NULL);
	if (p.fig != NULL)
		CHECK_STR(
		    p.fig->u.figure.alt,
		    "Online-Dienste: zuletzt 31\u00A0Dienste (2026), Ziel 120\u00A0"
		    "Dienste (2030), höher ist besser: nicht auf Kurs. "
		    "Liniendiagramm der Messwerte 2023–2030. Einzelheiten in "
		    "der Tabelle „Zahlen zum Diagramm“ unter dem Diagramm.");
	pr_doc_free(doc);
	check_trend(en, '.', ',', &m, ind, "trend-basic-en");

	ind = add_ind(&m, "I2", "Einzelwert", 1, 1, 2026, 1000, 2030, 2500.5,
	              y1, v1);
	check_trend(de, ',', '.', &m, ind, "trend-single");
	ind = add_ind(&m, "I3", "Alles null", 1, 0, 2023, 0, 2030, 0, yz, vz);
	check_trend(de, ',', '.', &m, ind, "trend-zero");
	ind = add_ind(&m, "I4", "Negativ", 1, 2, 2023, -3, 2030, 10, yn, vn);
	check_trend(de, ',', '.', &m, ind, "trend-negative");
	ind = add_ind(&m, "I5", "Mit Luecke", 1, 0, 2022, 5, 2030, 60, yg, vg);
	check_trend(de, ',', '.', &m, ind, "trend-gap");
	/* The gap (2025) splits the line in two. */
	doc = pr_doc_new();
	sec = pr_new_section(doc, NULL, 1);
	pr_node_append(doc->root, sec);
	chart_indicator_trend(cx(doc, &m, de), sec, ind);
	p = parts_of(sec);
	CHECK(p.d != NULL &&
	      count_op(p.d, DR_POLYLINE, (struct dr_color){0x1F, 0x5F, 0xAD}) ==
	          2);
	/* ... and the missing year is marked by a dotted rule, which the
	 * legend explains. */
	if (p.d != NULL) {
		size_t dotted = 0;

		for (size_t k = 0; k < p.d->nitems; k++)
			dotted += p.d->items[k].op == DR_LINE &&
			          p.d->items[k].dash > 0 &&
			          p.d->items[k].dash < 2;
		CHECK(dotted == 2);
	}
	pr_doc_free(doc);
	/* A value before the baseline year (the sample's e-invoices): the
	 * table lists 2024 first and the baseline year 2025 once. */
	ind = add_ind(&m, "I5b", "Vor dem Ausgangsjahr", 1, 1, 2025, 31.2, 2028,
	              90, y3, v3);
	check_trend(de, ',', '.', &m, ind, "trend-before-baseline");
	ind = add_ind(&m, "I6", "Bearbeitungstage", -1, 0, 2023, 50, 2030, 20,
	              ylo, vlo);
	check_trend(de, ',', '.', &m, ind, "trend-lower-better");
	CHECK(!ind->on_course);

	/* No values: a paragraph saying so, no figure. */
	ind = add_ind(&m, "I7", "Leer", 1, 0, 2023, 0, 2030, 10, none, NULL);
	doc = pr_doc_new();
	sec = pr_new_section(doc, NULL, 1);
	pr_node_append(doc->root, sec);
	CHECK(chart_indicator_trend(cx(doc, &m, de), sec, ind));
	p = parts_of(sec);
	CHECK(p.para != NULL && p.fig == NULL);
	if (p.para != NULL)
		CHECK_STR(text_of(p.para), locale_str(de, "chart.no_data"));
	/* A parent that may not hold blocks is refused. */
	CHECK(!chart_indicator_trend(cx(doc, &m, de),
	                             pr_node_new(doc, PR_PARA, NULL), ind));
	pr_doc_free(doc);
	model_free(&m);
}

/* ---- progress ---------------------------------------------------- */

/* The share of the way the linear path expects by the latest value. */
static double
exp_share(const struct indicator *ind)
{
	return (ind->expected - ind->baseline) / (ind->target - ind->baseline);
}

static void
test_progress(struct locale *de)
{
	struct model m;
	static const int y[] = {2024, 2025, 2026, 0};
	static const double a[] = {3, 12, 31}, b[] = {10, 20, 150},
	                    c[] = {10, 5, -20};
	static const int none[] = {0};
	const struct indicator *set[4];
	struct pr_doc *doc;
	struct pr_node *sec;
	struct parts p;
	double got[64];
	size_t i;

	model_setup(&m);
	add_aspect(&m, "01", "A", NULL);
	set[0] =
	    add_ind(&m, "P1", "Online-Dienste", 1, 0, 2023, 0, 2030, 120, y, a);
	set[1] =
	    add_ind(&m, "P2", "Uebererfuellt", 1, 0, 2023, 0, 2030, 100, y, b);
	set[2] =
	    add_ind(&m, "P3", "Rueckschritt", 1, 0, 2023, 0, 2030, 40, y, c);
	/* No data: the baseline (a value of its year) is after the
	 * reporting year, and there are no values. */
	set[3] = add_ind(&m, "P4", "Ohne Werte", 1, 0, 2027, 0, 2030, 40, none,
	                 NULL);
	doc = pr_doc_new();
	sec = pr_new_section(doc, NULL, 1);
	pr_node_append(doc->root, sec);
	CHECK(chart_indicator_progress(cx(doc, &m, de), sec, set, 4));
	CHECK(pr_tree_check(doc->root) == 0);
	p = parts_of(sec);
	CHECK(p.fig != NULL && p.d != NULL);
	if (p.d != NULL) {
		CHECK(check_drawing("progress", p.d) == 0);
		dump_svg("progress", p.d);
		/* Bars are clamped to the scale: none wider than the
		 * widest possible bar, the 150 % one exactly that. */
		double maxw = 0;

		for (i = 0; i < p.d->nitems; i++)
			if (p.d->items[i].op == DR_RECT)
				maxw = fmax(maxw, p.d->items[i].w);
		CHECK(maxw > 100 && maxw < 480);
	}
	if (p.fig != NULL) {
		/* The alt text: what the bars mean and the courses
		 * counted; the percentages are in the table. */
		const char *alt = p.fig->u.figure.alt;

		CHECK(strlen(alt) <= ALT_MAX);
		CHECK(strstr(alt, locale_str(de, "chart.progress_dir")) !=
		      NULL);
		CHECK(strstr(alt, "insgesamt 4") != NULL);
		CHECK(strstr(alt, "nicht auf Kurs") != NULL);
		CHECK(strstr(alt, "1 keine Daten") != NULL);
		CHECK(strstr(alt, set[0]->title) == NULL);
		CHECK(check_table_shape(p.table, 1) == 4);
		for (i = 0; i < 4; i++) {
			const struct pr_node *r = body_row(p.table, i);
			const struct pr_node *v = cell_at(r, 1);

			CHECK_STR(text_of(cell_at(r, 0)), set[i]->title);
			CHECK(v->u.cell.align == PR_ALIGN_RIGHT);
			if (i < 3) {
				CHECK(numbers(text_of(v), ',', '.', got, 4) ==
				          1 &&
				      near(got[0],
				           round(set[i]->progress * 100), 0));
				CHECK(numbers(text_of(cell_at(r, 2)), ',', '.',
				              got, 4) == 1 &&
				      near(got[0],
				           round(exp_share(set[i]) * 100), 0));
				CHECK(cell_at(r, 3)->first->type == PR_STATUS);
			} else {
				CHECK_STR(text_of(v),
				          locale_str(de, "chart.missing"));
			}
		}
		/* 150 % and −50 % are told as such, not clamped. */
		CHECK(strstr(text_of(p.table), "150") != NULL);
		CHECK(strstr(text_of(p.table), "−50") != NULL);
	}
	pr_doc_free(doc);

	/* Sixty rows: the alt text counts per course and points to the
	 * table (a thousand titles would pass PDF's string limit), the
	 * table still has every row. */
	{
		const struct indicator *many[60];

		for (i = 0; i < 60; i++)
			many[i] = set[i % 4];
		doc = pr_doc_new();
		sec = pr_new_section(doc, NULL, 1);
		pr_node_append(doc->root, sec);
		CHECK(chart_indicator_progress(cx(doc, &m, de), sec, many, 60));
		p = parts_of(sec);
		CHECK(p.fig != NULL);
		if (p.fig != NULL) {
			const char *alt = p.fig->u.figure.alt;

			CHECK(strstr(alt, "insgesamt 60") != NULL);
			CHECK(strstr(alt, "15 keine Daten") != NULL);
			CHECK(strstr(alt,
			             locale_str(de, "chart.details_below")) !=
			      NULL);
			CHECK(strstr(alt, "Online-Dienste") == NULL);
			CHECK(strlen(alt) < 300);
			CHECK(check_table_shape(p.table, 1) == 60);
		}
		pr_doc_free(doc);
	}

	/* Only indicators without data: say so. */
	doc = pr_doc_new();
	sec = pr_new_section(doc, NULL, 1);
	pr_node_append(doc->root, sec);
	CHECK(chart_indicator_progress(cx(doc, &m, de), sec, set + 3, 1));
	p = parts_of(sec);
	CHECK(p.para != NULL && p.fig == NULL);
	pr_doc_free(doc);
	model_free(&m);
}

/* ---- status overview --------------------------------------------- */

static void
test_status(struct locale *de)
{
	struct model m;
	struct aspect *p1, *a1, *a2, *a3;
	struct pr_doc *doc;
	struct pr_node *sec;
	struct parts p;
	static const enum ms_status order[] = {MS_DONE,    MS_IN_PROGRESS,
	                                       MS_PLANNED, MS_DELAYED,
	                                       MS_AT_RISK, MS_CANCELLED};
	unsigned want[4][MS_STATUS__MAX] = {{0}};
	struct aspect *asp[4];
	double got[64];
	size_t i, k;
	char id[32];
	struct pr_date d = {2027, 6, 30}, none = {0, 0, 0};

	model_setup(&m);
	p1 = add_aspect(&m, "01", "Digitale Verwaltung", NULL);
	a1 = add_aspect(&m, "01a", "Online-Dienste", p1);
	a2 = add_aspect(&m, "01b",
	                "E-Akte und sehr lange Bezeichnung eines "
	                "Aspekts, die abgeschnitten werden muss",
	                p1);
	add_aspect(&m, "01c", "Ohne Meilensteine", p1);
	a3 = add_aspect(&m, "02", "Infrastruktur", NULL);
	asp[0] = p1;
	asp[1] = a1;
	asp[2] = a2;
	asp[3] = a3;
	/* One on the point itself, a spread on the aspects. */
	for (i = 0; i < 31; i++) {
		size_t ai = i == 0 ? 0 : 1 + i % 3;
		enum ms_status st = (enum ms_status)((i * 7) % MS_STATUS__MAX);

		snprintf(id, sizeof(id), "M%zu", i);
		add_ms(&m, id, asp[ai], d, none, none, st);
		want[ai][st]++;
	}
	model_index(&m);
	doc = pr_doc_new();
	sec = pr_new_section(doc, NULL, 1);
	pr_node_append(doc->root, sec);
	CHECK(chart_status_overview(cx(doc, &m, de), sec));
	CHECK(pr_tree_check(doc->root) == 0);
	p = parts_of(sec);
	CHECK(p.fig != NULL && p.d != NULL);
	if (p.fig == NULL) {
		pr_doc_free(doc);
		model_free(&m);
		return;
	}
	CHECK(check_drawing("status", p.d) == 0);
	dump_svg("status", p.d);
	/* Table: a row per aspect with milestones (01c has none), then the
	 * total; columns in the order of the bars, then the sum. */
	CHECK(check_table_shape(p.table, 1) == 5);
	for (i = 0; i < 5; i++) {
		const struct pr_node *r = body_row(p.table, i);
		unsigned sum = 0, col[MS_STATUS__MAX];

		for (k = 0; k < MS_STATUS__MAX; k++) {
			col[k] = 0;
			if (i < 4)
				col[k] = want[i][order[k]];
			else
				for (size_t j = 0; j < 4; j++)
					col[k] += want[j][order[k]];
			sum += col[k];
		}
		if (i < 4)
			CHECK(strncmp(text_of(cell_at(r, 0)), asp[i]->id,
			              strlen(asp[i]->id)) == 0);
		for (k = 0; k < MS_STATUS__MAX; k++) {
			CHECK(numbers(text_of(cell_at(r, k + 1)), ',', '.', got,
			              4) == 1 &&
			      got[0] == col[k]);
			CHECK(cell_at(r, k + 1)->u.cell.align ==
			      PR_ALIGN_RIGHT);
		}
		CHECK(numbers(text_of(cell_at(r, MS_STATUS__MAX + 1)), ',', '.',
		              got, 4) == 1 &&
		      got[0] == sum);
	}
	/* Alt text: total, the totals by status, then per aspect the
	 * non-zero counts (ids hold digits: count after the colon). */
	{
		const char *alt = p.fig->u.figure.alt;
		const char *s = strchr(alt, ':');
		unsigned tot = 0;
		size_t n;

		CHECK(s != NULL);
		n = numbers(s, ',', '.', got, 64);
		for (i = 0; i < 4; i++)
			for (k = 0; k < MS_STATUS__MAX; k++)
				tot += want[i][k];
		CHECK(n >= 1 && got[0] == tot);
		/* The status totals follow, in bar order. */
		k = 1;
		for (size_t o = 0; o < MS_STATUS__MAX; o++) {
			unsigned t = 0;

			for (i = 0; i < 4; i++)
				t += want[i][order[o]];
			if (t == 0)
				continue;
			CHECK(k < n && got[k] == t);
			k++;
		}
		/* No aspect one by one: that is the table's. */
		CHECK(strlen(alt) <= ALT_MAX);
		for (i = 0; i < 4; i++)
			CHECK(strstr(alt, asp[i]->title) == NULL);
	}
	pr_doc_free(doc);
	model_free(&m);

	/* No milestones at all. */
	model_setup(&m);
	add_aspect(&m, "01", "Leer", NULL);
	doc = pr_doc_new();
	sec = pr_new_section(doc, NULL, 1);
	pr_node_append(doc->root, sec);
	CHECK(chart_status_overview(cx(doc, &m, de), sec));
	p = parts_of(sec);
	CHECK(p.para != NULL && p.fig == NULL);
	pr_doc_free(doc);
	model_free(&m);
}

/* ---- roadmap ----------------------------------------------------- */

static const struct drawing *
roadmap(struct model *m, struct locale *loc, const struct aspect *only,
        struct pr_doc **docp, struct parts *pp)
{
	struct pr_doc *doc = pr_doc_new();
	struct pr_node *sec = pr_new_section(doc, NULL, 1);

	pr_node_append(doc->root, sec);
	CHECK(chart_roadmap(cx(doc, m, loc), sec, only));
	CHECK(pr_tree_check(doc->root) == 0);
	*pp = parts_of(sec);
	*docp = doc;
	return pp->d;
}

static void
test_roadmap(struct locale *de, struct locale *en)
{
	struct model m;
	struct aspect *p1, *a1, *a2, *a3;
	struct pr_doc *doc;
	struct parts p;
	const struct drawing *d;
	char id[32];
	size_t i, nms, npost = 0, nover = 0;
	int maxpost = 0;
	unsigned by[MS_STATUS__MAX] = {0};
	double got[64];
	struct pr_date none = {0, 0, 0};

	model_setup(&m);
	p1 = add_aspect(&m, "01", "Digitale Verwaltung", NULL);
	a1 = add_aspect(&m, "01a", "Online-Dienste", p1);
	a2 = add_aspect(&m, "01b", "E-Akte", p1);
	a3 = add_aspect(&m, "02", "Infrastruktur", NULL);
	/* 40 milestones in one aspect, spread over the horizon, some
	 * postponed, some done early, one far outside the horizon. */
	for (i = 0; i < 40; i++) {
		struct pr_date pl = {2026 + (int)(i % 5), 1 + (int)(i * 5 % 12),
		                     15};
		struct pr_date fc = none, done = none;
		enum ms_status st = (enum ms_status)(i % MS_STATUS__MAX);

		if (i % 4 == 1)
			fc = (struct pr_date){pl.y + (int)(i % 3), pl.m, 1};
		if (st == MS_DONE)
			done = (struct pr_date){pl.y, pl.m, 1};
		snprintf(id, sizeof(id), "M-01a-%02zu", i);
		add_ms(&m, id, a1, pl, fc, done, st);
	}
	add_ms(&m, "M-01b-1", a2, (struct pr_date){2027, 3, 31},
	       (struct pr_date){2029, 9, 30}, none, MS_DELAYED);
	add_ms(&m, "M-01b-2", a2, (struct pr_date){2026, 2, 28}, none, none,
	       MS_IN_PROGRESS);
	add_ms(&m, "M-02-1", a3, (struct pr_date){2035, 6, 30}, none, none,
	       MS_PLANNED);
	add_ms(&m, "M-01-1", p1, (struct pr_date){2020, 1, 1},
	       (struct pr_date){2026, 6, 1}, none, MS_AT_RISK);
	model_index(&m);
	nms = m.nmilestones;
	for (i = 0; i < nms; i++) {
		const struct milestone *ms = m.milestones[i];

		by[ms->status]++;
		if (ms->schedule == SCHED_POSTPONED) {
			npost++;
			if (ms->postponed_months > maxpost)
				maxpost = ms->postponed_months;
		} else if (ms->schedule == SCHED_OVERDUE) {
			nover++;
		}
	}

	d = roadmap(&m, de, NULL, &doc, &p);
	CHECK(d != NULL);
	if (d != NULL) {
		CHECK(check_drawing("roadmap", d) == 0);
		dump_svg("roadmap", d);
		CHECK(d->height <= 700);
		/* Alt: "Zeitplan 2026–2030: 44 Meilensteine in 4
		 * Aspekten; <by status>; N verschoben um bis zu M Monate;
		 * K überfällig. ..." */
		size_t n = numbers(p.fig->u.figure.alt, ',', '.', got, 64), k;

		CHECK(n >= 4 && got[0] == 2026 && got[1] == 2030 &&
		      got[2] == nms && got[3] == 4);
		k = 4;
		for (i = 0; i < MS_STATUS__MAX; i++) {
			static const enum ms_status order[] = {
			    MS_DONE,    MS_IN_PROGRESS, MS_PLANNED,
			    MS_DELAYED, MS_AT_RISK,     MS_CANCELLED};

			if (by[order[i]] == 0)
				continue;
			CHECK(k < n && got[k] == by[order[i]]);
			k++;
		}
		CHECK(k + 3 <= n && got[k] == npost && got[k + 1] == maxpost &&
		      got[k + 2] == nover);
		CHECK(strstr(p.fig->u.figure.alt,
		             locale_str(de, "chart.details_below")) != NULL);
		/* ... and names the table as its caption begins. */
		CHECK(strstr(locale_str(de, "chart.details_below"),
		             locale_str(de, "chart.table")) != NULL);
		CHECK(strstr(locale_str(en, "chart.details_below"),
		             locale_str(en, "chart.table")) != NULL);
		/* Table: one row per milestone with its dates and
		 * postponement. */
		CHECK(check_table_shape(p.table, 4) == nms);
		for (i = 0; i < nms; i++) {
			const struct pr_node *r = body_row(p.table, i);
			const struct milestone *ms;
			char rid[64];
			struct buf b;

			if (r == NULL)
				break;
			/* "M-01a-07 M-01a-07": id, then the title. */
			snprintf(rid, sizeof(rid), "%s",
			         text_of(cell_at(r, 0)));
			*strchr(rid, ' ') = '\0';
			ms = model_find_milestone(&m, rid);
			CHECK(ms != NULL);
			if (ms == NULL)
				continue;
			buf_init(&b);
			locale_month_year(de, ms->planned, &b);
			CHECK_STR(text_of(cell_at(r, 2)), b.data);
			buf_reset(&b);
			locale_month_year(de, ms->due, &b);
			CHECK_STR(text_of(cell_at(r, 3)), b.data);
			buf_free(&b);
			CHECK(numbers(text_of(cell_at(r, 4)), ',', '.', got,
			              4) == 1 &&
			      got[0] == ms->postponed_months);
			CHECK(cell_at(r, 5)->first->type == PR_STATUS);
		}
	}
	pr_doc_free(doc);

	/* One resolution point only: its aspects, not 02. */
	d = roadmap(&m, en, p1, &doc, &p);
	CHECK(d != NULL);
	if (d != NULL) {
		CHECK(check_drawing("roadmap-01-en", d) == 0);
		dump_svg("roadmap-01-en", d);
		CHECK(check_table_shape(p.table, 4) == nms - 1);
		/* Named by its aspect: every resolution point may have a
		 * roadmap of its own. */
		static const char head[] = "Roadmap 2026–2030: 01 Digitale "
		                           "Verwaltung: 43 milestones in 3 "
		                           "aspects";

		CHECK(strncmp(p.fig->u.figure.alt, head, strlen(head)) == 0);
		CHECK(p.fig->u.figure.named ==
		      strlen("Roadmap 2026–2030: 01 Digitale Verwaltung: "));
	}
	pr_doc_free(doc);

	/* An aspect without milestones: say so. */
	d = roadmap(&m, de, add_aspect(&m, "03", "Leer", NULL), &doc, &p);
	CHECK(d == NULL && p.para != NULL);
	pr_doc_free(doc);
	model_free(&m);

	/* Thousands in one aspect: the height stays capped, markers
	 * overlap within rows, nothing leaves the drawing. */
	model_setup(&m);
	a1 = add_aspect(&m, "01", "Viele", NULL);
	for (i = 0; i < 3000; i++) {
		struct pr_date pl = {2026 + (int)(i % 5), 1 + (int)(i % 12),
		                     1 + (int)(i % 28)};

		snprintf(id, sizeof(id), "X%zu", i);
		add_ms(&m, id, a1, pl,
		       i % 3 ? none : (struct pr_date){pl.y + 1, pl.m, pl.d},
		       none, (enum ms_status)(i % MS_STATUS__MAX));
	}
	for (i = 0; i < 30; i++) {
		snprintf(id, sizeof(id), "A%02zu", i);
		a2 = add_aspect(&m, pool_strdup(&m.pool, id), "Aspekt", NULL);
		add_ms(&m, pool_strdup(&m.pool, id), a2,
		       (struct pr_date){2027, 1 + (int)i % 12, 1}, none, none,
		       MS_PLANNED);
	}
	model_index(&m);
	d = roadmap(&m, de, NULL, &doc, &p);
	CHECK(d != NULL);
	if (d != NULL) {
		CHECK(check_drawing("roadmap-3000", d) == 0);
		dump_svg("roadmap-3000", d);
		CHECK(d->height <= 700);
	}
	pr_doc_free(doc);
	model_free(&m);
}

/* ---- the validation pass accepts what the charts build ------------ */

static void
test_validates(struct locale *de)
{
	struct model m;
	struct aspect *a;
	struct pr_doc *doc;
	struct pr_node *sec, *h;
	static const int y[] = {2024, 2026, 0};
	static const double v[] = {3, 31};
	const struct indicator *set[1];
	struct pr_date none = {0, 0, 0};

	model_setup(&m);
	a = add_aspect(&m, "01", "Online", NULL);
	set[0] =
	    add_ind(&m, "I1", "Online-Dienste", 1, 0, 2023, 0, 2030, 120, y, v);
	add_ms(&m, "M1", a, (struct pr_date){2027, 3, 31},
	       (struct pr_date){2028, 1, 31}, none, MS_DELAYED);
	model_index(&m);
	doc = pr_doc_new();
	doc->title = "Bericht";
	doc->lang = "de";
	sec = pr_new_section(doc, NULL, 1);
	h = pr_new_heading(doc, NULL, 1);
	pr_node_append(doc->root, sec);
	pr_node_append(sec, h);
	pr_append_text(doc, h, NULL, "Diagramme");
	CHECK(chart_indicator_trend(cx(doc, &m, de), sec, set[0]));
	CHECK(chart_indicator_progress(cx(doc, &m, de), sec, set, 1));
	CHECK(chart_status_overview(cx(doc, &m, de), sec));
	CHECK(chart_roadmap(cx(doc, &m, de), sec, NULL));
	CHECK(doc_validate(doc));
	CHECK(diag_count(DIAG_ERROR) == 0);
	pr_doc_free(doc);
	model_free(&m);
}

/* ---- the status shapes ------------------------------------------- */

/* The checker itself finds what it is there to find. */
static void
test_checker(void)
{
	struct pool pool;
	struct drawing *d;
	struct dr_item *it;

	pool_init(&pool);
	d = drawing_new(&pool, 100, 50);
	it = drawing_add(d, DR_CIRCLE); /* fine */
	it->x = 50;
	it->y = 25;
	it->r = 5;
	it = drawing_add(d, DR_RECT); /* sticks out on the right */
	it->x = 90;
	it->w = 20;
	it->h = 5;
	it = drawing_add(d, DR_LINE); /* NaN */
	it->pts = drawing_points(d, 2);
	it->npts = 2;
	it->pts[0] = it->pts[1] = it->pts[3] = 1;
	it->pts[2] = NAN;
	it = drawing_add(d, DR_TEXT); /* too light, too small, on the circle */
	it->x = 0;
	it->y = 20;
	it->text = "a text far too wide for it";
	it->size = 5; /* too small, and on the circle */
	it->fill_color = (struct dr_color){0xAA, 0xAA, 0xAA};
	fprintf(stderr, "(five problems expected:)\n");
	CHECK(check_drawing("self-test", d) == 5);

	/* A label crossed by a line, one cut with an ellipsis, one on a
	 * marker, and one behind a plate that holds it, which is fine. */
	d = drawing_new(&pool, 200, 100);
	it = drawing_add(d, DR_TEXT);
	it->x = 10;
	it->y = 20;
	it->size = 10;
	it->text = "crossed";
	it = drawing_add(d, DR_LINE);
	it->pts = drawing_points(d, 2);
	it->npts = 2;
	it->pts[0] = 0;
	it->pts[1] = 0;
	it->pts[2] = 60;
	it->pts[3] = 30;
	it = drawing_add(d, DR_TEXT);
	it->x = 100;
	it->y = 20;
	it->size = 10;
	it->text = "Verwaltungs…";
	it = drawing_add(d, DR_CIRCLE);
	it->x = 30;
	it->y = 57;
	it->r = 4;
	it = drawing_add(d, DR_TEXT);
	it->x = 10;
	it->y = 60;
	it->size = 10;
	it->text = "on a marker";
	it = drawing_add(d, DR_RECT);
	it->x = 100;
	it->y = 40;
	it->w = 30;
	it->h = 20;
	it->stroke = false;
	it->fill = true;
	it->fill_color = (struct dr_color){0x1F, 0x5F, 0xAD};
	it = drawing_add(d, DR_LINE); /* under the plate */
	it->pts = drawing_points(d, 2);
	it->npts = 2;
	it->pts[0] = 100;
	it->pts[1] = 50;
	it->pts[2] = 130;
	it->pts[3] = 50;
	it = drawing_add(d, DR_RECT);
	it->x = 100;
	it->y = 40;
	it->w = 30;
	it->h = 20;
	it->stroke = false;
	it->fill = true;
	it->ground = true;
	it->fill_color = (struct dr_color){0x1F, 0x5F, 0xAD};
	it = drawing_add(d, DR_TEXT);
	it->x = 103;
	it->y = 54;
	it->size = 10;
	it->text = "12";
	it->fill_color = (struct dr_color){0xFF, 0xFF, 0xFF};
	fprintf(stderr, "(three problems expected:)\n");
	CHECK(check_drawing("self-test-2", d) == 3);
	pool_free(&pool);
}

static void
test_colours(void)
{
	static const char *keys[] = {"planned",   "in_progress", "done",
	                             "delayed",   "at_risk",     "cancelled",
	                             "on_course", "off_course",  "no_data"};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		/* White text sits on these in the status overview. */
		CHECK(contrast_white(style_for(keys[i])->color) >= 4.5);
	/* The contrast computation itself: black on white is 21:1. */
	CHECK(fabs(contrast_white((struct dr_color){0, 0, 0}) - 21) < 0.01);
	CHECK(contrast_white((struct dr_color){0x99, 0x99, 0x99}) < 3);
}

/* ---- the sample report ------------------------------------------ */

/* The inputs' texts a report shows: titles and units. */
static bool
is_input_text(const struct model *m, const char *s)
{
	size_t i;

	for (i = 0; i < m->naspects; i++)
		if ((m->aspects[i]->title && strstr(s, m->aspects[i]->title)) ||
		    (m->aspects[i]->short_title &&
		     strstr(s, m->aspects[i]->short_title)))
			return true;
	for (i = 0; i < m->nmilestones; i++)
		if (m->milestones[i]->title &&
		    strstr(s, m->milestones[i]->title))
			return true;
	for (i = 0; i < m->nindicators; i++)
		if ((m->indicators[i]->title &&
		     strstr(s, m->indicators[i]->title)) ||
		    (m->indicators[i]->unit &&
		     strlen(m->indicators[i]->unit) > 3 &&
		     strcmp(s, m->indicators[i]->unit) == 0))
			return true;
	return false;
}

static bool
under_lang(const struct pr_node *n, const char *lang)
{
	for (; n != NULL; n = n->parent)
		if (n->type == PR_LANG)
			return strcmp(n->u.lang.lang, lang) == 0;
	return false;
}

/* Every text from the inputs in a chart's caption, its table and its
 * drawing carries the inputs' language; returns how many do not. */
static size_t
unmarked(const struct model *m, const struct pr_node *root)
{
	struct pr_iter it;
	size_t bad = 0, i;

	pr_iter_init(&it, root);
	while (pr_iter_next(&it) != PR_EV_NONE) {
		const struct pr_node *n = it.cur, *k, *scope;

		if (it.ev != PR_EV_ENTER || n->type != PR_FIGURE)
			continue;
		/* The figure, and the chart's table right after it. */
		for (scope = n; scope != NULL;
		     scope = scope == n && n->next != NULL &&
		                     n->next->type == PR_TABLE
		                 ? n->next
		                 : NULL) {
			struct pr_iter in;

			pr_iter_init(&in, scope);
			while (pr_iter_next(&in) != PR_EV_NONE) {
				k = in.cur;
				if (in.ev != PR_EV_ENTER)
					continue;
				if (k->type == PR_TEXT &&
				    is_input_text(m, k->u.text.text) &&
				    !under_lang(k, m->settings.lang)) {
					fprintf(stderr, "unmarked: %s\n",
					        k->u.text.text);
					bad++;
				}
				if (k->type != PR_DRAWING ||
				    k->u.drawing.drawing == NULL)
					continue;
				for (i = 0; i < k->u.drawing.drawing->nitems;
				     i++) {
					const struct dr_item *t =
					    &k->u.drawing.drawing->items[i];

					if (t->op == DR_TEXT &&
					    is_input_text(m, t->text) &&
					    (t->lang == NULL ||
					     strcmp(t->lang,
					            m->settings.lang))) {
						fprintf(stderr,
						        "unmarked in drawing: "
						        "%s\n",
						        t->text);
						bad++;
					}
				}
			}
		}
	}
	return bad;
}

/*
 * The charts of the sample report, in both languages: every drawing
 * passes check_drawing (no collision, no cut label, 9 pt), every alt
 * text is a short summary, and in the English report every German
 * input text in the charts is marked German.
 */
static void
test_sample(void)
{
	static const char *const langs[] = {"de", "en"};
	struct model m;

	model_init(&m);
	CHECK(inputs_load(&m, "inputs", 0));
	analysis_run(&m);
	for (size_t l = 0; l < 2; l++) {
		struct tmpl_set *ts = tmpl_load("report-templates", langs[l]);
		struct pr_doc *d = ts ? tmpl_render(ts, &m) : NULL;
		struct pr_iter it;
		size_t nfig = 0;
		const char *alts[64];

		CHECK(d != NULL);
		if (d == NULL) {
			tmpl_free(ts);
			continue;
		}
		pr_iter_init(&it, d->root);
		while (pr_iter_next(&it) != PR_EV_NONE) {
			const struct pr_node *n = it.cur;
			char name[64];

			if (it.ev != PR_EV_ENTER)
				continue;
			if (n->type == PR_FIGURE) {
				const char *alt = n->u.figure.alt;
				size_t named = n->u.figure.named;

				/* Named first, then a short summary; and
				 * no two alike, or a reader's list of
				 * graphics cannot tell them apart. */
				CHECK(named > 2 && named < strlen(alt));
				if (strlen(alt + named) > ALT_MAX)
					fprintf(stderr, "long alt: %s\n", alt);
				CHECK(strlen(alt + named) <= ALT_MAX);
				for (size_t k = 0; k < nfig && k < 64; k++)
					if (strcmp(alts[k], alt) == 0) {
						fprintf(stderr,
						        "alt twice: %s\n", alt);
						CHECK(false);
					}
				if (nfig < 64)
					alts[nfig] = alt;
				nfig++;
			}
			if (n->type != PR_DRAWING ||
			    n->u.drawing.drawing == NULL)
				continue;
			snprintf(name, sizeof(name), "sample-%s-%zu", langs[l],
			         nfig);
			CHECK(check_drawing(name, n->u.drawing.drawing) == 0);
			dump_svg(name, n->u.drawing.drawing);
		}
		CHECK(nfig > 10);
		if (strcmp(langs[l], m.settings.lang) != 0)
			CHECK(unmarked(&m, d->root) == 0);
		pr_doc_free(d);
		tmpl_free(ts);
	}
	model_free(&m);
}

int
main(void)
{
	struct locale *de = locale_load("report-templates/de");
	struct locale *en = locale_load("report-templates/en");

	CHECK(de != NULL && en != NULL);
	if (de == NULL || en == NULL)
		return unit_done("test_chart");
	test_checker();
	test_colours();
	test_trend(de, en);
	test_progress(de);
	test_status(de);
	test_roadmap(de, en);
	test_validates(de);
	test_sample();
	/* No word was missing from either locale. */
	CHECK(diag_count(DIAG_WARNING) == 0);
	/* diag_flush() with no messages passes NULL to qsort (UBSan):
	 * print only when there is something to print. */
	if (diag_count(DIAG_WARNING) + diag_count(DIAG_ERROR) > 0)
		diag_flush();
	locale_free(de);
	locale_free(en);
	return unit_done("test_chart");
}
