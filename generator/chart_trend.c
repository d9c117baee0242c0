/*
 * chart_trend.c - one indicator's yearly values as a line over the
 * years, with its baseline, its target and the dashed path between
 * them; then the alt text and the table of the same numbers.
 */
#include <math.h>
#include <string.h>

#include "chart_int.h"

/* What the phases of one trend chart share. */
struct trend {
	struct chart c;
	const struct indicator *ind;
	struct axis ax;
	bool has_base, has_target;
	int y0, y1;  /* the years on the axis */
	int dec;     /* the indicator's decimals */
	size_t nval; /* years with a value */
	size_t ngap; /* years without one between the first and last */
	const char *unit, *title, *ckey;
	double left, right, top, bottom, band; /* the plot; band: a year */
};

static double
trend_x(const struct trend *t, int year)
{
	return t->left + t->band * (year - t->y0 + 0.5);
}

static double
trend_y(const struct trend *t, double v)
{
	return t->bottom -
	       (v - t->ax.lo) / (t->ax.hi - t->ax.lo) * (t->bottom - t->top);
}

static void
span(struct trend *t, int year, double v, double *lo, double *hi)
{
	t->y0 = t->y0 == 0 || year < t->y0 ? year : t->y0;
	t->y1 = year > t->y1 ? year : t->y1;
	*lo = fmin(*lo, v);
	*hi = fmax(*hi, v);
}

/* The years and the value axis over values, baseline and target;
 * false when there is nothing (or nothing drawable) to show. */
static bool
trend_collect(struct trend *t)
{
	const struct indicator *ind = t->ind;
	double lo = 0, hi = 0;
	size_t i;

	for (i = 0; i < ind->nvalues; i++)
		if (isfinite(ind->values[i].value))
			t->nval++;
	if (t->nval == 0)
		return false;
	t->dec = ind->decimals;
	t->has_base = ind->baseline_year != 0 && isfinite(ind->baseline);
	t->has_target = ind->target_year != 0 && isfinite(ind->target);
	for (i = 0; i < ind->nvalues; i++)
		if (isfinite(ind->values[i].value))
			span(t, ind->values[i].year, ind->values[i].value, &lo,
			     &hi);
	if (t->has_base)
		span(t, ind->baseline_year, ind->baseline, &lo, &hi);
	if (t->has_target)
		span(t, ind->target_year, ind->target, &lo, &hi);
	if (t->y1 - t->y0 > 200 || !axis_make(&t->ax, lo, hi, 6, t->dec == 0))
		return false;
	t->unit = ind->unit ? ind->unit : "";
	t->title = ind->title ? ind->title : ind->id;
	t->ckey = indicator_course_key(ind);
	return true;
}

/* Geometry: y labels left, the unit above, years below, the legend
 * under it all. */
static void
trend_frame(struct trend *t)
{
	struct chart *c = &t->c;
	int i;

	c->d = drawing_new(&c->doc->pool, CHART_W, 260);
	t->left = 0;
	for (i = 0; i < t->ax.nticks; i++) {
		double w = drawing_text_width(
		    ch_num(c, t->ax.lo + t->ax.step * (double)i,
		           t->ax.decimals),
		    8, false);

		t->left = fmax(t->left, w);
	}
	t->left += 8;
	t->right = CHART_W - 10;
	t->top = 30;
	t->bottom = 200;
	t->band = (t->right - t->left) / (t->y1 - t->y0 + 1);
}

/* The course, top right, by shape and word; the unit and the direction
 * top left. */
static void
trend_heading(struct trend *t)
{
	struct chart *c = &t->c;
	const struct status_style *st = style_for(t->ckey);
	const char *cw = ch_course_word(c, t->ckey);
	double w = drawing_text_width(cw, 8, true);

	d_text(c->d, CHART_W, 12, cw, 8, DR_END, true, INK);
	d_shape(c->d, st->shape, CHART_W - w - 9, 9, 4.5, st->color, false);
	d_text(c->d, 0, 12,
	       ch_fit(c,
	              ch_pfmt(c, *t->unit != '\0' ? "%s (%s)" : "%s%s", t->unit,
	                      ch_word(c, t->ind->direction < 0
	                                     ? "direction.lower"
	                                     : "direction.higher")),
	              8, true, CHART_W - w - 30),
	       8, DR_START, true, INK);
}

