/*
 * components.c - blocks built in C for `{% component ... %}`: tables of
 * milestones (plain and plan against actual), of indicators and their
 * yearly values, the status summary, the glossary and the data
 * sources.  Every table has a caption and header cells with a scope;
 * the first column, which names the row, is a row header.
 *
 * Words come from the locale (table.*, caption.*), so a translation
 * needs no C.
 */
#include "components.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "util.h"

struct tb {
	const struct comp_ctx *c;
	struct pr_node *table, *row;
};

static const char *
word(const struct comp_ctx *c, const char *key)
{
	return locale_str(c->loc, key);
}

static bool
tb_begin(struct tb *t, const struct comp_ctx *c, struct pr_node *holder,
         const char *caption)
{
	struct pr_node *cap;

	t->c = c;
	t->table = pr_node_new(c->doc, PR_TABLE, c->pos);
	t->row = NULL;
	if (!pr_node_append(holder, t->table))
		return false;
	cap = pr_node_new(c->doc, PR_CAPTION, c->pos);
	pr_node_append(t->table, cap);
	pr_append_text(c->doc, cap, c->pos, caption);
	return true;
}

/*
 * Ends a caption with the aspect its table belongs to, "Meilensteine –
 * 01a Homepage", so that a screen reader's list of tables tells the
 * aspects' tables apart; id and name are joined by a no-break space.
 */
static void
tb_caption_of(struct tb *t, const struct comp_arg *of)
{
	const struct aspect *a = of->set ? of->obj : NULL;
	struct pr_node *cap = t->table->first;
	struct buf b;

	if (a == NULL)
		return;
	buf_init(&b);
	buf_printf(&b, " \u2013 %s\u00A0", a->id);
	pr_append_text(t->c->doc, cap, t->c->pos, b.data);
	pr_append_input(t->c->doc, cap, t->c->pos,
	                a->short_title ? a->short_title : a->title,
	                t->c->text_lang);
	buf_free(&b);
}

static void
tb_row(struct tb *t, bool header)
{
	t->row = pr_node_new(t->c->doc, PR_ROW, t->c->pos);
	t->row->u.row.header = header;
	pr_node_append(t->table, t->row);
}

/* A cell; header cells in the header row have scope col, the first
 * cell of a body row (rowhead) scope row. */
static struct pr_node *
tb_cell(struct tb *t, const char *text, bool rowhead, enum pr_align al)
{
	bool head = t->row->u.row.header || rowhead;
	struct pr_node *cell = pr_new_cell(t->c->doc, t->c->pos, head,
	                                   t->row->u.row.header ? PR_SCOPE_COL
	                                   : rowhead            ? PR_SCOPE_ROW
	                                                        : PR_SCOPE_NONE,
	                                   al);

	pr_node_append(t->row, cell);
	if (has_text(text))
		pr_append_text(t->c->doc, cell, t->c->pos, text);
	return cell;
}

/* The one body row of a table with nothing to list: the "none" word
 * as its row header, then `ncols - 1` empty cells. */
static void
tb_empty(struct tb *t, int ncols)
{
	tb_row(t, false);
	tb_cell(t, word(t->c, "table.empty"), true, 0);
	for (int k = 1; k < ncols; k++)
		tb_cell(t, NULL, false, 0);
}

/* Text from the inputs, in their language (pr_append_input); shared
 * with the charts. */
void
comp_put_input(const struct comp_ctx *c, struct pr_node *parent,
               const char *text)
{
	pr_append_input(c->doc, parent, c->pos, text, c->text_lang);
}

/* A cell holding `prefix` (an id, or NULL) and text from the inputs. */
static void
tb_cell_input(struct tb *t, const char *prefix, const char *text, bool rowhead)
{
	struct pr_node *cell = tb_cell(t, NULL, rowhead, PR_ALIGN_NONE);

	if (has_text(prefix)) {
		pr_append_text(t->c->doc, cell, t->c->pos, prefix);
		/* An id never ends a line without its name. */
		pr_append_text(t->c->doc, cell, t->c->pos, "\u00A0");
	}
	comp_put_input(t->c, cell, text);
}

static void
tb_heads(struct tb *t, const char *const *keys, const enum pr_align *al)
{
	tb_row(t, true);
	for (size_t i = 0; keys[i]; i++)
		tb_cell(t, word(t->c, keys[i]), false, al ? al[i] : 0);
}

