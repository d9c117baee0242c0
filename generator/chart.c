/*
 * chart.c - the four chart components: an indicator's trend, progress
 * toward target, milestones by status per aspect, and the roadmap.
 *
 * Each chart is computed once into a drawing (drawing.h) that both
 * renderers paint, so the PDF and the HTML show the same geometry.  The
 * alt text and the data table are generated from the same numbers as
 * the drawing, formatted by the locale, so the three never disagree.
 *
 * Layout rules shared by all charts: the drawing is CHART_W points wide
 * (the PDF text column; the SVG scales), every colour has at least 3:1
 * contrast against white (WCAG 1.4.11) or is white drawn on such a
 * colour, and a status is always told by a shape and a word, never by
 * colour alone.  Nothing is drawn outside the drawing's bounds: texts
 * are shortened with an ellipsis to fit, out-of-range dates are pinned
 * to the edge of the time axis (the table gives the exact date).
 */
#include "chart.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "style.h"

#define CHART_W 480.0
/* The roadmap grows with its rows up to this height (about one A4 text
 * column); beyond it, rows are squeezed and then markers of one row
 * overlap (see roadmap_layout). */
#define ROADMAP_MAX_H 680.0

static const struct dr_color INK = {0x22, 0x22, 0x22};
static const struct dr_color MUTED = {0x59, 0x59, 0x59};
static const struct dr_color GRID = {0x8C, 0x8C, 0x8C}; /* 3.4:1 */
static const struct dr_color SERIES = {0x1F, 0x5F, 0xAD};
static const struct dr_color TARGET = {0x1B, 0x7A, 0x3D};
static const struct dr_color LATE = {0xB3, 0x5C, 0x00};
static const struct dr_color WHITE = {0xFF, 0xFF, 0xFF};

/* What every chart function carries around. */
struct chart {
	struct pr_doc *doc;
	const struct locale *loc;
	const struct src_pos *pos;
	struct drawing *d;
	struct buf alt;
	struct buf tmp;
};

static void
chart_init(struct chart *c, struct pr_doc *doc, const struct locale *loc,
           const struct src_pos *pos)
{
	memset(c, 0, sizeof(*c));
	c->doc = doc;
	c->loc = loc;
	c->pos = pos;
	buf_init(&c->alt);
	buf_init(&c->tmp);
}

static void
chart_fini(struct chart *c)
{
	buf_free(&c->alt);
	buf_free(&c->tmp);
}

static const char *
word(const struct chart *c, const char *key)
{
	return locale_str(c->loc, key);
}

/* A number in the locale's format, as a string in the document pool. */
static const char *
num(struct chart *c, double v, int decimals)
{
	buf_reset(&c->tmp);
	locale_number(c->loc, v, decimals, &c->tmp);
	return pool_strdup(&c->doc->pool, c->tmp.data);
}

static const char *
percent(struct chart *c, double share)
{
	buf_reset(&c->tmp);
	locale_number(c->loc, share * 100, 0, &c->tmp);
	buf_puts(&c->tmp, word(c, "chart.percent"));
	return pool_strdup(&c->doc->pool, c->tmp.data);
}

static const char *
month_year(struct chart *c, struct pr_date d)
{
	buf_reset(&c->tmp);
	locale_month_year(c->loc, d, &c->tmp);
	return pool_strdup(&c->doc->pool, c->tmp.data);
}

static const char *pfmt(struct chart *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *
pfmt(struct chart *c, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&c->tmp);
	va_start(ap, fmt);
	buf_vprintf(&c->tmp, fmt, ap);
	va_end(ap);
	return pool_strdup(&c->doc->pool, c->tmp.data);
}

/* `s` shortened with an ellipsis so that it is at most `maxw` wide. */
static const char *
fit(struct chart *c, const char *s, double size, bool bold, double maxw)
{
	struct buf b;
	const char *p = s, *res;
	unsigned cp;
	int n;

	if (s == NULL)
		return "";
	if (drawing_text_width(s, size, bold) <= maxw)
		return s;
	buf_init(&b);
	while ((n = utf8_decode(p, &cp)) > 0) {
		buf_append(&b, p, (size_t)n);
		buf_puts(&b, "…");
		if (drawing_text_width(b.data, size, bold) > maxw) {
			b.len -= (size_t)n + strlen("…");
			b.data[b.len] = '\0';
			break;
		}
		b.len -= strlen("…");
		b.data[b.len] = '\0';
		p += n;
	}
	buf_puts(&b, "…");
	res = pool_strdup(&c->doc->pool, b.data);
	buf_free(&b);
	return res;
}

/* ---- drawing primitives ------------------------------------------ */

static struct dr_item *
d_line(struct drawing *d, double x1, double y1, double x2, double y2,
       struct dr_color col, double width)
{
	struct dr_item *it = drawing_add(d, DR_LINE);

	it->pts = drawing_points(d, 2);
	it->npts = 2;
	it->pts[0] = x1;
	it->pts[1] = y1;
	it->pts[2] = x2;
	it->pts[3] = y2;
	it->stroke_color = col;
	it->stroke_width = width;
	return it;
}

static struct dr_item *
d_poly(struct drawing *d, enum dr_op op, const double *xy, size_t npts)
{
	struct dr_item *it = drawing_add(d, op);

	it->pts = drawing_points(d, npts);
	memcpy(it->pts, xy, npts * 2 * sizeof(double));
	it->npts = npts;
	return it;
}

static struct dr_item *
d_rect(struct drawing *d, double x, double y, double w, double h)
{
	struct dr_item *it = drawing_add(d, DR_RECT);

	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	return it;
}

static struct dr_item *
d_circle(struct drawing *d, double x, double y, double r)
{
	struct dr_item *it = drawing_add(d, DR_CIRCLE);

	it->x = x;
	it->y = y;
	it->r = r;
	return it;
}

static struct dr_item *
d_text(struct drawing *d, double x, double y, const char *s, double size,
       enum dr_anchor anchor, bool bold, struct dr_color col)
{
	struct dr_item *it = drawing_add(d, DR_TEXT);

	it->x = x;
	it->y = y;
	it->text = pool_strdup(d->pool, s);
	it->size = size;
	it->anchor = anchor;
	it->bold = bold;
	it->fill_color = col;
	return it;
}

static void
fill_only(struct dr_item *it, struct dr_color col)
{
	it->fill = true;
	it->fill_color = col;
	it->stroke = false;
}

/*
 * A status shape of radius r centred at (x, y) in colour col.  With
 * `knock` the shape is drawn in white for use on a coloured ground;
 * hollow shapes are filled white so lines behind them do not show.
 */
static void
d_shape(struct drawing *d, enum style_shape shape, double x, double y, double r,
        struct dr_color col, bool knock)
{
	struct dr_color fg = knock ? WHITE : col;
	struct dr_item *it;
	double p[2 * 12];
	int i;

	switch (shape) {
	case SHAPE_CIRCLE_OPEN:
		it = d_circle(d, x, y, r * 0.85);
		it->stroke_color = fg;
		it->stroke_width = r * 0.35;
		if (!knock) {
			it->fill = true;
			it->fill_color = WHITE;
		}
		break;
	case SHAPE_CIRCLE_HALF:
		/* Left half filled: from the bottom over the left to the
		 * top. */
		for (i = 0; i <= 10; i++) {
			double a = M_PI / 2 + M_PI * i / 10;

			p[2 * i] = x + r * 0.9 * cos(a);
			p[2 * i + 1] = y + r * 0.9 * sin(a);
		}
		it = d_circle(d, x, y, r * 0.9);
		it->stroke_color = fg;
		it->stroke_width = r * 0.3;
		if (!knock) {
			it->fill = true;
			it->fill_color = WHITE;
		}
		fill_only(d_poly(d, DR_POLYGON, p, 11), fg);
		break;
	case SHAPE_CHECK:
		p[0] = x - r * 0.85;
		p[1] = y + r * 0.05;
		p[2] = x - r * 0.25;
		p[3] = y + r * 0.7;
		p[4] = x + r * 0.85;
		p[5] = y - r * 0.75;
		it = d_poly(d, DR_POLYLINE, p, 3);
		it->stroke_color = fg;
		it->stroke_width = r * 0.5;
		break;
	case SHAPE_TRIANGLE:
		p[0] = x;
		p[1] = y - r;
		p[2] = x + r;
		p[3] = y + r * 0.8;
		p[4] = x - r;
		p[5] = y + r * 0.8;
		fill_only(d_poly(d, DR_POLYGON, p, 3), fg);
		break;
	case SHAPE_DIAMOND:
		p[0] = x;
		p[1] = y - r;
		p[2] = x + r * 0.85;
		p[3] = y;
		p[4] = x;
		p[5] = y + r;
		p[6] = x - r * 0.85;
		p[7] = y;
		fill_only(d_poly(d, DR_POLYGON, p, 4), fg);
		break;
	case SHAPE_CROSS:
		d_line(d, x - r * 0.7, y - r * 0.7, x + r * 0.7, y + r * 0.7,
		       fg, r * 0.45);
		d_line(d, x - r * 0.7, y + r * 0.7, x + r * 0.7, y - r * 0.7,
		       fg, r * 0.45);
		break;
	case SHAPE_SQUARE:
	default:
		fill_only(
		    d_rect(d, x - r * 0.75, y - r * 0.75, r * 1.5, r * 1.5),
		    fg);
		break;
	}
}

