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
/* Large print: drawn narrower and so scaled up to the text column, all
 * chart text at 11 pt, not 9 (narrower still leaves the progress
 * chart's bars no room beside labels whose longest word is long). */
#define CHART_W_LARGE 400.0
/* The size of all chart text: at least 9 pt in the PDF, where the
 * drawing is scaled to the text column (BODY_W, 463 pt), and the
 * line pitch of wrapped labels. */
#define CH_FS   9.5
#define CH_LEAD 11.5

static const struct dr_color INK = {0x22, 0x22, 0x22};
static const struct dr_color MUTED = {0x59, 0x59, 0x59};
static const struct dr_color GRID = {0x8C, 0x8C, 0x8C}; /* 3.4:1 */
static const struct dr_color SERIES = {0x1F, 0x5F, 0xAD};
static const struct dr_color TARGET = {0x1B, 0x7A, 0x3D};
static const struct dr_color LATE = {0xB3, 0x5C, 0x00};
static const struct dr_color WHITE = {0xFF, 0xFF, 0xFF};

/* What every chart carries around. */
struct chart {
	const struct comp_ctx *cx;
	struct pr_doc *doc;
	const struct model *m;
	const struct locale *loc;
	const struct src_pos *pos;
	const char *text_lang; /* the inputs' language, if not the report's */
	struct drawing *d;
	double w; /* the drawing's width: CHART_W, or CHART_W_LARGE */
	struct buf alt;
	size_t
	    alt_named; /* alt's first bytes naming the chart (ch_alt_about) */
	struct buf tmp;
};

void chart_init(struct chart *, const struct comp_ctx *);
void chart_fini(struct chart *);

/* Words and numbers in the locale's language and format; the strings
 * live in the document pool. */
const char *ch_word(const struct chart *, const char *key);
const char *ch_num(struct chart *, double v, int decimals);
const char *ch_percent(struct chart *, double share);
const char *ch_month_year(struct chart *, struct pr_date);
/* "68 %" in the locale's percent form, or "610 Arbeitsplätze". */
const char *ch_value(struct chart *, double v, int decimals, const char *unit);
/* Starts the alt text with what the chart is about ("about: "), so that
 * a screen reader's list of graphics tells the charts apart; the
 * summary follows. */
void ch_alt_about(struct chart *, const char *about);
const char *ch_pfmt(struct chart *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
const char *ch_course_word(struct chart *, const char *key);
const char *ch_status_word(struct chart *, enum ms_status);
/* `s` broken into at most `max` lines of at most `maxw` (at spaces,
 * after a hyphen, and inside a word only when the word alone is too
 * wide); returns the number of lines.  Nothing is left out. */
int ch_wrap(struct chart *, const char *s, double size, bool bold, double maxw,
            const char **lines, int max);
#define CH_MAXLINES 8
/* The width of the widest word of s: the least a column for it needs
 * so that ch_wrap breaks no word. */
double ch_widest_word(const char *s, double size, bool bold);

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
/* A text of the chart in CH_FS; `input` marks text from the inputs. */
struct dr_item *ch_text(struct chart *, double x, double y, const char *s,
                        enum dr_anchor, bool bold, struct dr_color, bool input);
/* Lines of text, the first baseline at y; returns the last baseline. */
double ch_lines(struct chart *, double x, double y, const char *const *lines,
                int n, enum dr_anchor, bool bold, struct dr_color, bool input);
/*
 * A label at the first of `n` candidate positions (x, y pairs of the
 * anchor and baseline) where it touches nothing drawn so far and stays
 * inside the drawing's width; false, and nothing drawn, when every
 * candidate is taken.
 */
bool ch_place(struct chart *, const double *xy, size_t n, const char *s,
              enum dr_anchor, bool bold, struct dr_color);
/*
 * Rules (grid lines, axes, the cut-off line) go under the data but
 * must not cross a label placed later: a chart notes where they belong
 * (ch_rules_begin, the index of the next item), draws data and labels,
 * then draws its rules with ch_rule, which leaves a gap wherever a text
 * lies on the rule, and ch_rules_end moves them to the noted place.
 */
size_t ch_rules_begin(const struct chart *);
void ch_rule(struct chart *, double x1, double y1, double x2, double y2,
             struct dr_color, double width, double dash);
void ch_rules_end(struct chart *, size_t at, size_t first);
/* A status shape of radius r centred at (x, y); with `knock` drawn in
 * white for use on a coloured ground. */
void d_shape(struct drawing *, enum style_shape, double x, double y, double r,
             struct dr_color, bool knock);

/* A legend laid out in rows from left to right. */
struct legend {
	struct drawing *d;
	double x0, x, y, maxx;
	double ylast; /* the last row's baseline with wrapped entries */
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
 * header first, numbers right-aligned), a cell with a status.  The
 * `_in` forms put `input` (from the inputs, marked with its language)
 * after `before` and before `after` (words of the report, may be
 * NULL). */
bool ch_may_hold_blocks(const struct pr_node *parent);
bool ch_no_data(struct chart *, struct pr_node *parent);
void ch_figure(struct chart *, struct pr_node *parent, const char *before,
               const char *input, const char *after);
struct pr_node *ch_table(struct chart *, struct pr_node *parent,
                         const char *before, const char *input,
                         const char *after);
struct pr_node *ch_row(struct chart *, struct pr_node *table, bool header);
void ch_cell(struct chart *, struct pr_node *row, const char *text,
             bool number);
void ch_cell_in(struct chart *, struct pr_node *row, const char *before,
                const char *input, const char *after);
void ch_status_cell(struct chart *, struct pr_node *row, const char *key,
                    const char *text);

/* Milestone statuses in the order of the stacked bars and legends:
 * finished work first. */
extern const enum ms_status ch_status_order[MS_STATUS__MAX];
const char *ch_aspect_label(const struct aspect *);

#endif