/* The label of a status-like key, with its symbol in the renderers. */
static void
tb_status(struct tb *t, const char *group, const char *key)
{
	struct pr_node *cell = tb_cell(t, NULL, false, PR_ALIGN_NONE);
	struct pr_node *st = pr_new_status(t->c->doc, t->c->pos, key);
	char k[64];

	snprintf(k, sizeof(k), "%s.%s", group, key);
	pr_append_text(t->c->doc, st, t->c->pos, word(t->c, k));
	pr_node_append(cell, st);
}

static const char *
fmt_date(const struct comp_ctx *c, struct buf *b, struct pr_date d)
{
	buf_reset(b);
	if (d.y == 0)
		buf_puts(b, word(c, "table.none"));
	else
		locale_month_year(c->loc, d, b);
	return b->data;
}

/* "45 %" in the locale's percent form, or "610 Arbeitsplätze": the
 * unit, from the inputs, joined to the number by a no-break space so
 * that a line never ends between them. */
static void
put_value(const struct comp_ctx *c, struct pr_node *parent, double v, int dec,
          const char *unit)
{
	struct buf b;

	buf_init(&b);
	locale_number(c->loc, v, dec, &b);
	if (unit != NULL && strcmp(unit, "%") == 0) {
		const char *f = word(c, "number.percent");
		const char *s = strstr(f, "%s");
		struct buf n;

		buf_init(&n);
		if (s != NULL) {
			buf_append(&n, f, (size_t)(s - f));
			buf_puts(&n, b.data);
			buf_puts(&n, s + 2);
		} else
			buf_printf(&n, "%s\u00A0%%", b.data);
		pr_append_text(c->doc, parent, c->pos, n.data);
		buf_free(&n);
	} else {
		pr_append_text(c->doc, parent, c->pos, b.data);
		if (has_text(unit)) {
			pr_append_text(c->doc, parent, c->pos, "\u00A0");
			comp_put_input(c, parent, unit);
		}
	}
	buf_free(&b);
}

/* A right-aligned cell holding a value and its unit. */
static struct pr_node *
tb_value(struct tb *t, double v, int dec, const char *unit)
{
	struct pr_node *cell = tb_cell(t, NULL, false, PR_ALIGN_RIGHT);

	put_value(t->c, cell, v, dec, unit);
	return cell;
}

static const char *
caption_or(const struct comp_ctx *c, const struct comp_arg *a, const char *key)
{
	return a->set && a->str ? a->str : word(c, key);
}

/* {% component milestone_table milestones=... caption="..." %} */
static const struct comp_param milestone_params[] = {
    {"milestones", CT_MILESTONES, true},
    {"caption", CT_STRING, false},
    {"of", CT_ASPECT, false},
    {NULL, 0, false},
};

static bool
milestone_table(const struct comp_ctx *c, const struct comp_arg *a,
                struct pr_node *holder)
{
	static const char *const heads[] = {"table.milestone", "table.status",
	                                    "table.progress", "table.due",
	                                    NULL};
	static const enum pr_align al[] = {0, 0, PR_ALIGN_RIGHT, 0};
	struct tb t;
	struct buf b;

	if (!tb_begin(&t, c, holder,
	              caption_or(c, &a[1], "caption.milestones")))
		return false;
	tb_caption_of(&t, &a[2]);
	buf_init(&b);
	tb_heads(&t, heads, al);
	for (size_t i = 0; i < a[0].n; i++) {
		const struct milestone *m = a[0].items[i];
		tb_row(&t, false);
		tb_cell_input(&t, m->id, m->title, true);
		tb_status(&t, "status", ms_status_key(m->status));
		tb_value(&t, m->progress, 0, "%");
		tb_cell(&t, fmt_date(c, &b, m->due), false, 0);
	}
	if (a[0].n == 0)
		tb_empty(&t, 4);
	buf_free(&b);
	return true;
}

/* Plan against actual: planned date, forecast or completion, the
 * shift in months and the schedule. */