/* Grid and value ticks, the year ticks below, thinned so that their
 * labels do not collide. */
static void
trend_grid(struct trend *t)
{
	struct chart *c = &t->c;
	const struct axis *ax = &t->ax;
	int i, every, yr;

	for (i = 0; i < ax->nticks; i++) {
		double v = ax->lo + ax->step * (double)i;
		double y = trend_y(t, v);

		d_line(c->d, t->left, y, t->right, y,
		       fabs(v) < ax->step / 2 ? INK : GRID,
		       fabs(v) < ax->step / 2 ? 0.8 : 0.4);
		d_text(c->d, t->left - 4, y + 3, ch_num(c, v, ax->decimals), 8,
		       DR_END, false, INK);
	}
	d_line(c->d, t->left, t->top, t->left, t->bottom, INK, 0.8);
	every = 1;
	while (every * t->band < 28)
		every = every == 1 ? 2 : every == 2 ? 5 : every * 2;
	for (yr = t->y0; yr <= t->y1; yr++) {
		double x = trend_x(t, yr);

		d_line(c->d, x, t->bottom, x, t->bottom + 3, INK, 0.8);
		if ((yr - t->y0) % every == 0)
			d_text(c->d, x, t->bottom + 13, ch_pfmt(c, "%d", yr), 8,
			       DR_MIDDLE, false, INK);
	}
}

/* The dashed path from baseline to target, and a dotted rule for each
 * year without a value between the first and the last. */
static void
trend_path(struct trend *t)
{
	const struct indicator *ind = t->ind;
	struct drawing *d = t->c.d;
	size_t i;
	int yr;

	if (t->has_base && t->has_target) {
		struct dr_item *it = d_line(
		    d, trend_x(t, ind->baseline_year),
		    trend_y(t, ind->baseline), trend_x(t, ind->target_year),
		    trend_y(t, ind->target), MUTED, 1.2);
		it->dash = 4;
	}
	for (i = 1; i < ind->nvalues; i++)
		for (yr = ind->values[i - 1].year + 1;
		     yr < ind->values[i].year && yr <= t->y1; yr++) {
			struct dr_item *it =
			    d_line(d, trend_x(t, yr), t->top, trend_x(t, yr),
			           t->bottom, MUTED, 0.8);

			it->dash = 1.5;
			t->ngap++;
		}
}

/* The values: a line through consecutive years, gaps stay gaps. */
static void
trend_series(struct trend *t)
{
	const struct indicator *ind = t->ind;
	struct drawing *d = t->c.d;
	size_t i, j, k;

	for (i = 0; i < ind->nvalues; i = j) {
		j = i + 1;
		if (!isfinite(ind->values[i].value))
			continue;
		while (j < ind->nvalues && isfinite(ind->values[j].value) &&
		       ind->values[j].year == ind->values[j - 1].year + 1)
			j++;
		if (j - i > 1) {
			double *p = drawing_points(d, j - i);
			struct dr_item *it = drawing_add(d, DR_POLYLINE);

			for (k = i; k < j; k++) {
				p[2 * (k - i)] =
				    trend_x(t, ind->values[k].year);
				p[2 * (k - i) + 1] =
				    trend_y(t, ind->values[k].value);
			}
			it->pts = p;
			it->npts = j - i;
			it->stroke_color = SERIES;
			it->stroke_width = 1.8;
		}
	}
}

/* A bullseye: the target marker. */
static void
d_target(struct drawing *d, double x, double y, double r)
{
	struct dr_item *it = d_circle(d, x, y, r);

	it->stroke_color = TARGET;
	it->stroke_width = 1.3;
	it->fill = true;
	it->fill_color = WHITE;
	fill_only(d_circle(d, x, y, r * 0.4), TARGET);
}