/* A legend laid out in rows from left to right. */
struct legend {
	struct drawing *d;
	double x0, x, y, maxx;
	int rows;
};

static void
legend_init(struct legend *lg, struct drawing *d, double x0, double y,
            double maxx)
{
	lg->d = d;
	lg->x0 = lg->x = x0;
	lg->y = y;
	lg->maxx = maxx;
	lg->rows = 1;
}

/* Places the label of the next entry and returns the centre of its
 * symbol, which the caller draws. */
static double
legend_slot(struct legend *lg, struct chart *c, const char *label)
{
	double room = lg->maxx - lg->x0 - 18;
	const char *s = fit(c, label, 8, false, room);
	double w = 18 + drawing_text_width(s, 8, false) + 14;
	double at;

	if (lg->x > lg->x0 && lg->x + w - 14 > lg->maxx) {
		lg->x = lg->x0;
		lg->y += 14;
		lg->rows++;
	}
	at = lg->x;
	d_text(lg->d, at + 18, lg->y + 3, s, 8, DR_START, false, INK);
	lg->x += w;
	return at + 7;
}

/* ---- axes -------------------------------------------------------- */

static double
nicenum(double x, bool round)
{
	double e = floor(log10(x)), f = x / pow(10, e), nf;

	if (round)
		nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
	else
		nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
	return nf * pow(10, e);
}

struct axis {
	double lo, hi, step;
	int nticks, decimals;
};

/* A value axis over lo..hi that always includes zero, with "nice"
 * steps of 1, 2 or 5 times a power of ten.  False if the range cannot
 * be drawn (not finite). */
static bool
axis_make(struct axis *a, double lo, double hi, int maxticks, bool integer)
{
	double step;

	if (lo > 0)
		lo = 0;
	if (hi < 0)
		hi = 0;
	if (!isfinite(lo) || !isfinite(hi) || !isfinite(hi - lo))
		return false;
	if (hi - lo < 1e-9 * (fabs(hi) + fabs(lo)) || hi - lo == 0)
		hi = lo + 1; /* all zero */
	step = nicenum(nicenum(hi - lo, false) / (maxticks - 1), true);
	if (integer && step < 1)
		step = 1;
	a->lo = floor(lo / step + 1e-9) * step;
	a->hi = ceil(hi / step - 1e-9) * step;
	if (a->hi <= a->lo)
		a->hi = a->lo + step;
	a->step = step;
	a->nticks = (int)lround((a->hi - a->lo) / step) + 1;
	a->decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
	if (a->decimals > 6)
		a->decimals = 6;
	return isfinite(a->lo) && isfinite(a->hi) && a->nticks > 1 &&
	       a->nticks < 100;
}

/* ---- document-tree helpers --------------------------------------- */

static struct pr_node *
table_new(struct chart *c, struct pr_node *parent, const char *caption)
{
	struct pr_node *t = pr_node_new(c->doc, PR_TABLE, c->pos);
	struct pr_node *cap = pr_node_new(c->doc, PR_CAPTION, c->pos);

	pr_node_append(t, cap);
	pr_append_text(c->doc, cap, c->pos, caption);
	pr_node_append(parent, t);
	return t;
}

static struct pr_node *
row_new(struct chart *c, struct pr_node *table, bool header)
{
	struct pr_node *r = pr_node_new(c->doc, PR_ROW, c->pos);

	r->u.row.header = header;
	pr_node_append(table, r);
	return r;
}

/* Header cells of a header row are column headers; the first cell of a
 * body row is its row header; numbers are right-aligned. */
static void
cell(struct chart *c, struct pr_node *row, const char *text, bool number)
{
	bool hdr = row->u.row.header || row->first == NULL;
	enum pr_scope scope = row->u.row.header ? PR_SCOPE_COL
	                      : hdr             ? PR_SCOPE_ROW
	                                        : PR_SCOPE_NONE;
	struct pr_node *n =
	    pr_new_cell(c->doc, c->pos, hdr, scope,
	                number ? PR_ALIGN_RIGHT : PR_ALIGN_LEFT);

	pr_node_append(row, n);
	if (text != NULL && *text != '\0')
		pr_append_text(c->doc, n, c->pos, text);
}

/* A cell with a status: its symbol and word, never the colour alone. */
static void
status_cell(struct chart *c, struct pr_node *row, const char *key,
            const char *text)
{
	struct pr_node *n =
	    pr_new_cell(c->doc, c->pos, false, PR_SCOPE_NONE, PR_ALIGN_LEFT);
	struct pr_node *st = pr_new_status(c->doc, c->pos, key);

	pr_node_append(row, n);
	pr_node_append(n, st);
	pr_append_text(c->doc, st, c->pos, text);
}

static bool
no_data(struct chart *c, struct pr_node *parent)
{
	struct pr_node *p = pr_node_new(c->doc, PR_PARA, c->pos);

	if (!pr_node_append(parent, p))
		return false;
	pr_append_text(c->doc, p, c->pos, word(c, "chart.no_data"));
	return true;
}

/* Appends the FIGURE: drawing, caption, alt text from c->alt. */
static void
figure(struct chart *c, struct pr_node *parent, const char *caption)
{
	struct pr_node *f = pr_new_figure(c->doc, c->pos, c->alt.data);
	struct pr_node *dn = pr_node_new(c->doc, PR_DRAWING, c->pos);
	struct pr_node *cap = pr_node_new(c->doc, PR_CAPTION, c->pos);

	dn->u.drawing.drawing = c->d;
	pr_node_append(f, dn);
	pr_node_append(f, cap);
	pr_append_text(c->doc, cap, c->pos, caption);
	pr_node_append(parent, f);
}

static bool
may_hold_blocks(const struct pr_node *parent)
{
	return parent != NULL && pr_can_contain(parent->type, PR_FIGURE) &&
	       pr_can_contain(parent->type, PR_TABLE) &&
	       pr_can_contain(parent->type, PR_PARA);
}

static const char *
course_word(struct chart *c, const char *key)
{
	return word(c, pfmt(c, "course.%s", key));
}

/* ---- indicator trend --------------------------------------------- */

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