static bool
plan_table(const struct comp_ctx *c, const struct comp_arg *a,
           struct pr_node *holder)
{
	static const char *const heads[] = {
	    "table.milestone", "table.planned", "table.actual",
	    "table.deviation", "table.status",  NULL};
	static const enum pr_align al[] = {0, 0, 0, PR_ALIGN_RIGHT, 0};
	struct tb t;
	struct buf b;

	if (!tb_begin(&t, c, holder, caption_or(c, &a[1], "caption.plan")))
		return false;
	tb_caption_of(&t, &a[2]);
	buf_init(&b);
	tb_heads(&t, heads, al);
	for (size_t i = 0; i < a[0].n; i++) {
		const struct milestone *m = a[0].items[i];
		/* without a forecast the plan still holds */
		struct pr_date actual = m->due;
		tb_row(&t, false);
		tb_cell_input(&t, m->id, m->title, true);
		tb_cell(&t, fmt_date(c, &b, m->planned), false, 0);
		buf_reset(&b);
		if (actual.y == 0)
			buf_puts(&b, word(c, "table.none"));
		else {
			locale_month_year(c->loc, actual, &b);
			if (m->completed.y)
				buf_printf(&b, " (%s)",
				           word(c, "table.completed"));
		}
		tb_cell(&t, b.data, false, 0);
		buf_reset(&b);
		if (m->postponed_months == 0)
			buf_puts(&b, word(c, "table.no_deviation"));
		else {
			int mo = m->postponed_months;
			buf_puts(&b, mo > 0 ? "+" : "−");
			buf_printf(&b, "%d %s", mo > 0 ? mo : -mo,
			           word(c, (mo == 1 || mo == -1)
			                       ? "table.month"
			                       : "table.months"));
		}
		tb_cell(&t, b.data, false, PR_ALIGN_RIGHT);
		tb_status(&t, "status", ms_status_key(m->status));
	}
	if (a[0].n == 0)
		tb_empty(&t, 5);
	buf_free(&b);
	return true;
}

/* {% component indicator_table indicators=... %} */
static const struct comp_param indicator_params[] = {
    {"indicators", CT_INDICATORS, true},
    {"caption", CT_STRING, false},
    {"of", CT_ASPECT, false},
    {NULL, 0, false},
};

/* "58,9 % (2026)": a value of the indicator with its year. */
static void
value_year_cell(struct tb *t, struct buf *b, const struct indicator *ind,
                double value, int year)
{
	struct pr_node *cell = tb_value(t, value, ind->decimals, ind->unit);

	buf_reset(b);
	buf_printf(b, " (%d)", year);
	pr_append_text(t->c->doc, cell, t->c->pos, b->data);
}

/* "Pp." as an abbreviation with its expansion (/E in the PDF, <abbr
 * title> in the HTML): read out as letters it means nothing. */
static void
put_points(const struct comp_ctx *c, struct pr_node *parent)
{
	struct pr_node *a =
	    pr_new_abbr(c->doc, c->pos, word(c, "table.points_long"));

	pr_append_text(c->doc, a, c->pos, word(c, "table.points"));
	pr_node_append(parent, a);
}

/* "+25 seit 2024 (+125,0 %)": the change against the previous value,
 * in percentage points when the unit is "%" (docs/facts.md). */
static void
change_cell(struct tb *t, struct buf *b, struct buf *tmp,
            const struct indicator *ind)
{
	const struct comp_ctx *c = t->c;
	struct pr_node *cell = tb_cell(t, NULL, false, 0);

	buf_reset(b);
	if (!ind->has_change) {
		pr_append_text(c->doc, cell, c->pos,
		               word(c, "table.no_earlier"));
		return;
	}
	locale_signed(c->loc, ind->change, ind->decimals, b);
	if (ind->unit != NULL && strcmp(ind->unit, "%") == 0) {
		buf_puts(b, "\u00A0");
		pr_append_text(c->doc, cell, c->pos, b->data);
		put_points(c, cell);
		buf_reset(b);
	}
	buf_printf(b, " %s %d (", word(c, "table.since"), ind->earlier_year);
	if (ind->has_change_pct) {
		const char *f = word(c, "number.percent");
		const char *s = strstr(f, "%s");

		buf_reset(tmp);
		locale_signed(c->loc, ind->change_pct, 1, tmp);
		if (s != NULL) {
			buf_append(b, f, (size_t)(s - f));
			buf_puts(b, tmp->data);
			buf_puts(b, s + 2);
		} else
			buf_printf(b, "%s %%", tmp->data);
	} else
		buf_puts(b, word(c, "table.no_relative"));
	buf_putc(b, ')');
	pr_append_text(c->doc, cell, c->pos, b->data);
}

