/*
 * chart_status.c - milestones by status: a stacked bar per aspect (or
 * resolution point) with milestones of its own, in input order, each
 * status a segment with its own hatching, shape and count; then the
 * alt text and the table of the same numbers with totals.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_int.h"

/* What the phases of one status chart share. */
struct status_chart {
	struct chart c;
	const struct model *m;
	unsigned (*cnt)[MS_STATUS__MAX]; /* per row, by status */
	const struct aspect **rows;      /* aspects with milestones */
	size_t nrows;
	unsigned tot[MS_STATUS__MAX], maxrow, all;
	struct axis ax;
	double labw, bx, bw; /* label column, the bars' scale */
	double top, y;       /* rows; y: the next one's top */
	double *rowh;        /* each row's height, by its wrapped label */
	size_t rules;        /* where the rules go (ch_rules_begin) */
};

/* A row's label: the aspect's id and (short) title. */
static const char *
row_label(struct status_chart *s, size_t i)
{
	return ch_pfmt(&s->c, "%s %s", s->rows[i]->id,
	               ch_aspect_label(s->rows[i]));
}

/*
 * Each milestone under its own aspect (analysis.c's own_by_status): a
 * milestone filed under a resolution point is not counted again under
 * an aspect.  Rows: the aspects with milestones, in input order.
 */
static bool
status_collect(struct status_chart *s)
{
	const struct model *m = s->m;
	size_t i;
	int k;

	s->cnt = xcalloc(m->naspects + 1, sizeof(*s->cnt));
	s->rows = xcalloc(m->naspects + 1, sizeof(*s->rows));
	for (i = 0; i < m->naspects; i++)
		memcpy(s->cnt[i], m->aspects[i]->own_by_status,
		       sizeof(s->cnt[i]));
	for (k = 0; k < MS_STATUS__MAX; k++) {
		s->tot[k] = m->totals.by_status[k];
		s->all += s->tot[k];
	}
	for (i = 0; i < m->naspects; i++) {
		unsigned sum = 0;

		for (k = 0; k < MS_STATUS__MAX; k++)
			sum += s->cnt[i][k];
		if (sum == 0)
			continue;
		if (i != s->nrows)
			memcpy(s->cnt[s->nrows], s->cnt[i], sizeof(s->cnt[i]));
		s->rows[s->nrows++] = m->aspects[i];
		if (sum > s->maxrow)
			s->maxrow = sum;
		s->labw =
		    fmax(s->labw, drawing_text_width(row_label(s, s->nrows - 1),
		                                     CH_FS, false));
	}
	return s->nrows > 0 && axis_make(&s->ax, 0, s->maxrow, 6, true);
}

/* Row heights by the wrapped labels, the title, the counts under the
 * scale. */
static void
status_scale(struct status_chart *s)
{
	struct chart *c = &s->c;
	const char *lines[CH_MAXLINES];
	double yb;
	size_t i;
	int t;

	s->labw = fmin(s->labw, 160) + 6;
	s->bx = s->labw;
	s->bw = c->w - 34 - s->bx;
	s->top = 26;
	s->rowh = xcalloc(s->nrows + 1, sizeof(*s->rowh));
	yb = s->top;
	for (i = 0; i < s->nrows; i++) {
		int n = ch_wrap(c, row_label(s, i), CH_FS, false, s->labw - 6,
		                lines, CH_MAXLINES);

		s->rowh[i] = fmax(22, n * CH_LEAD + 8);
		yb += s->rowh[i];
	}
	c->d = drawing_new(&c->doc->late, c->w, 100);
	ch_text(c, s->bx, 12, ch_word(c, "chart.milestones"), DR_START, true,
	        INK, false);
	for (t = 0; t < s->ax.nticks; t++) {
		double v = s->ax.lo + s->ax.step * t;

		ch_text(c,
		        s->bx + s->bw * (v - s->ax.lo) / (s->ax.hi - s->ax.lo),
		        yb + 14, ch_num(c, v, 0), DR_MIDDLE, false, INK, false);
	}
	s->rules = ch_rules_begin(c);
}

/* The scale's rules, under the bars, around the labels. */
static void
status_rules(struct status_chart *s)
{
	struct chart *c = &s->c;
	size_t first = c->d->nitems;
	int t;

	for (t = 0; t < s->ax.nticks; t++) {
		double v = s->ax.lo + s->ax.step * t;
		double x =
		    s->bx + s->bw * (v - s->ax.lo) / (s->ax.hi - s->ax.lo);

		ch_rule(c, x, s->top - 2, x, s->y, t == 0 ? INK : GRID,
		        t == 0 ? 0.8 : 0.4, 0);
	}
	ch_rules_end(c, s->rules, first);
}