static void
d_baseline(struct drawing *d, double x, double y, double r)
{
	struct dr_item *it = d_rect(d, x - r, y - r, 2 * r, 2 * r);

	it->stroke_color = MUTED;
	it->stroke_width = 1.3;
}

/* Baseline, target and the value dots, with value labels while there
 * is room for them, and the target's label. */
static void
trend_markers(struct trend *t)
{
	const struct indicator *ind = t->ind;
	struct chart *c = &t->c;
	size_t i;

	if (t->has_base)
		d_baseline(c->d, trend_x(t, ind->baseline_year),
		           trend_y(t, ind->baseline), 5);
	if (t->has_target)
		d_target(c->d, trend_x(t, ind->target_year),
		         trend_y(t, ind->target), 5.5);
	for (i = 0; i < ind->nvalues; i++) {
		const struct year_value *v = &ind->values[i];
		double x, y;

		if (!isfinite(v->value))
			continue;
		x = trend_x(t, v->year);
		y = trend_y(t, v->value);
		fill_only(d_circle(c->d, x, y, 3), SERIES);
		if (t->nval <= 12 && t->band >= 24)
			d_text(c->d, x, y - 7 < t->top - 4 ? y + 14 : y - 7,
			       ch_num(c, v->value, t->dec), 7, DR_MIDDLE, false,
			       SERIES);
	}
	if (t->has_target) {
		const char *s =
		    ch_pfmt(c, "%s %d: %s", ch_word(c, "chart.target"),
		            ind->target_year, ch_num(c, ind->target, t->dec));
		double w = drawing_text_width(s, 8, true);
		double x = trend_x(t, ind->target_year);
		double y = trend_y(t, ind->target);

		y = y - 10 < t->top - 6 ? y + 18 : y - 10;
		x = fmin(fmax(x, w / 2), CHART_W - w / 2);
		d_text(c->d, x, y, s, 8, DR_MIDDLE, true, TARGET);
	}
}

static void
trend_legend(struct trend *t)
{
	struct chart *c = &t->c;
	struct legend lg;
	struct dr_item *it;
	double x;

	legend_init(&lg, c->d, 2, t->bottom + 30, CHART_W);
	x = legend_slot(&lg, c, ch_word(c, "chart.value_of"));
	d_line(c->d, x - 7, lg.y, x + 7, lg.y, SERIES, 1.8);
	fill_only(d_circle(c->d, x, lg.y, 3), SERIES);
	if (t->has_base) {
		x = legend_slot(&lg, c, ch_word(c, "chart.baseline"));
		d_baseline(c->d, x, lg.y, 4);
	}
	if (t->has_target) {
		x = legend_slot(&lg, c, ch_word(c, "chart.target"));
		d_target(c->d, x, lg.y, 4.5);
	}
	if (t->has_base && t->has_target) {
		x = legend_slot(&lg, c, ch_word(c, "chart.path"));
		it = d_line(c->d, x - 7, lg.y, x + 7, lg.y, MUTED, 1.2);
		it->dash = 4;
	}
	if (t->ngap > 0) {
		x = legend_slot(&lg, c, ch_word(c, "chart.gap"));
		it = d_line(c->d, x, lg.y - 6, x, lg.y + 6, MUTED, 0.8);
		it->dash = 1.5;
	}
	c->d->height = lg.y + 10;
}

/* Alt text: "Title (unit): 2024 3, 2025 12; Ausgangswert 2023: 0;
 * Ziel 2030: 120; auf Kurs". */