/* "nicht erreichbar; nötig +8,3 Leistungen je Jahr". */
static void
trend_cell(struct tb *t, struct buf *b, const struct indicator *ind)
{
	const struct comp_ctx *c = t->c;
	struct pr_node *cell = tb_cell(t, NULL, false, 0);
	bool pp = ind->unit != NULL && strcmp(ind->unit, "%") == 0;
	char k[64];

	snprintf(k, sizeof(k), "trend.%s", indicator_trend_key(ind->trend));
	pr_append_text(c->doc, cell, c->pos, word(c, k));
	if (!ind->has_required || ind->trend == TREND_REACHED)
		return;
	buf_reset(b);
	buf_printf(b, "; %s ", word(c, "table.needs"));
	locale_signed(c->loc, ind->required_rate, ind->decimals, b);
	pr_append_text(c->doc, cell, c->pos, b->data);
	if (pp || has_text(ind->unit)) {
		pr_append_text(c->doc, cell, c->pos, "\u00A0");
		if (pp)
			put_points(c, cell);
		else
			comp_put_input(c, cell, ind->unit);
	}
	buf_reset(b);
	buf_printf(b, " %s", word(c, "table.per_year"));
	pr_append_text(c->doc, cell, c->pos, b->data);
}

static bool
indicator_table(const struct comp_ctx *c, const struct comp_arg *a,
                struct pr_node *holder)
{
	static const char *const heads[] = {"table.indicator", "table.baseline",
	                                    "table.current",   "table.target",
	                                    "table.change",    "table.course",
	                                    "table.trend",     NULL};
	static const enum pr_align al[] = {
	    0, PR_ALIGN_RIGHT, PR_ALIGN_RIGHT, PR_ALIGN_RIGHT, 0, 0, 0};
	struct tb t;
	struct buf b, v;

	if (!tb_begin(&t, c, holder,
	              caption_or(c, &a[1], "caption.indicators")))
		return false;
	tb_caption_of(&t, &a[2]);
	buf_init(&b);
	buf_init(&v);
	tb_heads(&t, heads, al);
	for (size_t i = 0; i < a[0].n; i++) {
		const struct indicator *ind = a[0].items[i];
		tb_row(&t, false);
		tb_cell_input(&t, NULL, ind->title, true);
		value_year_cell(&t, &b, ind, ind->baseline, ind->baseline_year);
		if (ind->latest_year)
			value_year_cell(&t, &b, ind, ind->latest,
			                ind->latest_year);
		else
			tb_cell(&t, word(c, "table.none"), false,
			        PR_ALIGN_RIGHT);
		value_year_cell(&t, &b, ind, ind->target, ind->target_year);
		change_cell(&t, &b, &v, ind);
		tb_status(&t, "course", indicator_course_key(ind));
		if (ind->baseline_only) {
			buf_reset(&b);
			buf_printf(&b, " (%s)", word(c, "table.baseline_only"));
			pr_append_text(c->doc, t.row->last, c->pos, b.data);
		}
		trend_cell(&t, &b, ind);
	}
	if (a[0].n == 0)
		tb_empty(&t, 7);
	buf_free(&b);
	buf_free(&v);
	return true;
}

/* {% component indicator_values indicator=i %}: the yearly values with
 * baseline and target marked. */
static const struct comp_param values_params[] = {
    {"indicator", CT_INDICATOR, true},
    {"caption", CT_STRING, false},
    {NULL, 0, false},
};

static bool
indicator_values(const struct comp_ctx *c, const struct comp_arg *a,
                 struct pr_node *holder)
{
	const struct indicator *ind = a[0].obj;
	static const char *const heads[] = {"table.year", "table.value",
	                                    "table.remark", NULL};
	static const enum pr_align al[] = {0, PR_ALIGN_RIGHT, 0};
	struct tb t;
	struct buf b;
	bool base_done = false;