bool
chart_indicator_trend(struct pr_doc *doc, struct pr_node *parent,
                      const struct model *m, const struct indicator *ind,
                      const struct locale *loc, const struct src_pos *pos)
{
	struct chart c;
	struct axis ax;
	struct legend lg;
	bool has_base, has_target, ok = true;
	double lo = 0, hi = 0, left, right, top, bottom, band, x, y;
	int y0, y1, ny, every, yr, dec;
	size_t ngap;
	size_t i, nval = 0;
	const char *unit, *title, *ckey;
	struct pr_node *tab, *row;

	if (!may_hold_blocks(parent))
		return false;
	chart_init(&c, doc, loc, pos);
	for (i = 0; i < ind->nvalues; i++)
		if (isfinite(ind->values[i].value))
			nval++;
	if (nval == 0) {
		ok = no_data(&c, parent);
		goto out;
	}
	dec = ind->decimals;
	has_base = ind->baseline_year != 0 && isfinite(ind->baseline);
	has_target = ind->target_year != 0 && isfinite(ind->target);
	y0 = 0;
	y1 = 0;
	for (i = 0; i < ind->nvalues; i++) {
		const struct year_value *v = &ind->values[i];

		if (!isfinite(v->value))
			continue;
		if (y0 == 0 || v->year < y0)
			y0 = v->year;
		if (v->year > y1)
			y1 = v->year;
		lo = fmin(lo, v->value);
		hi = fmax(hi, v->value);
	}
	if (has_base) {
		y0 = ind->baseline_year < y0 ? ind->baseline_year : y0;
		y1 = ind->baseline_year > y1 ? ind->baseline_year : y1;
		lo = fmin(lo, ind->baseline);
		hi = fmax(hi, ind->baseline);
	}
	if (has_target) {
		y0 = ind->target_year < y0 ? ind->target_year : y0;
		y1 = ind->target_year > y1 ? ind->target_year : y1;
		lo = fmin(lo, ind->target);
		hi = fmax(hi, ind->target);
	}
	if (y1 - y0 > 200 || !axis_make(&ax, lo, hi, 6, dec == 0)) {
		ok = no_data(&c, parent);
		goto out;
	}
	ny = y1 - y0 + 1;
	unit = ind->unit ? ind->unit : "";
	title = ind->title ? ind->title : ind->id;
	ckey = indicator_course_key(ind);

	/* Geometry: y labels left, the unit above, years below, the legend
	 * under it all. */
	c.d = drawing_new(&doc->pool, CHART_W, 260);
	left = 0;
	for (i = 0; i < (size_t)ax.nticks; i++) {
		double w = drawing_text_width(
		    num(&c, ax.lo + ax.step * (double)i, ax.decimals), 8,
		    false);

		left = fmax(left, w);
	}
	left += 8;
	right = CHART_W - 10;
	top = 30;
	bottom = 200;
	band = (right - left) / ny;

	/* The course, top right, by shape and word; the unit and the
	 * direction top left. */
	{
		const struct status_style *st = style_for(ckey);
		const char *cw = course_word(&c, ckey);
		double w = drawing_text_width(cw, 8, true);

		d_text(c.d, CHART_W, 12, cw, 8, DR_END, true, INK);
		d_shape(c.d, st->shape, CHART_W - w - 9, 9, 4.5, st->color,
		        false);
		d_text(
		    c.d, 0, 12,
		    fit(&c,
		        pfmt(&c, *unit != '\0' ? "%s (%s)" : "%s%s", unit,
		             word(&c, ind->direction < 0 ? "direction.lower"
		                                         : "direction.higher")),
		        8, true, CHART_W - w - 30),
		    8, DR_START, true, INK);
	}

	/* Grid and value ticks. */
	for (i = 0; i < (size_t)ax.nticks; i++) {
		double v = ax.lo + ax.step * (double)i;

		y = bottom - (v - ax.lo) / (ax.hi - ax.lo) * (bottom - top);
		d_line(c.d, left, y, right, y,
		       fabs(v) < ax.step / 2 ? INK : GRID,
		       fabs(v) < ax.step / 2 ? 0.8 : 0.4);
		d_text(c.d, left - 4, y + 3, num(&c, v, ax.decimals), 8, DR_END,
		       false, INK);
	}
	d_line(c.d, left, top, left, bottom, INK, 0.8);
	/* Year labels, thinned so they do not collide. */
	every = 1;
	while (every * band < 28)
		every = every == 1 ? 2 : every == 2 ? 5 : every * 2;
	for (yr = y0; yr <= y1; yr++) {
		x = left + band * (yr - y0 + 0.5);
		d_line(c.d, x, bottom, x, bottom + 3, INK, 0.8);
		if ((yr - y0) % every == 0)
			d_text(c.d, x, bottom + 13, pfmt(&c, "%d", yr), 8,
			       DR_MIDDLE, false, INK);
	}

#define XOF(year) (left + band * ((year)-y0 + 0.5))
#define YOF(v)    (bottom - ((v)-ax.lo) / (ax.hi - ax.lo) * (bottom - top))
	/* The path from baseline to target, dashed. */
	if (has_base && has_target) {
		struct dr_item *it =
		    d_line(c.d, XOF(ind->baseline_year), YOF(ind->baseline),
		           XOF(ind->target_year), YOF(ind->target), MUTED, 1.2);
		it->dash = 4;
	}
	/* Years without a value between the first and the last: a dotted
	 * rule, explained in the legend. */
	ngap = 0;
	for (i = 1; i < ind->nvalues; i++)
		for (yr = ind->values[i - 1].year + 1;
		     yr < ind->values[i].year && yr <= y1; yr++) {
			struct dr_item *it = d_line(c.d, XOF(yr), top, XOF(yr),
			                            bottom, MUTED, 0.8);

			it->dash = 1.5;
			ngap++;
		}
	/* The values: a line through consecutive years, gaps stay gaps. */
	for (i = 0; i < ind->nvalues;) {
		size_t j = i + 1, k;

		if (!isfinite(ind->values[i].value)) {
			i++;
			continue;
		}
		while (j < ind->nvalues && isfinite(ind->values[j].value) &&
		       ind->values[j].year == ind->values[j - 1].year + 1)
			j++;
		if (j - i > 1) {
			double *p = drawing_points(c.d, j - i);
			struct dr_item *it = drawing_add(c.d, DR_POLYLINE);

			for (k = i; k < j; k++) {
				p[2 * (k - i)] = XOF(ind->values[k].year);
				p[2 * (k - i) + 1] = YOF(ind->values[k].value);
			}
			it->pts = p;
			it->npts = j - i;
			it->stroke_color = SERIES;
			it->stroke_width = 1.8;
		}
		i = j;
	}
	if (has_base)
		d_baseline(c.d, XOF(ind->baseline_year), YOF(ind->baseline), 5);
	if (has_target)
		d_target(c.d, XOF(ind->target_year), YOF(ind->target), 5.5);
	for (i = 0; i < ind->nvalues; i++) {
		const struct year_value *v = &ind->values[i];

		if (!isfinite(v->value))
			continue;
		x = XOF(v->year);
		y = YOF(v->value);
		fill_only(d_circle(c.d, x, y, 3), SERIES);
		/* Value labels while there is room for them. */
		if (nval <= 12 && band >= 24)
			d_text(c.d, x, y - 7 < top - 4 ? y + 14 : y - 7,
			       num(&c, v->value, dec), 7, DR_MIDDLE, false,
			       SERIES);
	}
	if (has_target) {
		const char *s =
		    pfmt(&c, "%s %d: %s", word(&c, "chart.target"),
		         ind->target_year, num(&c, ind->target, dec));
		double w = drawing_text_width(s, 8, true);

		x = XOF(ind->target_year);
		y = YOF(ind->target);
		y = y - 10 < top - 6 ? y + 18 : y - 10;
		x = fmin(fmax(x, w / 2), CHART_W - w / 2);
		d_text(c.d, x, y, s, 8, DR_MIDDLE, true, TARGET);
	}
#undef XOF
#undef YOF

	/* Legend, then the course with its shape and word. */
	legend_init(&lg, c.d, 2, bottom + 30, CHART_W);
	x = legend_slot(&lg, &c, word(&c, "chart.value_of"));
	d_line(c.d, x - 7, lg.y, x + 7, lg.y, SERIES, 1.8);
	fill_only(d_circle(c.d, x, lg.y, 3), SERIES);
	if (has_base) {
		x = legend_slot(&lg, &c, word(&c, "chart.baseline"));
		d_baseline(c.d, x, lg.y, 4);
	}
	if (has_target) {
		x = legend_slot(&lg, &c, word(&c, "chart.target"));
		d_target(c.d, x, lg.y, 4.5);
	}
	if (has_base && has_target) {
		struct dr_item *it;

		x = legend_slot(&lg, &c, word(&c, "chart.path"));
		it = d_line(c.d, x - 7, lg.y, x + 7, lg.y, MUTED, 1.2);
		it->dash = 4;
	}
	if (ngap > 0) {
		struct dr_item *it;

		x = legend_slot(&lg, &c, word(&c, "chart.gap"));
		it = d_line(c.d, x, lg.y - 6, x, lg.y + 6, MUTED, 0.8);
		it->dash = 1.5;
	}
	c.d->height = lg.y + 10;

	/* Alt text: "Title (unit): 2024 3, 2025 12; Ausgangswert 2023: 0;
	 * Ziel 2030: 120; auf Kurs". */
	if (*unit != '\0')
		buf_printf(&c.alt, "%s (%s): ", title, unit);
	else
		buf_printf(&c.alt, "%s: ", title);
	{
		int prev = 0;
		bool first = true;

		for (i = 0; i < ind->nvalues; i++) {
			const struct year_value *v = &ind->values[i];

			if (!isfinite(v->value))
				continue;
			for (yr = prev ? prev + 1 : v->year; yr < v->year; yr++)
				buf_printf(&c.alt, ", %d %s", yr,
				           word(&c, "chart.missing"));
			buf_printf(&c.alt, "%s%d %s", first ? "" : ", ",
			           v->year, num(&c, v->value, dec));
			first = false;
			prev = v->year;
		}
	}
	if (has_base)
		buf_printf(&c.alt, "; %s %d: %s", word(&c, "chart.baseline"),
		           ind->baseline_year, num(&c, ind->baseline, dec));
	if (has_target)
		buf_printf(&c.alt, "; %s %d: %s", word(&c, "chart.target"),
		           ind->target_year, num(&c, ind->target, dec));
	buf_printf(&c.alt, "; %s", course_word(&c, ckey));
	figure(&c, parent, pfmt(&c, "%s: %s", title, word(&c, "chart.trend")));

	/* The table: the same numbers, a row per year, gaps as such. */
	tab = table_new(&c, parent,
	                pfmt(&c, "%s: %s", word(&c, "chart.table"), title));
	row = row_new(&c, tab, true);
	cell(&c, row, word(&c, "chart.year"), false);
	cell(&c, row,
	     *unit != '\0' ? pfmt(&c, "%s (%s)", word(&c, "chart.value"), unit)
	                   : word(&c, "chart.value"),
	     true);
	if (has_base) {
		row = row_new(&c, tab, false);
		cell(&c, row,
		     pfmt(&c, "%s %d", word(&c, "chart.baseline"),
		          ind->baseline_year),
		     false);
		cell(&c, row, num(&c, ind->baseline, dec), true);
	}
	{
		int prev = 0;

		for (i = 0; i < ind->nvalues; i++) {
			const struct year_value *v = &ind->values[i];

			if (!isfinite(v->value))
				continue;
			for (yr = prev ? prev + 1 : v->year; yr < v->year;
			     yr++) {
				row = row_new(&c, tab, false);
				cell(&c, row, pfmt(&c, "%d", yr), false);
				cell(&c, row, word(&c, "chart.missing"), true);
			}
			row = row_new(&c, tab, false);
			cell(&c, row, pfmt(&c, "%d", v->year), false);
			cell(&c, row, num(&c, v->value, dec), true);
			prev = v->year;
		}
	}
	if (has_target) {
		row = row_new(&c, tab, false);
		cell(&c, row,
		     pfmt(&c, "%s %d", word(&c, "chart.target"),
		          ind->target_year),
		     false);
		cell(&c, row, num(&c, ind->target, dec), true);
	}
	row = row_new(&c, tab, false);
	cell(&c, row, word(&c, "chart.assessment"), false);
	status_cell(&c, row, ckey, course_word(&c, ckey));
out:
	(void)m;
	chart_fini(&c);
	return ok;
}