/*
 * White hatching inside a rectangle, computed as clipped line segments
 * (drawings have no clipping): slope +1 ("/"), -1 ("\\") or 0 (level).
 */
static void
d_hatch(struct drawing *d, double x, double y, double w, double h, int slope)
{
	const double gap = 5;
	double k;

	if (slope == 0) {
		for (k = y + gap / 2; k < y + h; k += gap)
			d_line(d, x, k, x + w, k, WHITE, 0.9);
		return;
	}
	/* "/": x' + y' = k; "\\": x' - y' = k. */
	for (k = slope > 0 ? x + y + gap / 2 : x - y - h + gap / 2;
	     k < (slope > 0 ? x + w + y + h : x + w - y); k += gap) {
		double lo, hi;

		if (slope > 0) {
			lo = fmax(x, k - (y + h));
			hi = fmin(x + w, k - y);
			if (hi - lo > 0.3)
				d_line(d, lo, k - lo, hi, k - hi, WHITE, 0.9);
		} else {
			lo = fmax(x, k + y);
			hi = fmin(x + w, k + y + h);
			if (hi - lo > 0.3)
				d_line(d, lo, lo - k, hi, hi - k, WHITE, 0.9);
		}
	}
}

/*
 * A status segment or legend swatch: planned is hollow, the others
 * solid in their colour, and each but "done" has its own white
 * hatching so that even a sliver too narrow for the status shape is
 * told apart without colour.
 */
static void
d_segment(struct drawing *d, enum ms_status s, double x, double y, double w,
          double h)
{
	const struct status_style *st = style_for(ms_status_key(s));
	struct dr_item *it = d_rect(d, x, y, w, h);

	if (s == MS_PLANNED) {
		it->stroke_color = st->color;
		it->stroke_width = 1;
		it->fill = true;
		it->fill_color = WHITE;
		it->ground = true; /* its shape and count are drawn on it */
	} else {
		it->fill = true;
		it->fill_color = st->color;
		it->stroke = false;
		if (s == MS_IN_PROGRESS || s == MS_CANCELLED)
			d_hatch(d, x, y, w, h, 1);
		if (s == MS_AT_RISK || s == MS_CANCELLED)
			d_hatch(d, x, y, w, h, -1);
		if (s == MS_DELAYED)
			d_hatch(d, x, y, w, h, 0);
		/* A white rule between neighbouring segments. */
		d_line(d, x + w, y, x + w, y + h, WHITE, 0.75);
	}
}

/* A plate of the status colour behind the shape and count on a
 * hatched segment, so they stay legible. */
static void
d_plate(struct drawing *d, enum ms_status s, double x, double y, double w,
        double h)
{
	if (s != MS_PLANNED) {
		struct dr_item *it = d_rect(d, x, y, w, h);

		fill_only(it, style_for(ms_status_key(s))->color);
		it->ground = true;
	}
}

/* One segment of `v` milestones at x, centred on cy: the shape on it
 * where it fits, the count beside the shape where that fits too. */
static double
status_segment(struct status_chart *s, enum ms_status st, unsigned v, double x,
               double cy)
{
	struct chart *c = &s->c;
	double w = s->bw * v / (s->ax.hi - s->ax.lo);
	const struct status_style *sty = style_for(ms_status_key(st));
	const char *label = ch_num(c, v, 0);
	double lw = drawing_text_width(label, CH_FS, true);

	d_segment(c->d, st, x, cy - 8, w, 16);
	if (w >= 18 + lw)
		d_plate(c->d, st, x + 1.5, cy - 7, lw + 15, 14);
	else if (w >= 14)
		d_plate(c->d, st, x + 1.5, cy - 7, 11, 14);
	if (w >= 14)
		d_shape(c->d, sty->shape, x + 6.5, cy, 4.5, sty->color,
		        st != MS_PLANNED);
	if (w >= 18 + lw)
		ch_text(c, x + 13, cy + 3.5, label, DR_START, true,
		        st == MS_PLANNED ? INK : WHITE, false);
	return w;
}