	buf_init(&b);
	if (a[1].set && a[1].str)
		buf_puts(&b, a[1].str);
	else
		buf_printf(&b, "%s: ", word(c, "caption.values"));
	if (!tb_begin(&t, c, holder, b.data)) {
		buf_free(&b);
		return false;
	}
	if (!(a[1].set && a[1].str))
		comp_put_input(c, t.table->first, ind->title);
	tb_heads(&t, heads, al);
	for (size_t i = 0; i <= ind->nvalues; i++) {
		/* the baseline's row where its year falls, if not a value */
		if (!base_done && (i == ind->nvalues ||
		                   ind->values[i].year >= ind->baseline_year)) {
			base_done = true;
			if (i == ind->nvalues ||
			    ind->values[i].year != ind->baseline_year) {
				buf_reset(&b);
				buf_printf(&b, "%d", ind->baseline_year);
				tb_row(&t, false);
				tb_cell(&t, b.data, true, 0);
				tb_value(&t, ind->baseline, ind->decimals,
				         ind->unit);
				tb_cell(&t, word(c, "table.baseline"), false,
				        0);
			}
		}
		if (i == ind->nvalues)
			break;
		const struct year_value *yv = &ind->values[i];
		buf_reset(&b);
		buf_printf(&b, "%d", yv->year);
		tb_row(&t, false);
		tb_cell(&t, b.data, true, 0);
		tb_value(&t, yv->value, ind->decimals, ind->unit);
		tb_cell(&t,
		        yv->year == ind->baseline_year
		            ? word(c, "table.baseline")
		            : NULL,
		        false, 0);
	}
	buf_reset(&b);
	buf_printf(&b, "%d", ind->target_year);
	tb_row(&t, false);
	tb_cell(&t, b.data, true, 0);
	tb_value(&t, ind->target, ind->decimals, ind->unit);
	tb_cell(&t, word(c, "table.target"), false, 0);
	buf_free(&b);
	return true;
}

/* {% component status_summary aspects=points %}: milestones by status
 * per aspect, with a total row. */
static const struct comp_param summary_params[] = {
    {"aspects", CT_ASPECTS, false},
    {"caption", CT_STRING, false},
    {NULL, 0, false},
};

/* The statuses in the order the status chart, its table and the
 * text name them (chart.c): done first, cancelled last. */
static const enum ms_status status_order[MS_STATUS__MAX] = {
    MS_DONE, MS_IN_PROGRESS, MS_PLANNED, MS_DELAYED, MS_AT_RISK, MS_CANCELLED,
};

static bool
status_summary(const struct comp_ctx *c, const struct comp_arg *a,
               struct pr_node *holder)
{
	const struct model *m = c->model;
	struct tb t;
	struct buf b;
	unsigned total[MS_STATUS__MAX + 1] = {0};
	const void *const *items;
	size_t n, i;
	const struct aspect **points = NULL;

	if (a[0].set) {
		items = a[0].items;
		n = a[0].n;
	} else {
		points = xcalloc(m->naspects + 1, sizeof(*points));
		for (i = n = 0; i < m->naspects; i++)
			if (m->aspects[i]->parent == NULL)
				points[n++] = m->aspects[i];
		items = (const void *const *)points;
	}
	if (!tb_begin(&t, c, holder, caption_or(c, &a[1], "caption.summary"))) {
		free(points);
		return false;
	}
	buf_init(&b);
	tb_row(&t, true);
	tb_cell(&t, word(c, "table.aspect"), false, 0);
	for (int s = 0; s < MS_STATUS__MAX; s++) {
		char k[64];
		snprintf(k, sizeof(k), "status.%s",
		         ms_status_key(status_order[s]));
		tb_cell(&t, word(c, k), false, PR_ALIGN_RIGHT);
	}
	tb_cell(&t, word(c, "table.total"), false, PR_ALIGN_RIGHT);
	for (i = 0; i < n; i++) {
		const struct aspect *asp = items[i];
		const unsigned *st = asp->count.by_status;
		unsigned sum = 0;
		tb_row(&t, false);
		tb_cell_input(&t, asp->id,
		              asp->short_title ? asp->short_title : asp->title,
		              true);
		for (int s = 0; s < MS_STATUS__MAX; s++) {
			enum ms_status k = status_order[s];
			buf_reset(&b);
			buf_printf(&b, "%u", st[k]);
			tb_cell(&t, b.data, false, PR_ALIGN_RIGHT);
			sum += st[k];
			total[s] += st[k];
		}
		total[MS_STATUS__MAX] += sum;
		buf_reset(&b);
		buf_printf(&b, "%u", sum);
		tb_cell(&t, b.data, false, PR_ALIGN_RIGHT);
	}
	tb_row(&t, false);
	tb_cell(&t, word(c, "table.total"), true, 0);
	for (int s = 0; s <= MS_STATUS__MAX; s++) {
		buf_reset(&b);
		buf_printf(&b, "%u", total[s]);
		tb_cell(&t, b.data, false, PR_ALIGN_RIGHT);
	}
	buf_free(&b);
	free(points);
	return true;
}

