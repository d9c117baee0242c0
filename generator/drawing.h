/*
 * drawing.h - a vector drawing both renderers can paint: the PDF as
 * path operators inside one tagged Figure, the HTML as inline SVG.
 *
 * Charts (chart.c) are turned into a drawing once, while the document
 * tree is built, so both outputs show exactly the same geometry.
 * Coordinates are in PDF points with the origin at the top left and y
 * growing downwards (the SVG convention); the PDF renderer flips them.
 * Everything is allocated in the document's pool.
 */
#ifndef PR_DRAWING_H
#define PR_DRAWING_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct dr_color {
	unsigned char r, g, b;
};

enum dr_op {
	DR_LINE,     /* pts[0..3]: x1 y1 x2 y2 */
	DR_POLYLINE, /* pts: x y pairs, open */
	DR_POLYGON,  /* pts: x y pairs, closed */
	DR_RECT,     /* x y w h */
	DR_CIRCLE,   /* x y (centre) r */
	DR_TEXT      /* x y (baseline) text size anchor bold */
};

enum dr_anchor { DR_START, DR_MIDDLE, DR_END };

struct dr_item {
	enum dr_op op;
	double *pts;
	size_t npts; /* number of points, not of doubles */
	double x, y, w, h, r;
	bool fill, stroke;
	struct dr_color fill_color, stroke_color;
	double stroke_width;
	double dash; /* dash length, 0 for solid */
	const char *text;
	double size;
	enum dr_anchor anchor;
	bool bold;
	const char *lang; /* a text's language when not the report's */
	/* A surface meant to carry text (a plate behind a count): text
	 * inside it does not collide with what lies beneath. */
	bool ground;
};

struct drawing {
	double width, height;
	struct dr_item *items;
	size_t nitems, cap;
	struct pool *pool; /* where points live, and which frees items */
	void *items_mem;   /* items, as the pool frees it (pool_own()) */
};

struct drawing *drawing_new(struct pool *, double width, double height);
/* Appends an item with defaults (black 1pt stroke, no fill); the caller
 * sets the fields it needs on the returned item. */
struct dr_item *drawing_add(struct drawing *, enum dr_op);
double *drawing_points(struct drawing *, size_t npts);

/* Text width estimate for layout inside drawings, in points, for the
 * report's sans-serif font; good to a few percent for Latin text. */
double drawing_text_width(const char *utf8, double size, bool bold);

/* An axis-aligned box: left, top, right, bottom. */
struct dr_box {
	double x0, y0, x1, y1;
};

/* The box a text item covers (from its estimated width, the font's
 * ascent and descent). */
struct dr_box drawing_text_box(const struct dr_item *);
/* Whether item `it` (stroke width included) touches box `b`. */
bool drawing_item_hits(const struct dr_item *it, struct dr_box b);
/*
 * Collisions of texts with anything else drawn: for each text, every
 * other item it touches, except what lies under a ground item drawn
 * before the text that holds the whole text (painter's order).  Calls
 * `fn` for each pair (may be NULL) and returns their number.  The
 * charts place their labels with this test; the tests assert it is 0.
 */
size_t drawing_collisions(const struct drawing *,
                          void (*fn)(const struct dr_item *text,
                                     const struct dr_item *other, void *),
                          void *arg);

#endif