static void
status_rows(struct status_chart *s)
{
	struct chart *c = &s->c;
	const char *lines[CH_MAXLINES];
	size_t i;
	int k, n;

	s->y = s->top;
	for (i = 0; i < s->nrows; i++) {
		double x = s->bx, cy = s->y + s->rowh[i] / 2;
		unsigned sum = 0;

		n = ch_wrap(c, row_label(s, i), CH_FS, false, s->labw - 6,
		            lines, CH_MAXLINES);
		ch_lines(c, 0, cy + 3.5 - CH_LEAD * (n - 1) / 2.0, lines, n,
		         DR_START, false, INK, true);
		for (k = 0; k < MS_STATUS__MAX; k++) {
			enum ms_status st = ch_status_order[k];
			unsigned v = s->cnt[i][st];

			if (v == 0)
				continue;
			sum += v;
			x += status_segment(s, st, v, x, cy);
		}
		ch_text(c, x + 4, cy + 3.5, ch_num(c, sum, 0), DR_START, true,
		        INK, false);
		s->y += s->rowh[i];
	}
}

static void
status_legend(struct status_chart *s)
{
	struct chart *c = &s->c;
	struct legend lg;
	int k;

	legend_init(&lg, c->d, 0, s->y + 36, c->w);
	for (k = 0; k < MS_STATUS__MAX; k++) {
		enum ms_status st = ch_status_order[k];
		const struct status_style *sty = style_for(ms_status_key(st));
		double x = legend_slot(&lg, c, ch_status_word(c, st));

		d_segment(c->d, st, x - 7, lg.y - 6, 14, 12);
		d_plate(c->d, st, x - 4.5, lg.y - 4.5, 9, 9);
		d_shape(c->d, sty->shape, x, lg.y, 4, sty->color,
		        st != MS_PLANNED);
	}
	c->d->height = lg.ylast + 10;
}

/* Alt text: the totals by status; each aspect's are in the table. */
static void
status_alt(struct status_chart *s)
{
	struct chart *c = &s->c;
	int k;

	ch_alt_about(c, ch_word(c, "chart.status_title"));
	buf_printf(&c->alt, "%s %s", ch_word(c, "chart.all"),
	           ch_num(c, s->all, 0));
	for (k = 0; k < MS_STATUS__MAX; k++)
		if (s->tot[ch_status_order[k]] > 0)
			buf_printf(&c->alt, ", %s %s",
			           ch_num(c, s->tot[ch_status_order[k]], 0),
			           ch_status_word(c, ch_status_order[k]));
	buf_printf(&c->alt, ". %s", ch_word(c, "chart.details_below"));
}

static void
status_table(struct status_chart *s, struct pr_node *parent)
{
	struct chart *c = &s->c;
	struct pr_node *tab, *row;
	size_t i;
	int k;

	tab = ch_table(c, parent,
	               ch_pfmt(c, "%s: %s", ch_word(c, "chart.table"),
	                       ch_word(c, "chart.status_title")),
	               NULL, NULL);
	row = ch_row(c, tab, true);
	ch_cell(c, row, ch_word(c, "chart.aspect"), false);
	for (k = 0; k < MS_STATUS__MAX; k++)
		ch_cell(c, row, ch_status_word(c, ch_status_order[k]), true);
	ch_cell(c, row, ch_word(c, "chart.total"), true);
	for (i = 0; i < s->nrows + 1; i++) {
		const unsigned *v = i < s->nrows ? s->cnt[i] : s->tot;
		unsigned sum = 0;

		row = ch_row(c, tab, false);
		if (i < s->nrows)
			ch_cell_in(c, row, ch_pfmt(c, "%s ", s->rows[i]->id),
			           ch_aspect_label(s->rows[i]), NULL);
		else
			ch_cell(c, row, ch_word(c, "chart.total"), false);
		for (k = 0; k < MS_STATUS__MAX; k++) {
			ch_cell(c, row, ch_num(c, v[ch_status_order[k]], 0),
			        true);
			sum += v[ch_status_order[k]];
		}
		ch_cell(c, row, ch_num(c, sum, 0), true);
	}
}

bool
chart_status_overview(const struct comp_ctx *cx, struct pr_node *parent)
{
	struct status_chart s;
	bool ok = true;

	if (!ch_may_hold_blocks(parent))
		return false;
	memset(&s, 0, sizeof(s));
	chart_init(&s.c, cx);
	s.m = cx->model;
	if (!status_collect(&s)) {
		ok = ch_no_data(&s.c, parent);
	} else {
		status_scale(&s);
		status_rows(&s);
		status_rules(&s);
		status_legend(&s);
		status_alt(&s);
		ch_figure(&s.c, parent, ch_word(&s.c, "chart.status_title"),
		          NULL, NULL);
		status_table(&s, parent);
	}
	free(s.cnt);
	free(s.rows);
	free(s.rowh);
	chart_fini(&s.c);
	return ok;
}
