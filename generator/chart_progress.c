/*
 * chart_progress.c - progress from baseline toward target for a set of
 * indicators: a bar per indicator on a 0..100 % scale with the share
 * the linear path expects as a tick, the value and the course; then
 * the alt text and the table of the same numbers.
 */
#include <math.h>
#include <string.h>

#include "chart_int.h"

/* Longest progress chart whose alt text lists every indicator. */
#define ALT_MAX_ROWS  50
#define ALT_MAX_BYTES 16384

/* What the phases of one progress chart share. */
struct progress {
	struct chart c;
	const struct indicator *const *inds;
	size_t n;            /* entries of inds, NULL ones skipped */
	size_t nrows, ndata; /* indicators, those with data */
	size_t nexp;         /* those with an expected share */
	double labw;         /* the label column */
	double bx, bw;       /* the bar's scale */
	double vx, sx;       /* the value's end, the course's start */
	double top, rowh, y; /* rows; y: the next one's top */
};

/* Where the linear path says the indicator should be by its latest
 * value, as a share of the way; NAN when there is no way to go. */
static double
expected_share(const struct indicator *ind)
{
	if (ind->target == ind->baseline || ind->latest_year == 0)
		return NAN;
	return (ind->expected - ind->baseline) / (ind->target - ind->baseline);
}

static bool
has_data(const struct indicator *ind)
{
	return strcmp(indicator_course_key(ind), "no_data") != 0;
}

static const char *
ind_name(const struct indicator *ind)
{
	return ind->title ? ind->title : ind->id;
}

static void
progress_collect(struct progress *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (p->inds[i] == NULL)
			continue;
		p->nrows++;
		if (has_data(p->inds[i]))
			p->ndata++;
		p->labw = fmax(p->labw,
		               drawing_text_width(p->inds[i]->title, 8, false));
	}
}

/* Columns: label, bar 0..100 %, value, course symbol and word. */
static void
progress_columns(struct progress *p)
{
	struct chart *c = &p->c;
	double cw =
	    fmax(drawing_text_width(ch_course_word(c, "on_course"), 8, false),
	         drawing_text_width(ch_course_word(c, "off_course"), 8, false));

	cw = fmax(cw,
	          drawing_text_width(ch_course_word(c, "no_data"), 8, false));
	p->labw = fmin(p->labw, 160) + 6;
	p->sx = CHART_W - cw - 16;
	p->vx = p->sx - 8;
	p->bx = p->labw;
	p->bw = p->vx - 46 - p->bx;
	p->top = 22;
	p->rowh = 22;
}

static void
progress_scale(struct progress *p)
{
	struct chart *c = &p->c;
	int t;

	c->d = drawing_new(&c->doc->pool, CHART_W, 100);
	d_text(c->d, p->bx, 10, ch_word(c, "chart.progress"), 8, DR_START, true,
	       INK);
	for (t = 0; t <= 4; t++) {
		double x = p->bx + p->bw * t / 4.0;
		double yb = p->top + p->rowh * (double)p->nrows;

		d_line(c->d, x, p->top, x, yb, t == 0 || t == 4 ? INK : GRID,
		       t == 0 || t == 4 ? 0.8 : 0.4);
		d_text(c->d, x, yb + 11, ch_percent(c, t / 4.0), 8, DR_MIDDLE,
		       false, INK);
	}
}

/* The bar of one indicator with data, centred on cy: clamped to the
 * scale with an arrowhead beyond it, the expected share as a tick. */
static void
progress_bar(struct progress *p, const struct indicator *ind, double cy)
{
	struct drawing *d = p->c.d;
	double share = ind->progress;
	double w = p->bw * fmin(fmax(share, 0), 1);

	if (w > 0)
		fill_only(d_rect(d, p->bx, cy - 5, w, 10), SERIES);
	if (share > 1 || share < 0) {
		double ex = share > 1 ? p->bx + p->bw : p->bx;
		double dir = share > 1 ? 1 : -1;
		double tri[6] = {ex + dir * 6, cy, ex, cy - 6, ex, cy + 6};

		fill_only(d_poly(d, DR_POLYGON, tri, 3),
		          share > 1 ? SERIES : LATE);
	}
	if (isfinite(expected_share(ind))) {
		double ex =
		    p->bx + p->bw * fmin(fmax(expected_share(ind), 0), 1);

		d_line(d, ex, cy - 8, ex, cy + 8, INK, 2);
		p->nexp++;
	}
}

static void
progress_rows(struct progress *p)
{
	struct chart *c = &p->c;
	size_t i;

	p->y = p->top;
	for (i = 0; i < p->n; i++) {
		const struct indicator *ind = p->inds[i];
		const char *ck;
		const struct status_style *st;
		double cy;

		if (ind == NULL)
			continue;
		ck = indicator_course_key(ind);
		st = style_for(ck);
		cy = p->y + p->rowh / 2;
		d_text(c->d, 0, cy + 3,
		       ch_fit(c, ind_name(ind), 8, false, p->labw - 6), 8,
		       DR_START, false, INK);
		if (has_data(ind)) {
			progress_bar(p, ind, cy);
			d_text(c->d, p->vx, cy + 3,
			       ch_percent(c, ind->progress), 8, DR_END, true,
			       INK);
		} else {
			d_text(c->d, p->vx, cy + 3, ch_word(c, "chart.missing"),
			       8, DR_END, false, INK);
		}
		d_shape(c->d, st->shape, p->sx + 6, cy, 4.5, st->color, false);
		d_text(c->d, p->sx + 14, cy + 3, ch_course_word(c, ck), 8,
		       DR_START, false, INK);
		p->y += p->rowh;
	}
}

