/*
 * chart.c - what the four charts share (chart_int.h): an indicator's
 * trend (chart_trend.c), progress toward target (chart_progress.c),
 * milestones by status per aspect (chart_status.c) and the roadmap
 * (chart_roadmap.c).
 *
 * Each chart is computed once into a drawing (drawing.h) that both
 * renderers paint, so the PDF and the HTML show the same geometry.  The
 * data table is generated from the same numbers as the drawing,
 * formatted by the locale; the alt text is a short summary (what the
 * chart is, which way is better, the verdict) that points to the table.
 *
 * Layout rules shared by all charts: the drawing is CHART_W points wide
 * (the PDF text column; in large print CHART_W_LARGE, scaled up to the
 * column, so that its text grows with the body text; the SVG scales,
 * not below a width at which its text is 75 % of the body text), all
 * text is CH_FS (at least 9 pt in the PDF), every colour has at least
 * 3:1 contrast against white (WCAG 1.4.11) or is white drawn on such a
 * colour, and a status is always told by a shape and a word, never by
 * colour alone.  No text is cut:
 * long labels wrap onto more lines (ch_wrap), columns are as wide as
 * their widest word.  No label is crossed or covered: labels are placed
 * after the data at the first candidate position that touches nothing
 * drawn (ch_place, drawing_item_hits), and grid lines, axes and the
 * cut-off line are drawn afterwards with a gap wherever a label lies on
 * them, then moved under the data (ch_rule, ch_rules_end); a value
 * label with no free place is left out (the table has the number).
 * Nothing is drawn outside the drawing's bounds: out-of-range dates
 * are pinned to the edge of the time axis (the table gives the exact
 * date).
 */
#include "chart_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
chart_init(struct chart *c, const struct comp_ctx *cx)
{
	memset(c, 0, sizeof(*c));
	c->cx = cx;
	c->doc = cx->doc;
	c->m = cx->model;
	c->loc = cx->loc;
	c->pos = cx->pos;
	c->text_lang = cx->text_lang;
	c->w = cx->model->settings.large_print ? CHART_W_LARGE : CHART_W;
	buf_init(&c->alt);
	buf_init(&c->tmp);
}

void
chart_fini(struct chart *c)
{
	buf_free(&c->alt);
	buf_free(&c->tmp);
}

const char *
ch_word(const struct chart *c, const char *key)
{
	return locale_str(c->loc, key);
}

/* A number in the locale's format, as a string in the document pool. */
const char *
ch_num(struct chart *c, double v, int decimals)
{
	buf_reset(&c->tmp);
	locale_number(c->loc, v, decimals, &c->tmp);
	return pool_strdup(&c->doc->pool, c->tmp.data);
}

const char *
ch_percent(struct chart *c, double share)
{
	buf_reset(&c->tmp);
	locale_number(c->loc, share * 100, 0, &c->tmp);
	buf_puts(&c->tmp, ch_word(c, "chart.percent"));
	return pool_strdup(&c->doc->pool, c->tmp.data);
}

const char *
ch_month_year(struct chart *c, struct pr_date d)
{
	buf_reset(&c->tmp);
	locale_month_year(c->loc, d, &c->tmp);
	return pool_strdup(&c->doc->pool, c->tmp.data);
}

const char *
ch_value(struct chart *c, double v, int decimals, const char *unit)
{
	const char *f = ch_word(c, "number.percent");
	const char *s = strstr(f, "%s");

	buf_reset(&c->tmp);
	locale_number(c->loc, v, decimals, &c->tmp);
	if (unit != NULL && strcmp(unit, "%") == 0 && s != NULL) {
		char *num = pool_strdup(&c->doc->pool, c->tmp.data);

		buf_reset(&c->tmp);
		buf_append(&c->tmp, f, (size_t)(s - f));
		buf_puts(&c->tmp, num);
		buf_puts(&c->tmp, s + 2);
	} else if (unit != NULL && *unit != '\0') {
		buf_printf(&c->tmp, "\u00A0%s", unit);
	}
	return pool_strdup(&c->doc->pool, c->tmp.data);
}

void
ch_alt_about(struct chart *c, const char *about)
{
	buf_reset(&c->alt);
	buf_printf(&c->alt, "%s: ", about);
	c->alt_named = c->alt.len;
}

const char *
ch_pfmt(struct chart *c, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&c->tmp);
	va_start(ap, fmt);
	buf_vprintf(&c->tmp, fmt, ap);
	va_end(ap);
	return pool_strdup(&c->doc->pool, c->tmp.data);
}

