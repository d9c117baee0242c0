/*
 * drawing.c - building drawings.
 */
#include "drawing.h"

#include <math.h>
#include <string.h>

struct drawing *
drawing_new(struct pool *pool, double width, double height)
{
	struct drawing *d = pool_alloc(pool, sizeof(*d));

	d->width = width;
	d->height = height;
	d->pool = pool;
	return d;
}

struct dr_item *
drawing_add(struct drawing *d, enum dr_op op)
{
	struct dr_item *it;

	if (d->nitems == d->cap) {
		/* Reallocated, not taken from the pool, which would keep
		 * every smaller array as well: twice the last one, 16 MB
		 * of the tree of a report of 2,600 pages. */
		size_t cap = d->cap ? d->cap * 2 : 32;

		if (d->items_mem == NULL)
			pool_own(d->pool, &d->items_mem);
		d->items_mem = xrealloc(d->items_mem, cap * sizeof(*d->items));
		d->items = d->items_mem;
		d->cap = cap;
	}
	it = &d->items[d->nitems++];
	memset(it, 0, sizeof(*it));
	it->op = op;
	it->stroke = op != DR_TEXT;
	it->fill = op == DR_TEXT;
	it->stroke_width = 1;
	it->size = 9;
	return it;
}

double *
drawing_points(struct drawing *d, size_t npts)
{
	return pool_alloc(d->pool, npts * 2 * sizeof(double));
}

double
drawing_text_width(const char *s, double size, bool bold)
{
	/* Average advance of DejaVu Sans per class of character, in em. */
	double w = 0;
	unsigned cp;
	int n;

	while ((n = utf8_decode(s, &cp)) > 0) {
		if (cp == ' ')
			w += 0.318;
		else if (cp == '.' || cp == ',' || cp == ':' || cp == 'i' ||
		         cp == 'l' || cp == 'j' || cp == '\'' || cp == '|')
			w += 0.28;
		else if (cp >= '0' && cp <= '9')
			w += 0.636;
		else if (cp >= 'A' && cp <= 'Z')
			w += 0.70;
		else if (cp == 'm' || cp == 'w')
			w += 0.95;
		else
			w += 0.60;
		s += n;
	}
	/* DejaVu Sans Bold is about a tenth wider (its digits 0.696 em) */
	return w * size * (bold ? 1.10 : 1.0);
}

/* The box of a text, with DejaVu Sans' ascent (0.76 em) and descent
 * (0.24 em) and a little air around it. */
struct dr_box
drawing_text_box(const struct dr_item *it)
{
	double w =
	    drawing_text_width(it->text ? it->text : "", it->size, it->bold);
	double x0 = it->anchor == DR_MIDDLE ? it->x - w / 2
	            : it->anchor == DR_END  ? it->x - w
	                                    : it->x;
	double pad = it->size * 0.08;

	return (struct dr_box){x0 - pad, it->y - it->size * 0.76 - pad,
	                       x0 + w + pad, it->y + it->size * 0.24 + pad};
}

static bool
boxes_meet(struct dr_box a, struct dr_box b)
{
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

static struct dr_box
grow(struct dr_box b, double by)
{
	return (struct dr_box){b.x0 - by, b.y0 - by, b.x1 + by, b.y1 + by};
}

/* Whether the segment p-q meets box b (Liang-Barsky clipping). */
static bool
segment_hits(double px, double py, double qx, double qy, struct dr_box b)
{
	double t0 = 0, t1 = 1, dx = qx - px, dy = qy - py;
	double p[4] = {-dx, dx, -dy, dy};
	double q[4] = {px - b.x0, b.x1 - px, py - b.y0, b.y1 - py};

	for (int i = 0; i < 4; i++) {
		if (p[i] == 0) {
			if (q[i] < 0)
				return false;
			continue;
		}
		double t = q[i] / p[i];

		if (p[i] < 0)
			t0 = fmax(t0, t);
		else
			t1 = fmin(t1, t);
		if (t0 > t1)
			return false;
	}
	return true;
}

bool
drawing_item_hits(const struct dr_item *it, struct dr_box b)
{
	double sw = it->stroke ? it->stroke_width / 2 : 0;
	struct dr_box g = grow(b, sw);
	size_t i;

	switch (it->op) {
	case DR_TEXT:
		return boxes_meet(drawing_text_box(it), b);
	case DR_RECT:
		return boxes_meet((struct dr_box){it->x - sw, it->y - sw,
		                                  it->x + it->w + sw,
		                                  it->y + it->h + sw},
		                  b);
	case DR_CIRCLE:
		return boxes_meet(
		    (struct dr_box){it->x - it->r - sw, it->y - it->r - sw,
		                    it->x + it->r + sw, it->y + it->r + sw},
		    b);
	case DR_POLYGON:
		if (it->fill && it->npts > 0) {
			struct dr_box e = {it->pts[0], it->pts[1], it->pts[0],
			                   it->pts[1]};

			for (i = 1; i < it->npts; i++) {
				e.x0 = fmin(e.x0, it->pts[2 * i]);
				e.x1 = fmax(e.x1, it->pts[2 * i]);
				e.y0 = fmin(e.y0, it->pts[2 * i + 1]);
				e.y1 = fmax(e.y1, it->pts[2 * i + 1]);
			}
			if (boxes_meet(grow(e, sw), b))
				return true;
		}
		if (it->npts > 2 && segment_hits(it->pts[2 * it->npts - 2],
		                                 it->pts[2 * it->npts - 1],
		                                 it->pts[0], it->pts[1], g))
			return true;
		/* The sides, as for a polyline. */
		/* fall through */
	case DR_LINE:
	case DR_POLYLINE:
		for (i = 1; i < it->npts; i++)
			if (segment_hits(it->pts[2 * i - 2], it->pts[2 * i - 1],
			                 it->pts[2 * i], it->pts[2 * i + 1], g))
				return true;
		return false;
	}
	return false;
}

static bool
box_holds(struct dr_box outer, struct dr_box in)
{
	return outer.x0 <= in.x0 && outer.y0 <= in.y0 && outer.x1 >= in.x1 &&
	       outer.y1 >= in.y1;
}

size_t
drawing_collisions(const struct drawing *d,
                   void (*fn)(const struct dr_item *, const struct dr_item *,
                              void *),
                   void *arg)
{
	size_t n = 0, i, j, from;

	for (i = 0; i < d->nitems; i++) {
		const struct dr_item *t = &d->items[i];
		struct dr_box b;

		if (t->op != DR_TEXT || t->text == NULL || t->text[0] == '\0')
			continue;
		b = drawing_text_box(t);
		for (from = i; from > 0; from--) {
			const struct dr_item *g = &d->items[from - 1];

			if (g->ground && g->op == DR_RECT &&
			    box_holds((struct dr_box){g->x, g->y, g->x + g->w,
			                              g->y + g->h},
			              b))
				break;
		}
		for (j = from; j < d->nitems; j++) {
			const struct dr_item *o = &d->items[j];

			if (j == i || (o->op == DR_TEXT && j < i))
				continue; /* text pairs once */
			if (drawing_item_hits(o, b)) {
				n++;
				if (fn != NULL)
					fn(t, o, arg);
			}
		}
	}
	return n;
}
