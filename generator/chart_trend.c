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
	size_t rules; /* where the rules go (ch_rules_begin) */
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

/* Geometry: y labels left, the unit and the direction above, years
 * below, the legend under it all. */
static void
trend_frame(struct trend *t)
{
	struct chart *c = &t->c;
	int i;

	c->d = drawing_new(&c->doc->late, c->w, 260);
	t->left = 0;
	for (i = 0; i < t->ax.nticks; i++) {
		double w = drawing_text_width(
		    ch_num(c, t->ax.lo + t->ax.step * (double)i,
		           t->ax.decimals),
		    CH_FS, false);

		t->left = fmax(t->left, w);
	}
	t->left += 8;
	t->right = c->w - 10;
	t->band = (t->right - t->left) / (t->y1 - t->y0 + 1);
}

/* The course, top right, by shape and word; the unit (from the inputs,
 * wrapped) and the direction top left, on lines of their own. */
static void
trend_heading(struct trend *t)
{
	struct chart *c = &t->c;
	const struct status_style *st = style_for(t->ckey);
	const char *cw = ch_course_word(c, t->ckey);
	double w = drawing_text_width(cw, CH_FS, true), y = 12;
	const char *lines[CH_MAXLINES];
	int n;

	ch_text(c, c->w, y, cw, DR_END, true, INK, false);
	d_shape(c->d, st->shape, c->w - w - 9, y - 3.5, 5, st->color, false);
	if (*t->unit != '\0') {
		n = ch_wrap(c, t->unit, CH_FS, true, c->w - w - 30, lines,
		            CH_MAXLINES);
		y = ch_lines(c, 0, y, lines, n, DR_START, true, INK, true) +
		    CH_LEAD;
	}
	ch_text(c, 0, y,
	        ch_word(c, t->ind->direction < 0 ? "direction.lower"
	                                         : "direction.higher"),
	        DR_START, false, INK, false);
	t->top = y + 20;
	t->bottom = t->top + 170;
}

/* Value ticks left, year ticks below (thinned so that their labels
 * do not collide); the rules themselves come in trend_rules. */
static void
trend_grid(struct trend *t)
{
	struct chart *c = &t->c;
	const struct axis *ax = &t->ax;
	double yw = drawing_text_width("2000", CH_FS, false) + 10;
	int i, every, yr;

	for (i = 0; i < ax->nticks; i++) {
		double v = ax->lo + ax->step * (double)i;

		ch_text(c, t->left - 4, trend_y(t, v) + 3.5,
		        ch_num(c, v, ax->decimals), DR_END, false, INK, false);
	}
	every = 1;
	while (every * t->band < yw)
		every = every == 1 ? 2 : every == 2 ? 5 : every * 2;
	for (yr = t->y0; yr <= t->y1; yr++)
		if ((yr - t->y0) % every == 0)
			ch_text(c, trend_x(t, yr), t->bottom + 15,
			        ch_pfmt(c, "%d", yr), DR_MIDDLE, false, INK,
			        false);
	t->rules = ch_rules_begin(c);
}

/* Grid, axes, year ticks and the dotted rule of each year without a
 * value, under the data and around the labels. */
static void
trend_rules(struct trend *t)
{
	const struct indicator *ind = t->ind;
	struct chart *c = &t->c;
	const struct axis *ax = &t->ax;
	size_t first = c->d->nitems, i;
	int k, yr;

	for (k = 0; k < ax->nticks; k++) {
		double v = ax->lo + ax->step * (double)k;
		bool zero = fabs(v) < ax->step / 2;

		ch_rule(c, t->left, trend_y(t, v), t->right, trend_y(t, v),
		        zero ? INK : GRID, zero ? 0.8 : 0.4, 0);
	}
	ch_rule(c, t->left, t->top, t->left, t->bottom, INK, 0.8, 0);
	for (yr = t->y0; yr <= t->y1; yr++)
		ch_rule(c, trend_x(t, yr), t->bottom, trend_x(t, yr),
		        t->bottom + 3, INK, 0.8, 0);
	for (i = 1; i < ind->nvalues; i++)
		for (yr = ind->values[i - 1].year + 1;
		     yr < ind->values[i].year && yr <= t->y1; yr++) {
			ch_rule(c, trend_x(t, yr), t->top, trend_x(t, yr),
			        t->bottom, MUTED, 0.8, 1.5);
			t->ngap++;
		}
	ch_rules_end(c, t->rules, first);
}