/* The longest prefix of s (at least one character) that is at most
 * maxw wide; a break after a hyphen or slash is preferred. */
static size_t
prefix_fitting(const char *s, size_t len, double size, bool bold, double maxw,
               struct buf *b)
{
	size_t i = 0, best = 0, soft = 0;
	unsigned cp;
	int n;

	buf_reset(b);
	while (i < len && (n = utf8_decode(s + i, &cp)) > 0) {
		buf_append(b, s + i, (size_t)n);
		if (best > 0 && drawing_text_width(b->data, size, bold) > maxw)
			break;
		i += (size_t)n;
		best = i;
		if (cp == '-' || cp == '/')
			soft = i;
	}
	return soft > 0 && best < len ? soft : best;
}

double
ch_widest_word(const char *s, double size, bool bold)
{
	struct buf w;
	double max = 0;

	buf_init(&w);
	while (s != NULL && *s != '\0') {
		size_t n = strcspn(s, " ");

		buf_reset(&w);
		buf_append(&w, s, n);
		max = fmax(max, drawing_text_width(w.data, size, bold));
		s += n;
		while (*s == ' ')
			s++;
	}
	buf_free(&w);
	return max;
}

int
ch_wrap(struct chart *c, const char *s, double size, bool bold, double maxw,
        const char **lines, int max)
{
	struct buf line, tmp;
	int n = 0;

	buf_init(&line);
	buf_init(&tmp);
	while (s != NULL && *s != '\0') {
		size_t wl = strcspn(s, " "), keep = line.len, k;

		if (line.len > 0)
			buf_putc(&line, ' ');
		buf_append(&line, s, wl);
		if (drawing_text_width(line.data, size, bold) > maxw &&
		    n < max - 1) {
			if (keep > 0) { /* the word starts the next line */
				line.len = keep;
				line.data[keep] = '\0';
				lines[n++] =
				    pool_strdup(&c->doc->pool, line.data);
				buf_reset(&line);
				continue;
			}
			/* A word too wide on a line of its own is broken. */
			k = prefix_fitting(s, wl, size, bold, maxw, &tmp);
			buf_reset(&tmp);
			buf_append(&tmp, s, k);
			lines[n++] = pool_strdup(&c->doc->pool, tmp.data);
			buf_reset(&line);
			s += k;
			continue;
		}
		s += wl;
		while (*s == ' ')
			s++;
	}
	if (line.len > 0 || n == 0)
		lines[n++] =
		    pool_strdup(&c->doc->pool, line.len ? line.data : "");
	buf_free(&line);
	buf_free(&tmp);
	return n;
}

/* ---- drawing primitives ------------------------------------------ */

struct dr_item *
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

struct dr_item *
d_poly(struct drawing *d, enum dr_op op, const double *xy, size_t npts)
{
	struct dr_item *it = drawing_add(d, op);

	it->pts = drawing_points(d, npts);
	memcpy(it->pts, xy, npts * 2 * sizeof(double));
	it->npts = npts;
	return it;
}

struct dr_item *
d_rect(struct drawing *d, double x, double y, double w, double h)
{
	struct dr_item *it = drawing_add(d, DR_RECT);

	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	return it;
}

struct dr_item *
d_circle(struct drawing *d, double x, double y, double r)
{
	struct dr_item *it = drawing_add(d, DR_CIRCLE);

	it->x = x;
	it->y = y;
	it->r = r;
	return it;
}

struct dr_item *
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

struct dr_item *
ch_text(struct chart *c, double x, double y, const char *s,
        enum dr_anchor anchor, bool bold, struct dr_color col, bool input)
{
	struct dr_item *it = d_text(c->d, x, y, s, CH_FS, anchor, bold, col);

	if (input)
		it->lang = c->text_lang;
	return it;
}

double
ch_lines(struct chart *c, double x, double y, const char *const *lines, int n,
         enum dr_anchor anchor, bool bold, struct dr_color col, bool input)
{
	for (int i = 0; i < n; i++)
		ch_text(c, x, y + CH_LEAD * i, lines[i], anchor, bold, col,
		        input);
	return y + CH_LEAD * (n > 0 ? n - 1 : 0);
}

bool
ch_place(struct chart *c, const double *xy, size_t n, const char *s,
         enum dr_anchor anchor, bool bold, struct dr_color col)
{
	struct dr_item probe;
	size_t i, j;