/* ---- progress toward target -------------------------------------- */

/* Where the linear path says the indicator should be by its latest
 * value, as a share of the way; NAN when there is no way to go. */
static double
expected_share(const struct indicator *ind)
{
	if (ind->target == ind->baseline || ind->latest_year == 0)
		return NAN;
	return (ind->expected - ind->baseline) / (ind->target - ind->baseline);
}

/* Longest progress chart whose alt text lists every indicator. */
#define ALT_MAX_ROWS  50
#define ALT_MAX_BYTES 16384

bool
chart_indicator_progress(struct pr_doc *doc, struct pr_node *parent,
                         const struct model *m,
                         const struct indicator *const *inds, size_t n,
                         const struct locale *loc, const struct src_pos *pos)
{
	struct chart c;
	struct pr_node *tab, *row;
	double labw = 0, bx, bw, vx, sx, y, rowh = 22, top = 22;
	size_t i, nrows = 0, ndata = 0, nexp = 0;
	bool ok = true, first = true;
	int t;

	if (!may_hold_blocks(parent))
		return false;
	chart_init(&c, doc, loc, pos);
	for (i = 0; i < n; i++) {
		if (inds[i] == NULL)
			continue;
		nrows++;
		if (strcmp(indicator_course_key(inds[i]), "no_data") != 0)
			ndata++;
		labw = fmax(labw, drawing_text_width(inds[i]->title, 8, false));
	}
	if (ndata == 0) {
		ok = no_data(&c, parent);
		goto out;
	}
	/* Columns: label, bar 0..100 %, value, course symbol and word. */
	labw = fmin(labw, 160) + 6;
	sx = CHART_W;
	{
		double cw = fmax(
		    drawing_text_width(course_word(&c, "on_course"), 8, false),
		    drawing_text_width(course_word(&c, "off_course"), 8,
		                       false));

		cw = fmax(cw, drawing_text_width(course_word(&c, "no_data"), 8,
		                                 false));
		sx = CHART_W - cw - 16;
	}
	vx = sx - 8;
	bx = labw;
	bw = vx - 46 - bx;
	c.d = drawing_new(&doc->pool, CHART_W, 100);
	d_text(c.d, bx, 10, word(&c, "chart.progress"), 8, DR_START, true, INK);
	for (t = 0; t <= 4; t++) {
		double x = bx + bw * t / 4.0;
		double yb = top + rowh * (double)nrows;

		d_line(c.d, x, top, x, yb, t == 0 || t == 4 ? INK : GRID,
		       t == 0 || t == 4 ? 0.8 : 0.4);
		d_text(c.d, x, yb + 11, percent(&c, t / 4.0), 8, DR_MIDDLE,
		       false, INK);
	}
	y = top;
	for (i = 0; i < n; i++) {
		const struct indicator *ind = inds[i];
		const char *ck;
		const struct status_style *st;
		double cy;

		if (ind == NULL)
			continue;
		ck = indicator_course_key(ind);
		st = style_for(ck);
		cy = y + rowh / 2;
		d_text(c.d, 0, cy + 3,
		       fit(&c, ind->title ? ind->title : ind->id, 8, false,
		           labw - 6),
		       8, DR_START, false, INK);
		if (strcmp(ck, "no_data") != 0) {
			double p = ind->progress;
			double w = bw * fmin(fmax(p, 0), 1);

			if (w > 0)
				fill_only(d_rect(c.d, bx, cy - 5, w, 10),
				          SERIES);
			/* Beyond the scale: an arrowhead at the end. */
			if (p > 1 || p < 0) {
				double ex = p > 1 ? bx + bw : bx;
				double dir = p > 1 ? 1 : -1;
				double tri[6] = {ex + dir * 6, cy, ex,
				                 cy - 6,       ex, cy + 6};

				fill_only(d_poly(c.d, DR_POLYGON, tri, 3),
				          p > 1 ? SERIES : LATE);
			}
			/* The share the path expects: a tick across the bar. */
			if (isfinite(expected_share(ind))) {
				double ex =
				    bx +
				    bw * fmin(fmax(expected_share(ind), 0), 1);

				d_line(c.d, ex, cy - 8, ex, cy + 8, INK, 2);
				nexp++;
			}
			d_text(c.d, vx, cy + 3, percent(&c, p), 8, DR_END, true,
			       INK);
		} else {
			d_text(c.d, vx, cy + 3, word(&c, "chart.missing"), 8,
			       DR_END, false, INK);
		}
		d_shape(c.d, st->shape, sx + 6, cy, 4.5, st->color, false);
		d_text(c.d, sx + 14, cy + 3, course_word(&c, ck), 8, DR_START,
		       false, INK);
		y += rowh;
	}
	if (nexp > 0) {
		struct legend lg;
		double x;

		legend_init(&lg, c.d, 2, y + 30, CHART_W);
		x = legend_slot(&lg, &c, word(&c, "chart.expected"));
		d_line(c.d, x, lg.y - 6, x, lg.y + 6, INK, 2);
		y = lg.y - 14;
	}
	c.d->height = y + 24;

	/* Alt text: each indicator.  A long list (a PDF string holds at
	 * most 32767 bytes, and nobody listens to hundreds) gives the
	 * counts per course instead and points to the table, as the
	 * status chart does. */
	buf_printf(&c.alt, "%s: ", word(&c, "chart.progress"));
	for (i = 0; i < (nrows > ALT_MAX_ROWS ? 0 : n); i++) {
		const struct indicator *ind = inds[i];
		const char *ck;

		if (ind == NULL)
			continue;
		ck = indicator_course_key(ind);
		buf_printf(&c.alt, "%s%s ", first ? "" : "; ",
		           ind->title ? ind->title : ind->id);
		if (strcmp(ck, "no_data") != 0 && isfinite(expected_share(ind)))
			buf_printf(&c.alt, "%s (%s %s), %s",
			           percent(&c, ind->progress),
			           word(&c, "chart.expected_short"),
			           percent(&c, expected_share(ind)),
			           course_word(&c, ck));
		else if (strcmp(ck, "no_data") != 0)
			buf_printf(&c.alt, "%s, %s", percent(&c, ind->progress),
			           course_word(&c, ck));
		else
			buf_puts(&c.alt, course_word(&c, ck));
		first = false;
	}
	if (nrows > ALT_MAX_ROWS || c.alt.len > ALT_MAX_BYTES) {
		static const char *const keys[] = {"on_course", "off_course",
		                                   "no_data"};
		size_t cnt[3] = {0, 0, 0};

		for (i = 0; i < n; i++) {
			if (inds[i] == NULL)
				continue;
			for (t = 0; t < 3; t++)
				if (strcmp(indicator_course_key(inds[i]),
				           keys[t]) == 0)
					cnt[t]++;
		}
		c.alt.len = 0;
		buf_printf(&c.alt, "%s: %s %s", word(&c, "chart.progress"),
		           word(&c, "chart.all"), num(&c, (double)nrows, 0));
		for (t = 0; t < 3; t++)
			if (cnt[t] > 0)
				buf_printf(&c.alt, ", %s %s",
				           num(&c, (double)cnt[t], 0),
				           course_word(&c, keys[t]));
		buf_printf(&c.alt, ". %s", word(&c, "chart.details_below"));
	}
	figure(&c, parent, word(&c, "chart.progress"));

	tab = table_new(&c, parent,
	                pfmt(&c, "%s: %s", word(&c, "chart.table"),
	                     word(&c, "chart.progress")));
	row = row_new(&c, tab, true);
	cell(&c, row, word(&c, "chart.indicator"), false);
	cell(&c, row, word(&c, "chart.progress"), true);
	cell(&c, row, word(&c, "chart.expected"), true);
	cell(&c, row, word(&c, "chart.assessment"), false);
	for (i = 0; i < n; i++) {
		const struct indicator *ind = inds[i];
		const char *ck;

		if (ind == NULL)
			continue;
		ck = indicator_course_key(ind);
		row = row_new(&c, tab, false);
		cell(&c, row, ind->title ? ind->title : ind->id, false);
		cell(&c, row,
		     strcmp(ck, "no_data") != 0 ? percent(&c, ind->progress)
		                                : word(&c, "chart.missing"),
		     true);
		cell(&c, row,
		     strcmp(ck, "no_data") != 0 && isfinite(expected_share(ind))
		         ? percent(&c, expected_share(ind))
		         : word(&c, "chart.missing"),
		     true);
		status_cell(&c, row, ck, course_word(&c, ck));
	}
out:
	(void)m;
	chart_fini(&c);
	return ok;
}

