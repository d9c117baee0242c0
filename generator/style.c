/*
 * style.c - the status table.  Colours are chosen for at least 3:1
 * contrast against white and to stay apart for the common colour
 * vision deficiencies; the shapes carry the meaning on their own.
 */
#include "style.h"

#include <string.h>

static const struct status_style styles[] = {
    {"planned", "\u25CB", SHAPE_CIRCLE_OPEN, {0x59, 0x59, 0x59}},
    {"in_progress", "\u25D0", SHAPE_CIRCLE_HALF, {0x1F, 0x5F, 0xAD}},
    {"done", "\u2714", SHAPE_CHECK, {0x1B, 0x7A, 0x3D}},
    {"delayed", "\u25B2", SHAPE_TRIANGLE, {0xB3, 0x5C, 0x00}},
    {"at_risk", "\u25C6", SHAPE_DIAMOND, {0xB0, 0x1E, 0x2D}},
    {"cancelled", "\u2716", SHAPE_CROSS, {0x4A, 0x4A, 0x4A}},
    {"on_time", "\u2714", SHAPE_CHECK, {0x1B, 0x7A, 0x3D}},
    {"postponed", "\u25B2", SHAPE_TRIANGLE, {0xB3, 0x5C, 0x00}},
    {"overdue", "\u25C6", SHAPE_DIAMOND, {0xB0, 0x1E, 0x2D}},
    {"on_course", "\u2714", SHAPE_CHECK, {0x1B, 0x7A, 0x3D}},
    {"off_course", "\u25C6", SHAPE_DIAMOND, {0xB0, 0x1E, 0x2D}},
    {"no_data", "\u25CB", SHAPE_CIRCLE_OPEN, {0x59, 0x59, 0x59}},
};

static const struct status_style fallback = {
    "", "\u25A0", SHAPE_SQUARE, {0x4A, 0x4A, 0x4A}};

const struct status_style *
style_for(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++)
		if (strcmp(styles[i].key, key) == 0)
			return &styles[i];
	return &fallback;
}