	memset(&probe, 0, sizeof(probe));
	probe.op = DR_TEXT;
	probe.text = s;
	probe.size = CH_FS;
	probe.anchor = anchor;
	probe.bold = bold;
	for (i = 0; i < n; i++) {
		struct dr_box b;

		probe.x = xy[2 * i];
		probe.y = xy[2 * i + 1];
		b = drawing_text_box(&probe);
		if (b.x0 < 0 || b.x1 > c->d->width || b.y0 < 0)
			continue;
		for (j = 0; j < c->d->nitems; j++)
			if (drawing_item_hits(&c->d->items[j], b))
				break;
		if (j == c->d->nitems) {
			ch_text(c, probe.x, probe.y, s, anchor, bold, col,
			        false);
			return true;
		}
	}
	return false;
}

size_t
ch_rules_begin(const struct chart *c)
{
	return c->d->nitems;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * An axis-aligned rule with a gap wherever a text's box (and a point of
 * air) lies on it: the pieces between the gaps are drawn.
 */
void
ch_rule(struct chart *c, double x1, double y1, double x2, double y2,
        struct dr_color col, double width, double dash)
{
	bool vert = fabs(x1 - x2) < fabs(y1 - y2);
	double lo = vert ? fmin(y1, y2) : fmin(x1, x2);
	double hi = vert ? fmax(y1, y2) : fmax(x1, x2);
	double at = vert ? x1 : y1, *gap;
	size_t i, ng = 0, n = c->d->nitems;

	gap = xcalloc(2 * n + 2, sizeof(*gap));
	for (i = 0; i < n; i++) {
		const struct dr_item *t = &c->d->items[i];
		struct dr_box b;

		if (t->op != DR_TEXT || t->text == NULL || t->text[0] == '\0')
			continue;
		b = drawing_text_box(t);
		b = (struct dr_box){b.x0 - 1, b.y0 - 1, b.x1 + 1, b.y1 + 1};
		if (vert ? (at + width / 2 > b.x0 && at - width / 2 < b.x1)
		         : (at + width / 2 > b.y0 && at - width / 2 < b.y1)) {
			gap[2 * ng] = vert ? b.y0 : b.x0;
			gap[2 * ng + 1] = vert ? b.y1 : b.x1;
			ng++;
		}
	}
	/* Sorted by start; each gap moves `lo` past it. */
	qsort(gap, ng, 2 * sizeof(*gap), cmp_double);
	for (i = 0; i <= ng && lo < hi; i++) {
		double end = i < ng ? fmin(gap[2 * i], hi) : hi;
		struct dr_item *it;

		if (end - lo > 0.5) {
			it = vert ? d_line(c->d, at, lo, at, end, col, width)
			          : d_line(c->d, lo, at, end, at, col, width);
			it->dash = dash;
		}
		if (i < ng)
			lo = fmax(lo, gap[2 * i + 1]);
	}
	free(gap);
}

void
ch_rules_end(struct chart *c, size_t at, size_t first)
{
	struct drawing *d = c->d;
	size_t nr = d->nitems - first, nd = first - at;
	struct dr_item *tmp;

	if (nr == 0 || nd == 0)
		return;
	tmp = xcalloc(nr, sizeof(*tmp));
	memcpy(tmp, d->items + first, nr * sizeof(*tmp));
	memmove(d->items + at + nr, d->items + at, nd * sizeof(*tmp));
	memcpy(d->items + at, tmp, nr * sizeof(*tmp));
	free(tmp);
}

void
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
void
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

void
legend_init(struct legend *lg, struct drawing *d, double x0, double y,
            double maxx)
{
	lg->d = d;
	lg->x0 = lg->x = x0;
	lg->y = y;
	lg->maxx = maxx;
	lg->ylast = y;
	lg->rows = 1;
}

/* Places the label of the next entry, wrapped where it is wider than
 * a row, and returns the centre of its symbol, which the caller draws. */