static void
trend_alt(struct trend *t)
{
	const struct indicator *ind = t->ind;
	struct chart *c = &t->c;
	int prev = 0, yr;
	bool first = true;
	size_t i;

	if (*t->unit != '\0')
		buf_printf(&c->alt, "%s (%s): ", t->title, t->unit);
	else
		buf_printf(&c->alt, "%s: ", t->title);
	for (i = 0; i < ind->nvalues; i++) {
		const struct year_value *v = &ind->values[i];

		if (!isfinite(v->value))
			continue;
		for (yr = prev ? prev + 1 : v->year; yr < v->year; yr++)
			buf_printf(&c->alt, ", %d %s", yr,
			           ch_word(c, "chart.missing"));
		buf_printf(&c->alt, "%s%d %s", first ? "" : ", ", v->year,
		           ch_num(c, v->value, t->dec));
		first = false;
		prev = v->year;
	}
	if (t->has_base)
		buf_printf(&c->alt, "; %s %d: %s", ch_word(c, "chart.baseline"),
		           ind->baseline_year,
		           ch_num(c, ind->baseline, t->dec));
	if (t->has_target)
		buf_printf(&c->alt, "; %s %d: %s", ch_word(c, "chart.target"),
		           ind->target_year, ch_num(c, ind->target, t->dec));
	buf_printf(&c->alt, "; %s", ch_course_word(c, t->ckey));
}

static void
trend_row(struct trend *t, struct pr_node *tab, const char *label,
          const char *value)
{
	struct pr_node *row = ch_row(&t->c, tab, false);

	ch_cell(&t->c, row, label, false);
	ch_cell(&t->c, row, value, true);
}

/* The table: the same numbers, a row per year, gaps as such. */
static void
trend_table(struct trend *t, struct pr_node *parent)
{
	const struct indicator *ind = t->ind;
	struct chart *c = &t->c;
	struct pr_node *tab, *row;
	int prev = 0, yr;
	size_t i;

	tab =
	    ch_table(c, parent,
	             ch_pfmt(c, "%s: %s", ch_word(c, "chart.table"), t->title));
	row = ch_row(c, tab, true);
	ch_cell(c, row, ch_word(c, "chart.year"), false);
	ch_cell(c, row,
	        *t->unit != '\0'
	            ? ch_pfmt(c, "%s (%s)", ch_word(c, "chart.value"), t->unit)
	            : ch_word(c, "chart.value"),
	        true);
	if (t->has_base)
		trend_row(t, tab,
		          ch_pfmt(c, "%s %d", ch_word(c, "chart.baseline"),
		                  ind->baseline_year),
		          ch_num(c, ind->baseline, t->dec));
	for (i = 0; i < ind->nvalues; i++) {
		const struct year_value *v = &ind->values[i];

		if (!isfinite(v->value))
			continue;
		for (yr = prev ? prev + 1 : v->year; yr < v->year; yr++)
			trend_row(t, tab, ch_pfmt(c, "%d", yr),
			          ch_word(c, "chart.missing"));
		trend_row(t, tab, ch_pfmt(c, "%d", v->year),
		          ch_num(c, v->value, t->dec));
		prev = v->year;
	}
	if (t->has_target)
		trend_row(t, tab,
		          ch_pfmt(c, "%s %d", ch_word(c, "chart.target"),
		                  ind->target_year),
		          ch_num(c, ind->target, t->dec));
	row = ch_row(c, tab, false);
	ch_cell(c, row, ch_word(c, "chart.assessment"), false);
	ch_status_cell(c, row, t->ckey, ch_course_word(c, t->ckey));
}

bool
chart_indicator_trend(struct pr_doc *doc, struct pr_node *parent,
                      const struct model *m, const struct indicator *ind,
                      const struct locale *loc, const struct src_pos *pos)
{
	struct trend t;
	bool ok = true;

	if (!ch_may_hold_blocks(parent))
		return false;
	memset(&t, 0, sizeof(t));
	chart_init(&t.c, doc, loc, pos);
	t.ind = ind;
	if (!trend_collect(&t)) {
		ok = ch_no_data(&t.c, parent);
	} else {
		trend_frame(&t);
		trend_heading(&t);
		trend_grid(&t);
		trend_path(&t);
		trend_series(&t);
		trend_markers(&t);
		trend_legend(&t);
		trend_alt(&t);
		ch_figure(&t.c, parent,
		          ch_pfmt(&t.c, "%s: %s", t.title,
		                  ch_word(&t.c, "chart.trend")));
		trend_table(&t, parent);
	}
	chart_fini(&t.c);
	return ok;
}