/* The dashed path from baseline to target. */
static void
trend_path(struct trend *t)
{
	const struct indicator *ind = t->ind;

	if (t->has_base && t->has_target) {
		struct dr_item *it = d_line(
		    t->c.d, trend_x(t, ind->baseline_year),
		    trend_y(t, ind->baseline), trend_x(t, ind->target_year),
		    trend_y(t, ind->target), MUTED, 1.2);
		it->dash = 4;
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

/* Baseline, target and the value dots. */
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
	for (i = 0; i < ind->nvalues; i++)
		if (isfinite(ind->values[i].value))
			fill_only(d_circle(c->d,
			                   trend_x(t, ind->values[i].year),
			                   trend_y(t, ind->values[i].value), 3),
			          SERIES);
}

/* A label near the point (x, y): above, below, then beside it, at the
 * first place where it touches nothing; none where all are taken (the
 * table has the number). */
static void
label_near(struct chart *c, double x, double y, double dy, const char *s,
           bool bold, struct dr_color col)
{
	double w = drawing_text_width(s, CH_FS, bold);
	double cx = fmin(fmax(x, w / 2 + 1), c->w - w / 2 - 1);
	double mid[] = {cx, y - dy,      cx, y + dy + 9,  cx, y - dy - 9,
	                cx, y + dy + 18, cx, y - dy - 18, cx, y + dy + 27};
	double side[] = {x + dy, y + 3.5, x + dy, y - 6, x + dy, y + 13};
	double left[] = {x - dy, y + 3.5, x - dy, y - 6, x - dy, y + 13};

	if (!ch_place(c, mid, 6, s, DR_MIDDLE, bold, col) &&
	    !ch_place(c, side, 3, s, DR_START, bold, col))
		ch_place(c, left, 3, s, DR_END, bold, col);
}

/* The target's label, then the values' while there is room for them,
 * each where it collides with nothing drawn. */
static void
trend_labels(struct trend *t)
{
	const struct indicator *ind = t->ind;
	struct chart *c = &t->c;
	size_t i;

	if (t->has_target)
		label_near(c, trend_x(t, ind->target_year),
		           trend_y(t, ind->target), 10,
		           ch_pfmt(c, "%s %d: %s", ch_word(c, "chart.target"),
		                   ind->target_year,
		                   ch_num(c, ind->target, t->dec)),
		           true, TARGET);
	if (t->nval > 12 || t->band < 24)
		return;
	for (i = 0; i < ind->nvalues; i++) {
		const struct year_value *v = &ind->values[i];

		if (isfinite(v->value))
			label_near(c, trend_x(t, v->year), trend_y(t, v->value),
			           7, ch_num(c, v->value, t->dec), false,
			           SERIES);
	}
}

static void
trend_legend(struct trend *t)
{
	struct chart *c = &t->c;
	struct legend lg;
	struct dr_item *it;
	double x;

	legend_init(&lg, c->d, 2, t->bottom + 34, c->w);
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
	c->d->height = lg.ylast + 10;
}

/* Alt text: the indicator, where it stands against its target, which
 * way is better and the verdict; the kind of chart and where its
 * numbers are.  The title comes first: a PDF reader announces a Figure
 * without its caption. */
static void
trend_alt(struct trend *t)
{
	const struct indicator *ind = t->ind;
	struct chart *c = &t->c;
	const char *sep = "";

	ch_alt_about(c, t->title);
	if (ind->latest_year != 0) {
		buf_printf(&c->alt, "%s %s (%d)", ch_word(c, "chart.latest"),
		           ch_value(c, ind->latest, t->dec, ind->unit),
		           ind->latest_year);
		sep = ", ";
	}
	if (t->has_target) {
		buf_printf(&c->alt, "%s%s %s (%d)", sep,
		           ch_word(c, "chart.target_lc"),
		           ch_value(c, ind->target, t->dec, ind->unit),
		           ind->target_year);
		sep = ", ";
	}
	buf_printf(&c->alt, "%s%s: %s. %s %d–%d. %s", sep,
	           ch_word(c, ind->direction < 0 ? "direction.lower"
	                                         : "direction.higher"),
	           ch_course_word(c, t->ckey), ch_word(c, "chart.trend_kind"),
	           t->y0, t->y1, ch_word(c, "chart.details_below"));
}

static void
trend_row(struct trend *t, struct pr_node *tab, const char *label,
          const char *value)
{
	struct pr_node *row = ch_row(&t->c, tab, false);

	ch_cell(&t->c, row, label, false);
	ch_cell(&t->c, row, value, true);
}

/*
 * The table: the same numbers, a row per year in ascending order, gaps
 * as such.  The baseline year is one row, named as the baseline (with
 * the series' value for that year when it has one, as analysis.c
 * counts it); the target follows its year.  The verdict goes in the
 * caption: a "Year | Value" table has no row for it.
 */
static void
trend_table(struct trend *t, struct pr_node *parent)
{
	const struct indicator *ind = t->ind;
	struct chart *c = &t->c;
	struct pr_node *tab, *row;
	const char *base_word = ch_word(c, "chart.baseline");
	bool base_done = !t->has_base;
	int prev = 0, yr;
	size_t i;

	tab = ch_table(c, parent, ch_pfmt(c, "%s: ", ch_word(c, "chart.table")),
	               t->title,
	               ch_pfmt(c, "; %s: %s", ch_word(c, "chart.assessment"),
	                       ch_course_word(c, t->ckey)));
	row = ch_row(c, tab, true);
	ch_cell(c, row, ch_word(c, "chart.year"), false);
	if (*t->unit != '\0')
		ch_cell_in(c, row,
		           ch_pfmt(c, "%s (", ch_word(c, "chart.value")),
		           t->unit, ")");
	else
		ch_cell(c, row, ch_word(c, "chart.value"), true);
	row->last->u.cell.align = PR_ALIGN_RIGHT;
	for (i = 0; i <= ind->nvalues; i++) {
		const struct year_value *v =
		    i < ind->nvalues ? &ind->values[i] : NULL;

		if (v != NULL && !isfinite(v->value))
			continue;
		if (!base_done &&
		    (v == NULL || v->year >= ind->baseline_year)) {
			bool same = v != NULL && v->year == ind->baseline_year;

			for (yr = prev ? prev + 1 : ind->baseline_year;
			     yr < ind->baseline_year; yr++)
				trend_row(t, tab, ch_pfmt(c, "%d", yr),
				          ch_word(c, "chart.missing"));
			trend_row(
			    t, tab,
			    ch_pfmt(c, "%d (%s)", ind->baseline_year,
			            base_word),
			    ch_num(c, same ? v->value : ind->baseline, t->dec));
			prev = ind->baseline_year;
			base_done = true;
			if (same)
				continue;
		}
		if (v == NULL)
			break;
		for (yr = prev ? prev + 1 : v->year; yr < v->year; yr++)
			trend_row(t, tab, ch_pfmt(c, "%d", yr),
			          ch_word(c, "chart.missing"));
		trend_row(t, tab, ch_pfmt(c, "%d", v->year),
		          ch_num(c, v->value, t->dec));
		prev = v->year;
	}
	if (t->has_target)
		trend_row(t, tab,
		          ch_pfmt(c, "%d (%s)", ind->target_year,
		                  ch_word(c, "chart.target")),
		          ch_num(c, ind->target, t->dec));
}

bool
chart_indicator_trend(const struct comp_ctx *cx, struct pr_node *parent,
                      const struct indicator *ind)
{
	struct trend t;
	bool ok = true;

	if (!ch_may_hold_blocks(parent))
		return false;
	memset(&t, 0, sizeof(t));
	chart_init(&t.c, cx);
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
		trend_labels(&t);
		trend_rules(&t);
		trend_legend(&t);
		trend_alt(&t);
		ch_figure(&t.c, parent, NULL, t.title,
		          ch_pfmt(&t.c, ": %s", ch_word(&t.c, "chart.trend")));
		trend_table(&t, parent);
	}
	chart_fini(&t.c);
	return ok;
}