/* ---- status overview --------------------------------------------- */

/* The statuses in the order of the stacked bars: finished work first. */
static const enum ms_status status_order[MS_STATUS__MAX] = {
    MS_DONE, MS_IN_PROGRESS, MS_PLANNED, MS_DELAYED, MS_AT_RISK, MS_CANCELLED,
};

static const char *
aspect_label(const struct aspect *a)
{
	return a->short_title ? a->short_title : a->title ? a->title : "";
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
	if (s != MS_PLANNED)
		fill_only(d_rect(d, x, y, w, h),
		          style_for(ms_status_key(s))->color);
}

bool
chart_status_overview(struct pr_doc *doc, struct pr_node *parent,
                      const struct model *m, const struct locale *loc,
                      const struct src_pos *pos)
{
	struct chart c;
	struct legend lg;
	struct axis ax;
	struct pr_node *tab, *row;
	unsigned(*cnt)[MS_STATUS__MAX] = NULL;
	unsigned tot[MS_STATUS__MAX] = {0}, maxrow = 0, all = 0;
	const struct aspect **rows = NULL;
	size_t i, nrows = 0;
	double labw = 0, bx, bw, y, rowh = 20, top = 24;
	bool ok = true;
	int k, t;

	if (!may_hold_blocks(parent))
		return false;
	chart_init(&c, doc, loc, pos);
	/* Each milestone under its own aspect (analysis.c's own_by_status):
	 * a milestone filed under a resolution point is not counted again
	 * under an aspect. */
	cnt = xcalloc(m->naspects + 1, sizeof(*cnt));
	rows = xcalloc(m->naspects + 1, sizeof(*rows));
	for (i = 0; i < m->naspects; i++)
		memcpy(cnt[i], m->aspects[i]->own_by_status, sizeof(cnt[i]));
	for (k = 0; k < MS_STATUS__MAX; k++) {
		tot[k] = m->totals.by_status[k];
		all += tot[k];
	}
	/* Rows: the aspects with milestones, in input order. */
	for (i = 0; i < m->naspects; i++) {
		unsigned s = 0;

		for (k = 0; k < MS_STATUS__MAX; k++)
			s += cnt[i][k];
		if (s == 0)
			continue;
		if (i != nrows)
			memcpy(cnt[nrows], cnt[i], sizeof(cnt[i]));
		rows[nrows++] = m->aspects[i];
		if (s > maxrow)
			maxrow = s;
		labw =
		    fmax(labw,
		         drawing_text_width(pfmt(&c, "%s %s", m->aspects[i]->id,
		                                 aspect_label(m->aspects[i])),
		                            8, false));
	}
	if (nrows == 0 || !axis_make(&ax, 0, maxrow, 6, true)) {
		ok = no_data(&c, parent);
		goto out;
	}
	labw = fmin(labw, 150) + 6;
	bx = labw;
	bw = CHART_W - 30 - bx;
	c.d = drawing_new(&doc->pool, CHART_W, 100);
	d_text(c.d, bx, 10, word(&c, "chart.milestones"), 8, DR_START, true,
	       INK);
	for (t = 0; t < ax.nticks; t++) {
		double v = ax.lo + ax.step * t;
		double x = bx + bw * (v - ax.lo) / (ax.hi - ax.lo);
		double yb = top + rowh * (double)nrows;

		d_line(c.d, x, top - 2, x, yb, t == 0 ? INK : GRID,
		       t == 0 ? 0.8 : 0.4);
		d_text(c.d, x, yb + 11, num(&c, v, 0), 8, DR_MIDDLE, false,
		       INK);
	}
	y = top;
	for (i = 0; i < nrows; i++) {
		double x = bx, cy = y + rowh / 2;
		unsigned s = 0;

		d_text(
		    c.d, 0, cy + 3,
		    fit(&c,
		        pfmt(&c, "%s %s", rows[i]->id, aspect_label(rows[i])),
		        8, false, labw - 6),
		    8, DR_START, false, INK);
		for (k = 0; k < MS_STATUS__MAX; k++) {
			enum ms_status st = status_order[k];
			unsigned v = cnt[i][st];
			double w = bw * v / (ax.hi - ax.lo);
			const struct status_style *sty =
			    style_for(ms_status_key(st));
			const char *label;

			if (v == 0)
				continue;
			s += v;
			d_segment(c.d, st, x, cy - 7, w, 14);
			/* The shape on the segment where it fits, the
			 * count beside it where that fits too. */
			label = num(&c, v, 0);
			if (w >= 17 + drawing_text_width(label, 7.5, true))
				d_plate(c.d, st, x + 1.5, cy - 5.5,
				        drawing_text_width(label, 7.5, true) +
				            14,
				        11);
			else if (w >= 13)
				d_plate(c.d, st, x + 1.5, cy - 5.5, 10, 11);
			if (w >= 13)
				d_shape(c.d, sty->shape, x + 6.5, cy, 4,
				        sty->color, st != MS_PLANNED);
			if (w >= 17 + drawing_text_width(label, 7.5, true))
				d_text(c.d, x + 13, cy + 2.7, label, 7.5,
				       DR_START, true,
				       st == MS_PLANNED ? INK : WHITE);
			x += w;
		}
		d_text(c.d, x + 4, cy + 3, num(&c, s, 0), 8, DR_START, true,
		       INK);
		y += rowh;
	}
	legend_init(&lg, c.d, 0, y + 30, CHART_W);
	for (k = 0; k < MS_STATUS__MAX; k++) {
		enum ms_status st = status_order[k];
		const struct status_style *sty = style_for(ms_status_key(st));
		double x = legend_slot(
		    &lg, &c,
		    word(&c, pfmt(&c, "status.%s", ms_status_key(st))));

		d_segment(c.d, st, x - 7, lg.y - 6, 14, 12);
		d_plate(c.d, st, x - 4.5, lg.y - 4.5, 9, 9);
		d_shape(c.d, sty->shape, x, lg.y, 4, sty->color,
		        st != MS_PLANNED);
	}
	c.d->height = lg.y + 10;

	/* Alt text: totals, then each aspect; long lists point to the
	 * table. */
	buf_printf(&c.alt, "%s: %s %s", word(&c, "chart.status_title"),
	           word(&c, "chart.all"), num(&c, all, 0));
	for (k = 0; k < MS_STATUS__MAX; k++)
		if (tot[status_order[k]] > 0)
			buf_printf(
			    &c.alt, ", %s %s", num(&c, tot[status_order[k]], 0),
			    word(&c, pfmt(&c, "status.%s",
			                  ms_status_key(status_order[k]))));
	if (nrows <= 15) {
		for (i = 0; i < nrows; i++) {
			bool first = true;

			buf_printf(&c.alt, "; %s %s: ", rows[i]->id,
			           aspect_label(rows[i]));
			for (k = 0; k < MS_STATUS__MAX; k++) {
				unsigned v = cnt[i][status_order[k]];

				if (v == 0)
					continue;
				buf_printf(
				    &c.alt, "%s%s %s", first ? "" : ", ",
				    num(&c, v, 0),
				    word(&c,
				         pfmt(&c, "status.%s",
				              ms_status_key(status_order[k]))));
				first = false;
			}
		}
	} else {
		buf_printf(&c.alt, ". %s", word(&c, "chart.details_below"));
	}
	figure(&c, parent, word(&c, "chart.status_title"));

	tab = table_new(&c, parent,
	                pfmt(&c, "%s: %s", word(&c, "chart.table"),
	                     word(&c, "chart.status_title")));
	row = row_new(&c, tab, true);
	cell(&c, row, word(&c, "chart.aspect"), false);
	for (k = 0; k < MS_STATUS__MAX; k++)
		cell(&c, row,
		     word(&c, pfmt(&c, "status.%s",
		                   ms_status_key(status_order[k]))),
		     true);
	cell(&c, row, word(&c, "chart.total"), true);
	for (i = 0; i < nrows + 1; i++) {
		const unsigned *v = i < nrows ? cnt[i] : tot;
		unsigned s = 0;

		row = row_new(&c, tab, false);
		cell(&c, row,
		     i < nrows
		         ? pfmt(&c, "%s %s", rows[i]->id, aspect_label(rows[i]))
		         : word(&c, "chart.total"),
		     false);
		for (k = 0; k < MS_STATUS__MAX; k++) {
			cell(&c, row, num(&c, v[status_order[k]], 0), true);
			s += v[status_order[k]];
		}
		cell(&c, row, num(&c, s, 0), true);
	}
out:
	free(cnt);
	free(rows);
	chart_fini(&c);
	return ok;
}