static void
progress_legend(struct progress *p)
{
	struct chart *c = &p->c;

	if (p->nexp > 0) {
		struct legend lg;
		double x;

		legend_init(&lg, c->d, 2, p->y + 30, CHART_W);
		x = legend_slot(&lg, c, ch_word(c, "chart.expected"));
		d_line(c->d, x, lg.y - 6, x, lg.y + 6, INK, 2);
		p->y = lg.y - 14;
	}
	c->d->height = p->y + 24;
}

/* Instead of the list: the counts per course, pointing to the table,
 * as the status chart does. */
static void
progress_alt_counts(struct progress *p)
{
	static const char *const keys[] = {"on_course", "off_course",
	                                   "no_data"};
	struct chart *c = &p->c;
	size_t cnt[3] = {0, 0, 0}, i;
	int t;

	for (i = 0; i < p->n; i++) {
		if (p->inds[i] == NULL)
			continue;
		for (t = 0; t < 3; t++)
			if (strcmp(indicator_course_key(p->inds[i]), keys[t]) ==
			    0)
				cnt[t]++;
	}
	c->alt.len = 0;
	buf_printf(&c->alt, "%s: %s %s", ch_word(c, "chart.progress"),
	           ch_word(c, "chart.all"), ch_num(c, (double)p->nrows, 0));
	for (t = 0; t < 3; t++)
		if (cnt[t] > 0)
			buf_printf(&c->alt, ", %s %s",
			           ch_num(c, (double)cnt[t], 0),
			           ch_course_word(c, keys[t]));
	buf_printf(&c->alt, ". %s", ch_word(c, "chart.details_below"));
}

/* Alt text: each indicator.  A long list (a PDF string holds at most
 * 32767 bytes, and nobody listens to hundreds) gives the counts. */
static void
progress_alt(struct progress *p)
{
	struct chart *c = &p->c;
	bool first = true;
	size_t i;

	buf_printf(&c->alt, "%s: ", ch_word(c, "chart.progress"));
	for (i = 0; i < (p->nrows > ALT_MAX_ROWS ? 0 : p->n); i++) {
		const struct indicator *ind = p->inds[i];
		const char *ck;

		if (ind == NULL)
			continue;
		ck = indicator_course_key(ind);
		buf_printf(&c->alt, "%s%s ", first ? "" : "; ", ind_name(ind));
		if (has_data(ind) && isfinite(expected_share(ind)))
			buf_printf(&c->alt, "%s (%s %s), %s",
			           ch_percent(c, ind->progress),
			           ch_word(c, "chart.expected_short"),
			           ch_percent(c, expected_share(ind)),
			           ch_course_word(c, ck));
		else if (has_data(ind))
			buf_printf(&c->alt, "%s, %s",
			           ch_percent(c, ind->progress),
			           ch_course_word(c, ck));
		else
			buf_puts(&c->alt, ch_course_word(c, ck));
		first = false;
	}
	if (p->nrows > ALT_MAX_ROWS || c->alt.len > ALT_MAX_BYTES)
		progress_alt_counts(p);
}

static void
progress_table(struct progress *p, struct pr_node *parent)
{
	struct chart *c = &p->c;
	struct pr_node *tab, *row;
	size_t i;

	tab = ch_table(c, parent,
	               ch_pfmt(c, "%s: %s", ch_word(c, "chart.table"),
	                       ch_word(c, "chart.progress")));
	row = ch_row(c, tab, true);
	ch_cell(c, row, ch_word(c, "chart.indicator"), false);
	ch_cell(c, row, ch_word(c, "chart.progress"), true);
	ch_cell(c, row, ch_word(c, "chart.expected"), true);
	ch_cell(c, row, ch_word(c, "chart.assessment"), false);
	for (i = 0; i < p->n; i++) {
		const struct indicator *ind = p->inds[i];
		const char *ck;

		if (ind == NULL)
			continue;
		ck = indicator_course_key(ind);
		row = ch_row(c, tab, false);
		ch_cell(c, row, ind_name(ind), false);
		ch_cell(c, row,
		        has_data(ind) ? ch_percent(c, ind->progress)
		                      : ch_word(c, "chart.missing"),
		        true);
		ch_cell(c, row,
		        has_data(ind) && isfinite(expected_share(ind))
		            ? ch_percent(c, expected_share(ind))
		            : ch_word(c, "chart.missing"),
		        true);
		ch_status_cell(c, row, ck, ch_course_word(c, ck));
	}
}

bool
chart_indicator_progress(struct pr_doc *doc, struct pr_node *parent,
                         const struct model *m,
                         const struct indicator *const *inds, size_t n,
                         const struct locale *loc, const struct src_pos *pos)
{
	struct progress p;
	bool ok = true;

	if (!ch_may_hold_blocks(parent))
		return false;
	memset(&p, 0, sizeof(p));
	chart_init(&p.c, doc, loc, pos);
	p.inds = inds;
	p.n = n;
	progress_collect(&p);
	if (p.ndata == 0) {
		ok = ch_no_data(&p.c, parent);
	} else {
		progress_columns(&p);
		progress_scale(&p);
		progress_rows(&p);
		progress_legend(&p);
		progress_alt(&p);
		ch_figure(&p.c, parent, ch_word(&p.c, "chart.progress"));
		progress_table(&p, parent);
	}
	chart_fini(&p.c);
	return ok;
}
