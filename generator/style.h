/*
 * style.h - how a status is shown, shared by both renderers and the
 * charts so that one status looks the same everywhere.  A status is
 * never told by colour alone: each has a distinct shape (drawn in
 * charts, a symbol glyph in running text) and a text label, which
 * comes from the templates' locale so it can be translated.
 */
#ifndef PR_STYLE_H
#define PR_STYLE_H

#include "drawing.h"

enum style_shape {
	SHAPE_CIRCLE_OPEN, /* planned */
	SHAPE_CIRCLE_HALF, /* in progress */
	SHAPE_CHECK,       /* done, on course */
	SHAPE_TRIANGLE,    /* delayed, postponed */
	SHAPE_DIAMOND,     /* at risk, overdue, off course */
	SHAPE_CROSS,       /* cancelled */
	SHAPE_SQUARE       /* anything else */
};

struct status_style {
	const char *key;    /* "done", "delayed", "on_course" ... */
	const char *symbol; /* UTF-8 glyph for running text */
	enum style_shape shape;
	struct dr_color color; /* at least 3:1 against white (WCAG 1.4.11) */
};

/* The style for a key; an unknown key gets a neutral square. */
const struct status_style *style_for(const char *key);

#endif