/* {% component glossary %} */
static const struct comp_param glossary_params[] = {
    {"caption", CT_STRING, false},
    {NULL, 0, false},
};

/*
 * A sort key after DIN 5007-1, the order of German dictionaries: case
 * ignored, ä, ö, ü as a, o, u, ß as ss; other bytes as they are.
 */
static void
collate_key(const char *s, struct buf *k)
{
	buf_reset(k);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (p[0] == 0xC3 && p[1] != 0) {
			const char *r = NULL;
			switch (p[1]) {
			case 0x84:
			case 0xA4:
				r = "a";
				break;
			case 0x96:
			case 0xB6:
				r = "o";
				break;
			case 0x9C:
			case 0xBC:
				r = "u";
				break;
			case 0x9F:
				r = "ss";
				break;
			default:
				break;
			}
			if (r != NULL) {
				buf_puts(k, r);
				p++;
				continue;
			}
		}
		buf_putc(k,
		         (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
	}
	if (k->data == NULL)
		buf_puts(k, "");
}

static int
by_term(const void *pa, const void *pb)
{
	const struct glossary_entry *a =
	    *(const struct glossary_entry *const *)pa;
	const struct glossary_entry *b =
	    *(const struct glossary_entry *const *)pb;
	struct buf ka, kb;
	int r;

	buf_init(&ka);
	buf_init(&kb);
	collate_key(a->term ? a->term : "", &ka);
	collate_key(b->term ? b->term : "", &kb);
	r = strcmp(ka.data, kb.data);
	if (r == 0)
		r = strcmp(a->term ? a->term : "", b->term ? b->term : "");
	buf_free(&ka);
	buf_free(&kb);
	return r;
}

static bool
glossary(const struct comp_ctx *c, const struct comp_arg *a,
         struct pr_node *holder)
{
	static const char *const heads[] = {"table.term", "table.expansion",
	                                    NULL};
	const struct model *m = c->model;
	struct tb t;

	if (m->nglossary == 0) {
		struct pr_node *p = pr_node_new(c->doc, PR_PARA, c->pos);
		pr_append_text(c->doc, p, c->pos, word(c, "table.no_glossary"));
		return pr_node_append(holder, p);
	}
	if (!tb_begin(&t, c, holder, caption_or(c, &a[0], "caption.glossary")))
		return false;
	tb_heads(&t, heads, NULL);
	/* A reader looks a term up: in alphabetical order, whatever the
	 * order of the inputs. */
	const struct glossary_entry **sorted =
	    xcalloc(m->nglossary, sizeof(*sorted));
	for (size_t i = 0; i < m->nglossary; i++)
		sorted[i] = &m->glossary[i];
	qsort(sorted, m->nglossary, sizeof(*sorted), by_term);
	for (size_t i = 0; i < m->nglossary; i++) {
		const struct glossary_entry *g = sorted[i];
		tb_row(&t, false);
		tb_cell(&t, g->term, true, 0);
		struct pr_node *cell = tb_cell(&t, NULL, false, 0);
		pr_append_input(c->doc, cell, c->pos, g->expansion,
		                has_text(g->lang) ? g->lang
		                                  : c->model->settings.lang);
	}
	free(sorted);
	return true;
}

/* {% component sources %}: a list, each with its link when there is
 * one. */
static const struct comp_param sources_params[] = {
    {NULL, 0, false},
};

static bool
sources(const struct comp_ctx *c, const struct comp_arg *a UNUSED,
        struct pr_node *holder)
{
	const struct model *m = c->model;
	struct pr_node *list;

	if (m->nsources == 0) {
		struct pr_node *p = pr_node_new(c->doc, PR_PARA, c->pos);
		pr_append_text(c->doc, p, c->pos, word(c, "table.no_sources"));
		return pr_node_append(holder, p);
	}
	list = pr_node_new(c->doc, PR_LIST, c->pos);
	if (!pr_node_append(holder, list))
		return false;
	for (size_t i = 0; i < m->nsources; i++) {
		const struct source_entry *s = &m->sources[i];
		struct pr_node *item = pr_node_new(c->doc, PR_ITEM, c->pos);
		struct pr_node *p = pr_node_new(c->doc, PR_PARA, c->pos);
		pr_node_append(list, item);
		pr_node_append(item, p);
		/* inputs.c lets only http(s) addresses through */
		bool web =
		    pr_link_scheme_ok(s->url) && strstr(s->url, "://") != NULL;
		/* The source's name is the link's text, not its address
		 * (WCAG 2.4.4); the host name after it tells a reader of
		 * the printed report where to look. */
		struct pr_node *to = p;
		if (web) {
			to = pr_new_link(c->doc, c->pos, s->url);
			pr_node_append(p, to);
		}
		if (s->title != NULL)
			comp_put_input(c, to, s->title);
		else
			pr_append_text(c->doc, to, c->pos, s->id);
		if (web) {
			const char *h = strstr(s->url, "://") + 3;
			size_t n = strcspn(h, "/?#");
			struct buf b;

			buf_init(&b);
			buf_puts(&b, " (");
			buf_append(&b, h, n);
			buf_putc(&b, ')');
			pr_append_text(c->doc, p, c->pos, b.data);
			buf_free(&b);
		}
	}
	return true;
}

static const struct comp_param plan_params[] = {
    {"milestones", CT_MILESTONES, true},
    {"caption", CT_STRING, false},
    {"of", CT_ASPECT, false},
    {NULL, 0, false},
};

/* The charts (chart_*.c): each appends a figure with its text
 * alternative and a table with the chart's numbers. */
static const struct comp_param trend_params[] = {
    {"indicator", CT_INDICATOR, true},
    {NULL, 0, false},
};

static bool
trend_chart(const struct comp_ctx *c, const struct comp_arg *a,
            struct pr_node *holder)
{
	return chart_indicator_trend(c, holder, a[0].obj);
}

static const struct comp_param progress_params[] = {
    {"indicators", CT_INDICATORS, true},
    {NULL, 0, false},
};

static bool
progress_chart(const struct comp_ctx *c, const struct comp_arg *a,
               struct pr_node *holder)
{
	return chart_indicator_progress(
	    c, holder, (const struct indicator *const *)a[0].items, a[0].n);
}

static const struct comp_param status_chart_params[] = {
    {NULL, 0, false},
};

static bool
status_chart(const struct comp_ctx *c, const struct comp_arg *a UNUSED,
             struct pr_node *holder)
{
	return chart_status_overview(c, holder);
}

static const struct comp_param roadmap_params[] = {
    {"aspect", CT_ASPECT, false},
    {NULL, 0, false},
};

static bool
roadmap(const struct comp_ctx *c, const struct comp_arg *a,
        struct pr_node *holder)
{
	return chart_roadmap(c, holder, a[0].set ? a[0].obj : NULL);
}

static const struct component components[] = {
    {"glossary", glossary_params, glossary},
    {"indicator_table", indicator_params, indicator_table},
    {"indicator_values", values_params, indicator_values},
    {"milestone_table", milestone_params, milestone_table},
    {"plan_table", plan_params, plan_table},
    {"progress_chart", progress_params, progress_chart},
    {"roadmap", roadmap_params, roadmap},
    {"sources", sources_params, sources},
    {"status_chart", status_chart_params, status_chart},
    {"status_summary", summary_params, status_summary},
    {"trend_chart", trend_params, trend_chart},
};

#define NCOMP (sizeof(components) / sizeof(components[0]))

const struct component *
component_find(const char *name)
{
	for (size_t i = 0; i < NCOMP; i++)
		if (strcmp(components[i].name, name) == 0)
			return &components[i];
	return NULL;
}

const char *
component_name(size_t i)
{
	return i < NCOMP ? components[i].name : NULL;
}