double
legend_slot(struct legend *lg, struct chart *c, const char *label)
{
	const char *lines[CH_MAXLINES];
	int n = ch_wrap(c, label, CH_FS, false, lg->maxx - lg->x0 - 18, lines,
	                CH_MAXLINES);
	double w = 0, at;

	for (int i = 0; i < n; i++)
		w = fmax(w, drawing_text_width(lines[i], CH_FS, false));
	w += 18 + 14;
	if (lg->x > lg->x0 && lg->x + w - 14 > lg->maxx) {
		lg->x = lg->x0;
		lg->y = lg->ylast + 17;
		lg->rows++;
	}
	at = lg->x;
	lg->ylast = fmax(lg->ylast, ch_lines(c, at + 18, lg->y + 3.5, lines, n,
	                                     DR_START, false, INK, false) -
	                                3.5);
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

/* A value axis over lo..hi that always includes zero, with "nice"
 * steps of 1, 2 or 5 times a power of ten.  False if the range cannot
 * be drawn (not finite). */
bool
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

/* Words of the report around a text from the inputs. */
static void
put_mixed(struct chart *c, struct pr_node *n, const char *before,
          const char *input, const char *after)
{
	if (before != NULL && *before != '\0')
		pr_append_text(c->doc, n, c->pos, before);
	comp_put_input(c->cx, n, input);
	if (after != NULL && *after != '\0')
		pr_append_text(c->doc, n, c->pos, after);
}

struct pr_node *
ch_table(struct chart *c, struct pr_node *parent, const char *before,
         const char *input, const char *after)
{
	struct pr_node *t = pr_node_new(c->doc, PR_TABLE, c->pos);
	struct pr_node *cap = pr_node_new(c->doc, PR_CAPTION, c->pos);

	pr_node_append(t, cap);
	put_mixed(c, cap, before, input, after);
	pr_node_append(parent, t);
	return t;
}

struct pr_node *
ch_row(struct chart *c, struct pr_node *table, bool header)
{
	struct pr_node *r = pr_node_new(c->doc, PR_ROW, c->pos);

	r->u.row.header = header;
	pr_node_append(table, r);
	return r;
}

/* Header cells of a header row are column headers; the first cell of a
 * body row is its row header; numbers are right-aligned. */
void
ch_cell(struct chart *c, struct pr_node *row, const char *text, bool number)
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

void
ch_cell_in(struct chart *c, struct pr_node *row, const char *before,
           const char *input, const char *after)
{
	ch_cell(c, row, NULL, false);
	put_mixed(c, row->last, before, input, after);
}

/* A cell with a status: its symbol and word, never the colour alone. */
void
ch_status_cell(struct chart *c, struct pr_node *row, const char *key,
               const char *text)
{
	struct pr_node *n =
	    pr_new_cell(c->doc, c->pos, false, PR_SCOPE_NONE, PR_ALIGN_LEFT);
	struct pr_node *st = pr_new_status(c->doc, c->pos, key);

	pr_node_append(row, n);
	pr_node_append(n, st);
	pr_append_text(c->doc, st, c->pos, text);
}

bool
ch_no_data(struct chart *c, struct pr_node *parent)
{
	struct pr_node *p = pr_node_new(c->doc, PR_PARA, c->pos);

	if (!pr_node_append(parent, p))
		return false;
	pr_append_text(c->doc, p, c->pos, ch_word(c, "chart.no_data"));
	return true;
}

/* Appends the FIGURE: drawing, caption, alt text from c->alt. */
void
ch_figure(struct chart *c, struct pr_node *parent, const char *before,
          const char *input, const char *after)
{
	struct pr_node *f = pr_new_figure(c->doc, c->pos, c->alt.data);
	struct pr_node *dn = pr_node_new(c->doc, PR_DRAWING, c->pos);
	struct pr_node *cap = pr_node_new(c->doc, PR_CAPTION, c->pos);

	f->u.figure.named = c->alt_named;
	dn->u.drawing.drawing = c->d;
	pr_node_append(f, dn);
	pr_node_append(f, cap);
	put_mixed(c, cap, before, input, after);
	pr_node_append(parent, f);
}

bool
ch_may_hold_blocks(const struct pr_node *parent)
{
	return parent != NULL && pr_can_contain(parent->type, PR_FIGURE) &&
	       pr_can_contain(parent->type, PR_TABLE) &&
	       pr_can_contain(parent->type, PR_PARA);
}

const char *
ch_course_word(struct chart *c, const char *key)
{
	return ch_word(c, ch_pfmt(c, "course.%s", key));
}

const char *
ch_status_word(struct chart *c, enum ms_status s)
{
	return ch_word(c, ch_pfmt(c, "status.%s", ms_status_key(s)));
}

const enum ms_status ch_status_order[MS_STATUS__MAX] = {
    MS_DONE, MS_IN_PROGRESS, MS_PLANNED, MS_DELAYED, MS_AT_RISK, MS_CANCELLED,
};

const char *
ch_aspect_label(const struct aspect *a)
{
	return a->short_title ? a->short_title : a->title ? a->title : "";
}
