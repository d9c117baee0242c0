/*
 * chart_int.h - what the four charts (chart_trend.c, chart_progress.c,
 * chart_status.c, chart_roadmap.c) share: the colours, the context a
 * chart carries (struct chart), locale-formatted strings in the
 * document pool, drawing primitives, the legend, the value axis and
 * the document-tree helpers for figure, table and cells.  All live in
 * chart.c.  Not for use outside the chart files.
 *
 * Each chart file builds its chart in phases (collect the data, lay
 * out the axes, draw grid, rows, markers and legend, write the alt
 * text, append the data table), one function each, sharing one layout
 * struct that holds what the phases compute.
 */
#ifndef PR_CHART_INT_H
#define PR_CHART_INT_H

#include <stdbool.h>

#include "chart.h"
#include "drawing.h"
#include "style.h"

#define CHART_W 480.0

static const struct dr_color INK = {0x22, 0x22, 0x22};
static const struct dr_color MUTED = {0x59, 0x59, 0x59};
static const struct dr_color GRID = {0x8C, 0x8C, 0x8C}; /* 3.4:1 */
static const struct dr_color SERIES = {0x1F, 0x5F, 0xAD};
static const struct dr_color TARGET = {0x1B, 0x7A, 0x3D};
static const struct dr_color LATE = {0xB3, 0x5C, 0x00};
static const struct dr_color WHITE = {0xFF, 0xFF, 0xFF};

/* What every chart carries around. */
struct chart {
	struct pr_doc *doc;
	const struct locale *loc;
	const struct src_pos *pos;
	struct drawing *d;
	struct buf alt;
	struct buf tmp;
};

void chart_init(struct chart *, struct pr_doc *, const struct locale *,
                const struct src_pos *);
void chart_fini(struct chart *);

/* Words and numbers in the locale's language and format; the strings
 * live in the document pool. */
const char *ch_word(const struct chart *, const char *key);
const char *ch_num(struct chart *, double v, int decimals);
const char *ch_percent(struct chart *, double share);
const char *ch_month_year(struct chart *, struct pr_date);
const char *ch_pfmt(struct chart *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *ch_course_word(struct chart *, const char *key);
const char *ch_status_word(struct chart *, enum ms_status);
/* `s` shortened with an ellipsis so that it is at most `maxw` wide. */
const char *ch_fit(struct chart *, const char *s, double size, bool bold,
                   double maxw);

/* Drawing primitives. */
struct dr_item *d_line(struct drawing *, double x1, double y1, double x2,
                       double y2, struct dr_color, double width);
struct dr_item *d_poly(struct drawing *, enum dr_op, const double *xy,
                       size_t npts);
struct dr_item *d_rect(struct drawing *, double x, double y, double w,
                       double h);
struct dr_item *d_circle(struct drawing *, double x, double y, double r);
struct dr_item *d_text(struct drawing *, double x, double y, const char *s,
                       double size, enum dr_anchor, bool bold, struct dr_color);
void fill_only(struct dr_item *, struct dr_color);
/* A status shape of radius r centred at (x, y); with `knock` drawn in
 * white for use on a coloured ground. */
void d_shape(struct drawing *, enum style_shape, double x, double y, double r,
             struct dr_color, bool knock);

/* A legend laid out in rows from left to right. */
struct legend {
	struct drawing *d;
	double x0, x, y, maxx;
	int rows;
};

void legend_init(struct legend *, struct drawing *, double x0, double y,
                 double maxx);
/* Places the label of the next entry and returns the centre of its
 * symbol, which the caller draws. */
double legend_slot(struct legend *, struct chart *, const char *label);

/* A value axis from lo to hi in "nice" steps. */
struct axis {
	double lo, hi, step;
	int nticks, decimals;
};

bool axis_make(struct axis *, double lo, double hi, int maxticks, bool integer);

/* Document-tree helpers: a table with its caption, a row, a cell (row
 * header first, numbers right-aligned), a cell with a status. */
bool ch_may_hold_blocks(const struct pr_node *parent);
bool ch_no_data(struct chart *, struct pr_node *parent);
void ch_figure(struct chart *, struct pr_node *parent, const char *caption);
struct pr_node *ch_table(struct chart *, struct pr_node *parent,
                         const char *caption);
struct pr_node *ch_row(struct chart *, struct pr_node *table, bool header);
void ch_cell(struct chart *, struct pr_node *row, const char *text,
             bool number);
void ch_status_cell(struct chart *, struct pr_node *row, const char *key,
                    const char *text);

/* Milestone statuses in the order of the stacked bars and legends:
 * finished work first. */
extern const enum ms_status ch_status_order[MS_STATUS__MAX];
const char *ch_aspect_label(const struct aspect *);

#endif