/* ---- roadmap ----------------------------------------------------- */

/* One milestone on the roadmap. */
struct rm_item {
	const struct milestone *ms;
	size_t group;
	struct pr_date due;
	double xp, xd;     /* planned and due positions */
	double xa, xb;     /* extent with the label, for packing */
	const char *label; /* the id, shortened to fit */
	double labw;       /* its width */
	bool label_left;   /* label left of the markers (at the far right) */
	int pin_p, pin_d;  /* date off the axis: -1 before, +1 after */
	int lane;
};

struct rm_group {
	const struct aspect *a;
	size_t first, n; /* its items, sorted by position */
	int lanes;
	double top, h;
};

static int
rm_cmp(const void *pa, const void *pb)
{
	const struct rm_item *a = pa, *b = pb;

	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->xa != b->xa)
		return a->xa < b->xa ? -1 : 1;
	return strcmp(a->ms->id, b->ms->id);
}

/* A lane with the position where it becomes free, kept in a min-heap
 * so that packing is O(n log n) even for thousands of milestones. */
struct lane {
	double end;
	int id;
};

static void
heap_push(struct lane *h, size_t *n, struct lane v)
{
	size_t i = (*n)++;

	while (i > 0 && h[(i - 1) / 2].end > v.end) {
		h[i] = h[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h[i] = v;
}

/* Replaces the smallest element and restores the heap. */
static void
heap_replace_top(struct lane *h, size_t n, struct lane v)
{
	size_t i = 0;

	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, s = i;
		double se = v.end;

		if (l < n && h[l].end < se) {
			s = l;
			se = h[l].end;
		}
		if (r < n && h[r].end < se)
			s = r;
		if (s == i)
			break;
		h[i] = h[s];
		i = s;
	}
	h[i] = v;
}

/*
 * Assigns lanes within each group so that markers (and their labels,
 * with `labels`) do not overlap; with more than `cap` lanes needed, a
 * milestone goes to the lane that frees first and may overlap there.
 */
static bool
rm_pack(struct rm_item *it, struct rm_group *g, size_t ng, bool labels, int cap,
        double r, struct lane *heap)
{
	size_t gi, i;
	bool overlap = false;

	for (gi = 0; gi < ng; gi++) {
		size_t nh = 0;
		int lanes = 0;

		for (i = g[gi].first; i < g[gi].first + g[gi].n; i++) {
			struct rm_item *m = &it[i];
			double lo = fmin(m->xp, m->xd) - r - 1;
			double hi = fmax(m->xp, m->xd) + r + 1;
			struct lane top;

			if (labels && m->label_left)
				lo -= m->labw + 2;
			else if (labels)
				hi += m->labw + 2;
			if (nh > 0 && (heap[0].end <= lo || lanes >= cap)) {
				overlap |= heap[0].end > lo;
				top = heap[0];
				m->lane = top.id;
				top.end = fmax(top.end, hi);
				heap_replace_top(heap, nh, top);
			} else {
				m->lane = lanes++;
				heap_push(heap, &nh,
				          (struct lane){hi, m->lane});
			}
		}
		g[gi].lanes = lanes > 0 ? lanes : 1;
	}
	return overlap;
}

/*
 * The most lanes a row may have so that all rows fit in `avail`: rows
 * that need few keep theirs, the crowded ones share the rest.  Uses
 * the lane counts of an uncapped packing.
 */
static int
rm_cap(const struct rm_group *g, size_t ng, double pitch, double minh,
       double avail)
{
	int lo = 1, hi = 1;
	size_t gi;

	for (gi = 0; gi < ng; gi++)
		if (g[gi].lanes > hi)
			hi = g[gi].lanes;
	while (lo < hi) {
		int mid = lo + (hi - lo + 1) / 2;
		double total = 0;

		for (gi = 0; gi < ng; gi++)
			total += fmax((g[gi].lanes < mid ? g[gi].lanes : mid) *
			                  pitch,
			              minh) +
			         4;
		if (total <= avail)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static double
rm_time(struct pr_date d)
{
	return d.y * 12.0 + (d.m - 1) + (d.d - 1) / 31.0;
}

static bool
aspect_in(const struct aspect *a, const struct aspect *only)
{
	int depth;

	for (depth = 0; a != NULL && depth < 16; depth++, a = a->parent)
		if (a == only)
			return true;
	return false;
}

static const struct aspect *
root_of(const struct aspect *a)
{
	int depth;

	for (depth = 0; a->parent != NULL && depth < 16; depth++)
		a = a->parent;
	return a;
}

/* An arrow from (x1, y) to (x2, y), its head touching x2. */
static void
d_arrow(struct drawing *d, double x1, double x2, double y, struct dr_color col)
{
	double dir = x2 > x1 ? 1 : -1, tri[6];

	d_line(d, x1, y, x2 - dir * 4, y, col, 1.2);
	tri[0] = x2;
	tri[1] = y;
	tri[2] = x2 - dir * 5;
	tri[3] = y - 3;
	tri[4] = x2 - dir * 5;
	tri[5] = y + 3;
	fill_only(d_poly(d, DR_POLYGON, tri, 3), col);
}

/* An open chevron at x pointing left (dir < 0) or right: a date off
 * the time axis. */
static void
d_chevron(struct drawing *d, double x, double y, int dir, double h)
{
	double p[6] = {x + (dir < 0 ? 4 : 0), y - h, x + (dir < 0 ? 0 : 4), y,
	               x + (dir < 0 ? 4 : 0), y + h};
	struct dr_item *it = d_poly(d, DR_POLYLINE, p, 3);

	it->stroke_color = INK;
	it->stroke_width = 1.2;
}

bool
chart_roadmap(struct pr_doc *doc, struct pr_node *parent, const struct model *m,
              const struct aspect *only, const struct locale *loc,
              const struct src_pos *pos)
{
	struct chart c;
	struct legend lg;
	struct strmap groupof;
	struct rm_item *it = NULL;
	struct rm_group *g = NULL;
	struct lane *heap = NULL;
	struct pr_node *tab, *row;
	size_t i, n = 0, ng = 0, gi;
	int ys = 0, ye = 0, hs, he, yr, cap = 1 << 30;
	/* The counts of the alt text are analysis.c's. */
	const struct fact_counts *cn = only ? &only->count : &m->totals;
	const unsigned *by_status = cn->by_status;
	unsigned npost = cn->by_schedule[SCHED_POSTPONED];
	unsigned nover = cn->by_schedule[SCHED_OVERDUE];
	int maxpost = cn->max_postponed_months;
	double labw = 110, px0, px1, tmin, tmax, top = 26, pitch, minh,
	       legend_h = 56, avail, y, r = 3.5;
	bool labels, ok = true, first, overlap = false;
	size_t npinned = 0;
	const struct settings *set = &m->settings;

	if (!may_hold_blocks(parent))
		return false;
	chart_init(&c, doc, loc, pos);
	strmap_init(&groupof);
	g = xcalloc(m->naspects + 1, sizeof(*g));
	it = xcalloc(m->nmilestones + 1, sizeof(*it));
	heap = xcalloc(m->nmilestones + 1, sizeof(*heap));
	for (i = 0; i < m->naspects; i++) {
		if (only != NULL && !aspect_in(m->aspects[i], only))
			continue;
		g[ng].a = m->aspects[i];
		strmap_put(&groupof, m->aspects[i]->id, (void *)(ng + 1));
		ng++;
	}
	for (i = 0; i < m->nmilestones; i++) {
		const struct milestone *ms = m->milestones[i];
		struct pr_date due = ms->due;
		size_t gx;

		if (ms->aspect == NULL ||
		    (gx = (size_t)strmap_get(&groupof, ms->aspect->id)) == 0)
			continue;
		if (ms->planned.y == 0 && due.y == 0)
			continue;
		it[n].ms = ms;
		it[n].group = gx - 1;
		it[n].due = due;
		n++;
		if (ms->planned.y && (ys == 0 || ms->planned.y < ys))
			ys = ms->planned.y;
		if (due.y && (ys == 0 || due.y < ys))
			ys = due.y;
		if (ms->planned.y > ye)
			ye = ms->planned.y;
		if (due.y > ye)
			ye = due.y;
	}
	if (n == 0) {
		ok = no_data(&c, parent);
		goto out;
	}
	/* The time axis: the strategy's horizon, widened by up to two
	 * years for dates outside it; further dates are pinned to the
	 * edge (the table has them exactly). */
	hs = set->horizon_start;
	he = set->horizon_end;
	if (hs == 0 || he < hs || he - hs > 30) {
		hs = ys;
		he = ye;
		if (he - hs > 30)
			he = hs + 30;
	}
	ys = ys < hs ? (hs - ys > 2 ? hs - 2 : ys) : hs;
	ye = ye > he ? (ye - he > 2 ? he + 2 : ye) : he;
	tmin = ys * 12.0;
	tmax = (ye + 1) * 12.0;
	px0 = labw + 6;
	px1 = CHART_W - 10; /* room for the arrowheads of pinned dates */
	for (i = 0; i < n; i++) {
		struct rm_item *m_ = &it[i];
		double tp =
		    rm_time(m_->ms->planned.y ? m_->ms->planned : m_->due);
		double td = rm_time(m_->due);

		m_->xp = px0 + (px1 - px0) *
		                   (fmin(fmax(tp, tmin), tmax) - tmin) /
		                   (tmax - tmin);
		m_->xd = px0 + (px1 - px0) *
		                   (fmin(fmax(td, tmin), tmax) - tmin) /
		                   (tmax - tmin);
		m_->pin_p = tp < tmin ? -1 : tp > tmax ? 1 : 0;
		m_->pin_d = td < tmin ? -1 : td > tmax ? 1 : 0;
		npinned += m_->pin_p != 0 || m_->pin_d != 0;
		/* Keep markers inside the plot. */
		m_->xp = fmin(fmax(m_->xp, px0 + r + 1), px1 - r - 1);
		m_->xd = fmin(fmax(m_->xd, px0 + r + 1), px1 - r - 1);
		m_->label = fit(&c, m_->ms->id, 6.5, false, 60);
		m_->labw = drawing_text_width(m_->label, 6.5, false);
		m_->label_left = fmax(m_->xp, m_->xd) + r + 2 + m_->labw > px1;
		m_->xa =
		    fmin(m_->xp, m_->xd) - (m_->label_left ? m_->labw + 2 : 0);
	}
	qsort(it, n, sizeof(*it), rm_cmp);
	for (i = 0; i < n; i++) {
		if (i == 0 || it[i].group != it[i - 1].group)
			g[it[i].group].first = i;
		g[it[i].group].n++;
	}
	/* Drop groups without milestones, keeping the order. */
	for (gi = 0, i = 0; gi < ng; gi++)
		if (g[gi].n > 0)
			g[i++] = g[gi];
	ng = i;

	/* Layout: labelled lanes if they fit, then unlabelled, then
	 * narrower, then a cap on lanes per row (markers then overlap). */
	avail = ROADMAP_MAX_H - top - legend_h - 20;
	minh = 24;
	labels = true;
	pitch = 11;
	for (int attempt = 0;; attempt++) {
		double total = 0;

		if (attempt == 1) {
			labels = false;
			pitch = 9;
		} else if (attempt == 2) {
			pitch = 6;
			if ((double)ng * (minh + 4) > avail)
				minh = 12;
		} else if (attempt == 3) {
			cap = rm_cap(g, ng, pitch, minh, avail);
		}
		overlap = rm_pack(it, g, ng, labels, cap, r, heap);
		for (gi = 0; gi < ng; gi++)
			total += fmax(g[gi].lanes * pitch, minh) + 4;
		if (total <= avail || attempt == 3)
			break;
	}

	c.d = drawing_new(&doc->pool, CHART_W, 100);
	y = top;
	for (gi = 0; gi < ng; gi++) {
		g[gi].top = y;
		g[gi].h = fmax(g[gi].lanes * pitch, minh) + 4;
		y += g[gi].h;
	}
	/* Year grid and labels. */
	for (yr = ys; yr <= ye + 1; yr++) {
		double x =
		    px0 + (px1 - px0) * (yr * 12.0 - tmin) / (tmax - tmin);
		bool edge = yr == hs || yr == he + 1;

		d_line(c.d, x, top - 4, x, y, edge ? INK : GRID,
		       edge ? 0.8 : 0.4);
		if (yr <= ye) {
			double xm = x + (px1 - px0) * 6 / (tmax - tmin);

			d_text(c.d, xm, 14, pfmt(&c, "%d", yr), 8, DR_MIDDLE,
			       yr >= hs && yr <= he,
			       yr >= hs && yr <= he ? INK : MUTED);
		}
	}
	/* Rows: the aspect's id and title, a rule below. */
	for (gi = 0; gi < ng; gi++) {
		const struct aspect *a = g[gi].a;
		double gt = g[gi].top;

		if (g[gi].h >= 22) {
			d_text(c.d, 0, gt + 11, fit(&c, a->id, 8, true, labw),
			       8, DR_START, true, INK);
			d_text(c.d, 0, gt + 20,
			       fit(&c, aspect_label(a), 7, false, labw), 7,
			       DR_START, false, INK);
		} else {
			d_text(c.d, 0, gt + g[gi].h / 2 + 2.5,
			       fit(&c,
			           pfmt(&c, "%s %s", a->id, aspect_label(a)), 7,
			           false, labw),
			       7, DR_START, false, INK);
		}
		/* A stronger rule where the resolution point changes. */
		{
			bool last =
			    gi + 1 == ng || root_of(g[gi + 1].a) != root_of(a);

			d_line(c.d, 0, gt + g[gi].h, CHART_W, gt + g[gi].h,
			       last ? INK : GRID, last ? 0.8 : 0.4);
		}
	}
	/* The cut-off date as a dashed line. */
	if (set->cutoff.y != 0 && rm_time(set->cutoff) >= tmin &&
	    rm_time(set->cutoff) <= tmax) {
		double x = px0 + (px1 - px0) * (rm_time(set->cutoff) - tmin) /
		                     (tmax - tmin);
		struct dr_item *l = d_line(c.d, x, top - 2, x, y, INK, 0.8);

		l->dash = 2;
	}
	/* The milestones, row by row. */
	for (gi = 0; gi < ng; gi++) {
		double inner = g[gi].h - 4;

		for (i = g[gi].first; i < g[gi].first + g[gi].n; i++) {
			const struct rm_item *m_ = &it[i];
			const struct status_style *st =
			    style_for(ms_status_key(m_->ms->status));
			double cy = g[gi].top + 2 +
			            (inner - g[gi].lanes * pitch) / 2 +
			            pitch * (m_->lane + 0.5);

			/* The plan date shows where it differs. */
			if (fabs(m_->xd - m_->xp) > r + 2) {
				d_line(c.d, m_->xp, cy - fmin(4, pitch / 2),
				       m_->xp, cy + fmin(4, pitch / 2), MUTED,
				       1.5);
				d_arrow(c.d, m_->xp,
				        m_->xd - (m_->xd > m_->xp ? r : -r), cy,
				        m_->xd > m_->xp ? LATE : MUTED);
			}
			if (m_->pin_p != 0)
				d_chevron(c.d,
				          m_->pin_p < 0 ? px0 + 1 : px1 + 1, cy,
				          m_->pin_p, fmin(4, pitch / 2));
			if (m_->pin_d != 0 && m_->pin_d != m_->pin_p)
				d_chevron(c.d,
				          m_->pin_d < 0 ? px0 + 1 : px1 + 1, cy,
				          m_->pin_d, fmin(4, pitch / 2));
			d_shape(c.d, st->shape, m_->xd, cy, pitch < 9 ? 2.6 : r,
			        st->color, false);
			if (!labels)
				continue;
			if (m_->label_left)
				d_text(c.d, fmin(m_->xp, m_->xd) - r - 2,
				       cy + 2.3, m_->label, 6.5, DR_END, false,
				       INK);
			else
				d_text(c.d, fmax(m_->xp, m_->xd) + r + 2,
				       cy + 2.3, m_->label, 6.5, DR_START,
				       false, INK);
		}
	}
	/* Legend: plan tick, arrow, the statuses, the cut-off line. */
	legend_init(&lg, c.d, 0, y + 14, CHART_W);
	{
		double x = legend_slot(&lg, &c, word(&c, "chart.plan_date"));
		int k;

		d_line(c.d, x, lg.y - 4, x, lg.y + 4, MUTED, 1.5);
		x = legend_slot(&lg, &c,
		                pfmt(&c, "%s %s", word(&c, "chart.moved"),
		                     word(&c, "chart.due_lc")));
		d_arrow(c.d, x - 7, x + 7, lg.y, LATE);
		for (k = 0; k < MS_STATUS__MAX; k++) {
			enum ms_status s = status_order[k];
			const struct status_style *sty =
			    style_for(ms_status_key(s));

			x = legend_slot(
			    &lg, &c,
			    word(&c, pfmt(&c, "status.%s", ms_status_key(s))));
			d_shape(c.d, sty->shape, x, lg.y, r + 0.5, sty->color,
			        false);
		}
		if (npinned > 0) {
			x = legend_slot(&lg, &c, word(&c, "chart.outside"));
			d_chevron(c.d, x - 4, lg.y, -1, 4);
			d_chevron(c.d, x + 1, lg.y, 1, 4);
		}
		if (overlap) {
			x = legend_slot(&lg, &c, word(&c, "chart.overlap"));
			d_shape(c.d, SHAPE_CIRCLE_HALF, x - 2, lg.y, r, MUTED,
			        false);
			d_shape(c.d, SHAPE_CIRCLE_HALF, x + 2, lg.y, r, MUTED,
			        false);
		}
		if (set->cutoff.y != 0) {
			struct dr_item *l;

			x = legend_slot(&lg, &c,
			                pfmt(&c, "%s %s",
			                     word(&c, "chart.cutoff"),
			                     month_year(&c, set->cutoff)));
			l = d_line(c.d, x, lg.y - 5, x, lg.y + 5, INK, 0.8);
			l->dash = 2;
		}
	}
	c.d->height = lg.y + 10;

	/* Alt text: a summary; the table has every milestone. */
	buf_printf(
	    &c.alt, "%s %d–%d: %s %s %s %s %s", word(&c, "chart.roadmap"), hs,
	    he, num(&c, (double)n, 0),
	    word(&c, n == 1 ? "chart.milestone_n" : "chart.milestones_n"),
	    word(&c, "chart.in"), num(&c, (double)ng, 0),
	    word(&c, ng == 1 ? "chart.aspect_n" : "chart.aspects"));
	first = true;
	for (int k = 0; k < MS_STATUS__MAX; k++) {
		enum ms_status s = status_order[k];

		if (by_status[s] == 0)
			continue;
		buf_printf(&c.alt, "%s%s %s", first ? "; " : ", ",
		           num(&c, by_status[s], 0),
		           word(&c, pfmt(&c, "status.%s", ms_status_key(s))));
		first = false;
	}
	if (npost > 0)
		buf_printf(&c.alt, "; %s %s %s %s %s", num(&c, npost, 0),
		           word(&c, "schedule.postponed"),
		           word(&c, "chart.up_to"), num(&c, maxpost, 0),
		           word(&c, "chart.months"));
	if (nover > 0)
		buf_printf(&c.alt, "; %s %s", num(&c, nover, 0),
		           word(&c, "schedule.overdue"));
	buf_printf(&c.alt, ". %s", word(&c, "chart.details_below"));
	figure(&c, parent,
	       only ? pfmt(&c, "%s %d–%d: %s %s", word(&c, "chart.roadmap"), hs,
	                   he, only->id, aspect_label(only))
	            : pfmt(&c, "%s %d–%d", word(&c, "chart.roadmap"), hs, he));

	tab = table_new(&c, parent,
	                pfmt(&c, "%s: %s %d–%d", word(&c, "chart.table"),
	                     word(&c, "chart.roadmap"), hs, he));
	row = row_new(&c, tab, true);
	cell(&c, row, word(&c, "chart.milestone"), false);
	cell(&c, row, word(&c, "chart.aspect"), false);
	cell(&c, row, word(&c, "chart.plan_date"), false);
	cell(&c, row, word(&c, "chart.due"), false);
	cell(&c, row, word(&c, "chart.postponed_months"), true);
	cell(&c, row, word(&c, "chart.status"), false);
	for (i = 0; i < n; i++) {
		const struct milestone *ms = it[i].ms;

		row = row_new(&c, tab, false);
		cell(&c, row,
		     pfmt(&c, "%s %s", ms->id, ms->title ? ms->title : ""),
		     false);
		cell(&c, row, ms->aspect->id, false);
		cell(&c, row, month_year(&c, ms->planned), false);
		cell(&c, row, month_year(&c, it[i].due), false);
		cell(&c, row, num(&c, ms->postponed_months, 0), true);
		status_cell(
		    &c, row, ms_status_key(ms->status),
		    word(&c, pfmt(&c, "status.%s", ms_status_key(ms->status))));
	}
out:
	free(it);
	free(g);
	free(heap);
	strmap_free(&groupof);
	chart_fini(&c);
	return ok;
}
