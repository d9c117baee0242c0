/*
 * drawing.c - building drawings.
 */
#include "drawing.h"

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
		size_t cap = d->cap ? d->cap * 2 : 32;
		struct dr_item *n = pool_alloc(d->pool, cap * sizeof(*n));

		if (d->nitems > 0)
			memcpy(n, d->items, d->nitems * sizeof(*n));
		d->items = n; /* the old array stays in the pool until freed */
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
	return w * size * (bold ? 1.08 : 1.0);
}
