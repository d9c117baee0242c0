/*
 * chart_progress.c - progress from baseline toward target for a set of
 * indicators: a bar per indicator on a 0..100 % scale with the share
 * the linear path expects as a tick, the value and the course; then
 * the alt text and the table of the same numbers.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_int.h"

/* What the phases of one progress chart share. */
struct progress {
	struct chart c;
	const struct indicator *const *inds;
	size_t n;            /* entries of inds, NULL ones skipped */
	size_t nrows, ndata; /* indicators, those with data */
	size_t nexp;         /* those with an expected share */
	double labw;         /* the label column */
	double minlabw;      /* its widest word */
	double bx, bw;       /* the bar's scale */
	double vx, sx;       /* the value's end, the course's start */
	double top, y;       /* rows; y: the next one's top */
	double *rowh;        /* each row's height, by its wrapped label */
	size_t rules;        /* where the rules go (ch_rules_begin) */
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
		p->labw = fmax(p->labw, drawing_text_width(ind_name(p->inds[i]),
		                                           CH_FS, false));
		p->minlabw =
		    fmax(p->minlabw,
		         ch_widest_word(ind_name(p->inds[i]), CH_FS, false));
	}
}

/* The narrowest the bars get where labels are long or the chart narrow
 * (large print): room for "0 %", "50 %" and "100 %" apart. */
#define BAR_MIN 110.0

/* Columns: label (wrapped), bar 0..100 %, value, course symbol and
 * word; the value column as wide as its widest entry, so that the
 * 100 % rule never reaches into it.  The labels give way to the bars
 * down to their longest word. */
static void
progress_columns(struct progress *p)
{
	struct chart *c = &p->c;
	const char *lines[CH_MAXLINES];
	double cw = 0, vw = 0, minw;
	static const char *const keys[] = {"on_course", "off_course",
	                                   "no_data"};
	size_t i, r = 0;

	for (i = 0; i < 3; i++)
		cw = fmax(cw, drawing_text_width(ch_course_word(c, keys[i]),
		                                 CH_FS, false));
	for (i = 0; i < p->n; i++)
		if (p->inds[i] != NULL)
			vw = fmax(vw,
			          has_data(p->inds[i])
			              ? drawing_text_width(
			                    ch_percent(c, p->inds[i]->progress),
			                    CH_FS, true)
			              : drawing_text_width(
			                    ch_word(c, "chart.missing"), CH_FS,
			                    false));
	p->sx = c->w - cw - 18;
	p->vx = p->sx - 10;
	minw = fmin(p->minlabw, 200) + 6;
	p->labw = fmax(fmin(p->labw, 180) + 6, minw);
	if (p->vx - vw - 16 - p->labw < BAR_MIN)
		p->labw = fmax(p->vx - vw - 16 - BAR_MIN, minw);
	p->rowh = xcalloc(p->nrows + 1, sizeof(*p->rowh));
	for (i = 0; i < p->n; i++)
		if (p->inds[i] != NULL)
			p->rowh[r++] = fmax(
			    24, ch_wrap(c, ind_name(p->inds[i]), CH_FS, false,
			                p->labw - 6, lines, CH_MAXLINES) *
			                CH_LEAD +
			            10);
	p->bx = p->labw;
	p->bw = p->vx - vw - 16 - p->bx;
	p->top = 24;
}

/* The title, and the percentages under the scale. */
static void
progress_scale(struct progress *p)
{
	struct chart *c = &p->c;
	double yb = p->top;
	size_t i;
	int t, step;
	double lw;

	for (i = 0; i < p->nrows; i++)
		yb += p->rowh[i];
	c->d = drawing_new(&c->doc->late, c->w, 100);
	ch_text(c, p->bx, 12, ch_word(c, "chart.progress"), DR_START, true, INK,
	        false);
	/* Every quarter labelled where there is room, else every half,
	 * else the ends. */
	lw = drawing_text_width(ch_percent(c, 1), CH_FS, false) + 8;
	step = p->bw / 4 >= lw ? 1 : p->bw / 2 >= lw ? 2 : 4;
	for (t = 0; t <= 4; t += step)
		ch_text(c, p->bx + p->bw * t / 4.0, yb + 14,
		        ch_percent(c, t / 4.0), DR_MIDDLE, false, INK, false);
	p->rules = ch_rules_begin(c);
}

/* The scale's rules, under the bars, around the labels. */
static void
progress_rules(struct progress *p)
{
	struct chart *c = &p->c;
	size_t first = c->d->nitems;
	int t;

	for (t = 0; t <= 4; t++) {
		double x = p->bx + p->bw * t / 4.0;

		ch_rule(c, x, p->top, x, p->y, t == 0 || t == 4 ? INK : GRID,
		        t == 0 || t == 4 ? 0.8 : 0.4, 0);
	}
	ch_rules_end(c, p->rules, first);
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
	const char *lines[CH_MAXLINES];
	size_t i, r = 0;

	p->y = p->top;
	for (i = 0; i < p->n; i++) {
		const struct indicator *ind = p->inds[i];
		const char *ck;
		const struct status_style *st;
		double cy;
		int nl;

		if (ind == NULL)
			continue;
		ck = indicator_course_key(ind);
		st = style_for(ck);
		cy = p->y + p->rowh[r] / 2;
		nl = ch_wrap(c, ind_name(ind), CH_FS, false, p->labw - 6, lines,
		             CH_MAXLINES);
		ch_lines(c, 0, cy + 3.5 - CH_LEAD * (nl - 1) / 2.0, lines, nl,
		         DR_START, false, INK, true);
		if (has_data(ind)) {
			progress_bar(p, ind, cy);
			ch_text(c, p->vx, cy + 3.5,
			        ch_percent(c, ind->progress), DR_END, true, INK,
			        false);
		} else {
			ch_text(c, p->vx, cy + 3.5, ch_word(c, "chart.missing"),
			        DR_END, false, INK, false);
		}
		d_shape(c->d, st->shape, p->sx + 6, cy, 5, st->color, false);
		ch_text(c, p->sx + 14, cy + 3.5, ch_course_word(c, ck),
		        DR_START, false, INK, false);
		p->y += p->rowh[r++];
	}
}

static void
progress_legend(struct progress *p)
{
	struct chart *c = &p->c;

	if (p->nexp > 0) {
		struct legend lg;
		double x;

		legend_init(&lg, c->d, 2, p->y + 36, c->w);
		x = legend_slot(&lg, c, ch_word(c, "chart.expected"));
		d_line(c->d, x, lg.y - 6, x, lg.y + 6, INK, 2);
		c->d->height = lg.ylast + 10;
	} else {
		c->d->height = p->y + 24;
	}
}

/* Alt text: what the bars mean and the verdicts counted; each
 * indicator's numbers are in the table below. */
static void
progress_alt(struct progress *p)
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
	ch_alt_about(c, ch_word(c, "chart.progress"));
	buf_printf(&c->alt, "%s; %s %s", ch_word(c, "chart.progress_dir"),
	           ch_word(c, "chart.all"), ch_num(c, (double)p->nrows, 0));
	for (t = 0; t < 3; t++)
		if (cnt[t] > 0)
			buf_printf(&c->alt, ", %s %s",
			           ch_num(c, (double)cnt[t], 0),
			           ch_course_word(c, keys[t]));
	buf_printf(&c->alt, ". %s", ch_word(c, "chart.details_below"));
}

static void
progress_table(struct progress *p, struct pr_node *parent)
{
	struct chart *c = &p->c;
	struct pr_node *tab, *row;
	size_t i;

	tab = ch_table(c, parent,
	               ch_pfmt(c, "%s: %s", ch_word(c, "chart.table"),
	                       ch_word(c, "chart.progress")),
	               NULL, NULL);
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
		ch_cell_in(c, row, NULL, ind_name(ind), NULL);
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
chart_indicator_progress(const struct comp_ctx *cx, struct pr_node *parent,
                         const struct indicator *const *inds, size_t n)
{
	struct progress p;
	bool ok = true;

	if (!ch_may_hold_blocks(parent))
		return false;
	memset(&p, 0, sizeof(p));
	chart_init(&p.c, cx);
	p.inds = inds;
	p.n = n;
	progress_collect(&p);
	if (p.ndata == 0) {
		ok = ch_no_data(&p.c, parent);
	} else {
		progress_columns(&p);
		progress_scale(&p);
		progress_rows(&p);
		progress_rules(&p);
		progress_legend(&p);
		progress_alt(&p);
		ch_figure(&p.c, parent, ch_word(&p.c, "chart.progress"), NULL,
		          NULL);
		progress_table(&p, parent);
	}
	free(p.rowh);
	chart_fini(&p.c);
	return ok;
}
