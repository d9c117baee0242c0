/*
 * chart_roadmap.c - the roadmap: milestones per aspect on a time axis
 * over the strategy's horizon, planned date against forecast or
 * completion date, packed into lanes per row; then the alt text (a
 * summary) and the table of every milestone.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart_int.h"

/* The roadmap grows with its rows up to this height (about one A4 text
 * column); beyond it, rows are squeezed and then markers of one row
 * overlap (see rm_layout). */
#define ROADMAP_MAX_H 680.0

/* One milestone on the roadmap. */
struct rm_item {
	const struct milestone *ms;
	size_t group;
	struct pr_date due;
	double xp, xd;     /* planned and due positions */
	double xa;         /* left end with the label, for sorting */
	const char *label; /* the id */
	double labw;       /* its width */
	bool label_left;   /* label left of the markers (at the far right) */
	int pin_p, pin_d;  /* date off the axis: -1 before, +1 after */
	int lane;
};

/* One row: an aspect and its milestones. */
struct rm_group {
	const struct aspect *a;
	size_t first, n; /* its items, sorted by position */
	int lanes;
	double top, h;
	const char *lines[CH_MAXLINES]; /* the title, wrapped */
	int nl;
	double minh; /* the height id and title need */
};

/* A lane with the position where it becomes free, kept in a min-heap
 * so that packing is O(n log n) even for thousands of milestones. */
struct lane {
	double end;
	int id;
};

/* What the phases of one roadmap share. */
struct roadmap {
	struct chart c;
	const struct model *m;
	const struct aspect *only;
	struct rm_item *it;
	struct rm_group *g;
	struct lane *heap;
	size_t n, ng;
	size_t npinned;              /* milestones with a date off the axis */
	int ys, ye;                  /* the years on the axis */
	int hs, he;                  /* the horizon */
	double tmin, tmax, px0, px1; /* months and points of the axis */
	double labw, top, legend_h, r;
	double pitch; /* lane pitch */
	bool titles;  /* the aspects' titles under their ids */
	bool labels;  /* ids beside the markers */
	size_t rules; /* where the rules go (ch_rules_begin) */
	bool overlap; /* markers of a crowded row overlap */
	double y;     /* the rows' bottom */
};

static double
rm_time(struct pr_date d)
{
	return d.y * 12.0 + (d.m - 1) + (d.d - 1) / 31.0;
}

/* The x of a time in months, pinned to the axis. */
static double
rm_x(const struct roadmap *rm, double t)
{
	return rm->px0 + (rm->px1 - rm->px0) *
	                     (fmin(fmax(t, rm->tmin), rm->tmax) - rm->tmin) /
	                     (rm->tmax - rm->tmin);
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

/* The groups (aspects, limited to `only`), the milestones with a date
 * in them, and the years they span; false when there are none. */
static bool
rm_collect(struct roadmap *rm)
{
	const struct model *m = rm->m;
	struct strmap groupof;
	size_t i;

	strmap_init(&groupof);
	rm->g = xcalloc(m->naspects + 1, sizeof(*rm->g));
	rm->it = xcalloc(m->nmilestones + 1, sizeof(*rm->it));
	rm->heap = xcalloc(m->nmilestones + 1, sizeof(*rm->heap));
	for (i = 0; i < m->naspects; i++) {
		if (rm->only != NULL && !aspect_in(m->aspects[i], rm->only))
			continue;
		rm->g[rm->ng].a = m->aspects[i];
		strmap_put(&groupof, m->aspects[i]->id, (void *)(rm->ng + 1));
		rm->ng++;
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
		rm->it[rm->n].ms = ms;
		rm->it[rm->n].group = gx - 1;
		rm->it[rm->n].due = due;
		rm->n++;
		if (ms->planned.y && (rm->ys == 0 || ms->planned.y < rm->ys))
			rm->ys = ms->planned.y;
		if (due.y && (rm->ys == 0 || due.y < rm->ys))
			rm->ys = due.y;
		if (ms->planned.y > rm->ye)
			rm->ye = ms->planned.y;
		if (due.y > rm->ye)
			rm->ye = due.y;
	}
	strmap_free(&groupof);
	return rm->n > 0;
}

/* The label column: wide enough for the widest word of a row's title
 * (so that none is broken) and its id, within limits. */
static void
rm_label_column(struct roadmap *rm)
{
	for (size_t gi = 0; gi < rm->ng; gi++) {
		const struct aspect *a = rm->g[gi].a;

		rm->labw = fmax(
		    rm->labw,
		    fmax(ch_widest_word(ch_aspect_label(a), CH_FS, false) + 2,
		         drawing_text_width(a->id, CH_FS, true) + 2));
	}
	rm->labw = fmin(rm->labw, 170);
}

/* The time axis: the strategy's horizon, widened by up to two years
 * for dates outside it; further dates are pinned to the edge (the
 * table has them exactly). */
static void
rm_axis(struct roadmap *rm)
{
	const struct settings *set = &rm->m->settings;
	int hs = set->horizon_start, he = set->horizon_end;

	if (hs == 0 || he < hs || he - hs > 30) {
		hs = rm->ys;
		he = rm->ye;
		if (he - hs > 30)
			he = hs + 30;
	}
	rm->hs = hs;
	rm->he = he;
	rm->ys = rm->ys < hs ? (hs - rm->ys > 2 ? hs - 2 : rm->ys) : hs;
	rm->ye = rm->ye > he ? (rm->ye - he > 2 ? he + 2 : rm->ye) : he;
	rm->tmin = rm->ys * 12.0;
	rm->tmax = (rm->ye + 1) * 12.0;
	rm->px0 = rm->labw + 6;
	rm->px1 = rm->c.w - 10; /* room for the arrowheads of pinned dates */
}

/* Each milestone's markers on the axis, kept inside the plot, and its
 * label, left of the markers where it would leave the plot. */
static void
rm_place(struct roadmap *rm)
{
	double r = rm->r;
	size_t i;

	for (i = 0; i < rm->n; i++) {
		struct rm_item *m_ = &rm->it[i];
		double tp =
		    rm_time(m_->ms->planned.y ? m_->ms->planned : m_->due);
		double td = rm_time(m_->due);

		m_->xp = rm_x(rm, tp);
		m_->xd = rm_x(rm, td);
		m_->pin_p = tp < rm->tmin ? -1 : tp > rm->tmax ? 1 : 0;
		m_->pin_d = td < rm->tmin ? -1 : td > rm->tmax ? 1 : 0;
		rm->npinned += m_->pin_p != 0 || m_->pin_d != 0;
		m_->xp = fmin(fmax(m_->xp, rm->px0 + r + 1), rm->px1 - r - 1);
		m_->xd = fmin(fmax(m_->xd, rm->px0 + r + 1), rm->px1 - r - 1);
		m_->label = m_->ms->id;
		m_->labw = drawing_text_width(m_->label, CH_FS, false);
		m_->label_left =
		    fmax(m_->xp, m_->xd) + r + 2 + m_->labw > rm->px1;
		m_->xa =
		    fmin(m_->xp, m_->xd) - (m_->label_left ? m_->labw + 2 : 0);
	}
}

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

/* Items sorted by row and position; rows without milestones dropped,
 * keeping the order. */
static void
rm_group_items(struct roadmap *rm)
{
	size_t i, gi;

	qsort(rm->it, rm->n, sizeof(*rm->it), rm_cmp);
	for (i = 0; i < rm->n; i++) {
		if (i == 0 || rm->it[i].group != rm->it[i - 1].group)
			rm->g[rm->it[i].group].first = i;
		rm->g[rm->it[i].group].n++;
	}
	for (gi = 0, i = 0; gi < rm->ng; gi++)
		if (rm->g[gi].n > 0)
			rm->g[i++] = rm->g[gi];
	rm->ng = i;
}

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

/* A row's height with `lanes` lanes. */
static double
row_h(const struct rm_group *g, int lanes, double pitch, bool titles)
{
	return fmax(lanes * pitch, titles ? g->minh : CH_FS + 5) + 4;
}

/*
 * The most lanes a row may have so that all rows fit in `avail`: rows
 * that need few keep theirs, the crowded ones share the rest.  Uses
 * the lane counts of an uncapped packing.
 */
static int
rm_cap(const struct rm_group *g, size_t ng, double pitch, bool titles,
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
			total +=
			    row_h(&g[gi], g[gi].lanes < mid ? g[gi].lanes : mid,
			          pitch, titles);
		if (total <= avail)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

/* The rows' titles, wrapped into the label column. */
static void
rm_titles(struct roadmap *rm)
{
	for (size_t gi = 0; gi < rm->ng; gi++) {
		struct rm_group *g = &rm->g[gi];

		g->nl = ch_wrap(&rm->c, ch_aspect_label(g->a), CH_FS, false,
		                rm->labw, g->lines, CH_MAXLINES);
		g->minh = 13 + CH_LEAD * g->nl + 3;
	}
}

/* Labelled lanes if they fit, then unlabelled, then narrower without
 * the aspects' titles, then a cap on lanes per row (markers then
 * overlap); then each row's top and height. */
static void
rm_layout(struct roadmap *rm)
{
	double avail = ROADMAP_MAX_H - rm->top - rm->legend_h - 20;
	int cap = 1 << 30;
	size_t gi;

	rm_titles(rm);
	rm->titles = true;
	rm->labels = true;
	rm->pitch = 13;
	for (int attempt = 0;; attempt++) {
		double total = 0;

		if (attempt == 1) {
			rm->labels = false;
			rm->pitch = 9;
		} else if (attempt == 2) {
			rm->pitch = 6;
			rm->titles = false;
		} else if (attempt == 3) {
			cap =
			    rm_cap(rm->g, rm->ng, rm->pitch, rm->titles, avail);
		}
		rm->overlap = rm_pack(rm->it, rm->g, rm->ng, rm->labels, cap,
		                      rm->r, rm->heap);
		for (gi = 0; gi < rm->ng; gi++)
			total += row_h(&rm->g[gi], rm->g[gi].lanes, rm->pitch,
			               rm->titles);
		if (total <= avail || attempt == 3)
			break;
	}
	rm->y = rm->top;
	for (gi = 0; gi < rm->ng; gi++) {
		rm->g[gi].top = rm->y;
		rm->g[gi].h =
		    row_h(&rm->g[gi], rm->g[gi].lanes, rm->pitch, rm->titles);
		rm->y += rm->g[gi].h;
	}
}

/* The years' labels, the horizon's in bold. */
static void
rm_grid(struct roadmap *rm)
{
	struct chart *c = &rm->c;
	int yr;

	for (yr = rm->ys; yr <= rm->ye; yr++) {
		bool in = yr >= rm->hs && yr <= rm->he;

		ch_text(c,
		        rm_x(rm, yr * 12.0) +
		            (rm->px1 - rm->px0) * 6 / (rm->tmax - rm->tmin),
		        14, ch_pfmt(c, "%d", yr), DR_MIDDLE, in,
		        in ? INK : MUTED, false);
	}
	rm->rules = ch_rules_begin(c);
}

/* Year grid, the rows' rules (a stronger one where the resolution
 * point changes) and the cut-off date as a dashed line: under the
 * markers, around the labels. */
static void
rm_rules(struct roadmap *rm)
{
	struct chart *c = &rm->c;
	struct pr_date cut = rm->m->settings.cutoff;
	size_t first = c->d->nitems, gi;
	int yr;

	for (yr = rm->ys; yr <= rm->ye + 1; yr++) {
		bool edge = yr == rm->hs || yr == rm->he + 1;
		double x = rm_x(rm, yr * 12.0);

		ch_rule(c, x, rm->top - 4, x, rm->y, edge ? INK : GRID,
		        edge ? 0.8 : 0.4, 0);
	}
	for (gi = 0; gi < rm->ng; gi++) {
		const struct rm_group *g = &rm->g[gi];
		bool last = gi + 1 == rm->ng ||
		            root_of(rm->g[gi + 1].a) != root_of(g->a);

		ch_rule(c, 0, g->top + g->h, c->w, g->top + g->h,
		        last ? INK : GRID, last ? 0.8 : 0.4, 0);
	}
	if (cut.y != 0 && rm_time(cut) >= rm->tmin && rm_time(cut) <= rm->tmax)
		ch_rule(c, rm_x(rm, rm_time(cut)), rm->top - 2,
		        rm_x(rm, rm_time(cut)), rm->y, INK, 0.8, 2);
	ch_rules_end(c, rm->rules, first);
}

/* Rows: the aspect's id, and its title where there is room. */
static void
rm_rows(struct roadmap *rm)
{
	struct chart *c = &rm->c;

	for (size_t gi = 0; gi < rm->ng; gi++) {
		const struct rm_group *g = &rm->g[gi];

		if (rm->titles) {
			ch_text(c, 0, g->top + 13, g->a->id, DR_START, true,
			        INK, false);
			ch_lines(c, 0, g->top + 13 + CH_LEAD, g->lines, g->nl,
			         DR_START, false, INK, true);
		} else {
			ch_text(c, 0, g->top + g->h / 2 + 3.5, g->a->id,
			        DR_START, true, INK, false);
		}
	}
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

/* One milestone on its lane at cy: the plan date with an arrow to the
 * due date where they differ, chevrons for dates off the axis, the
 * status shape, and the id. */
static void
rm_marker(struct roadmap *rm, const struct rm_item *m_, double cy)
{
	struct drawing *d = rm->c.d;
	const struct status_style *st =
	    style_for(ms_status_key(m_->ms->status));
	double r = rm->r, tick = fmin(4, rm->pitch / 2);

	if (fabs(m_->xd - m_->xp) > r + 2) {
		d_line(d, m_->xp, cy - tick, m_->xp, cy + tick, MUTED, 1.5);
		d_arrow(d, m_->xp, m_->xd - (m_->xd > m_->xp ? r : -r), cy,
		        m_->xd > m_->xp ? LATE : MUTED);
	}
	if (m_->pin_p != 0)
		d_chevron(d, m_->pin_p < 0 ? rm->px0 + 1 : rm->px1 + 1, cy,
		          m_->pin_p, tick);
	if (m_->pin_d != 0 && m_->pin_d != m_->pin_p)
		d_chevron(d, m_->pin_d < 0 ? rm->px0 + 1 : rm->px1 + 1, cy,
		          m_->pin_d, tick);
	d_shape(d, st->shape, m_->xd, cy, rm->pitch < 9 ? 2.6 : r, st->color,
	        false);
}

/* The id beside the markers, on the side packing made room for, else
 * on the other; none where both are taken (the table has it). */
static void
rm_label(struct roadmap *rm, const struct rm_item *m_, double cy)
{
	double r = rm->r;
	double right[] = {fmax(m_->xp, m_->xd) + r + 2, cy + 3.5};
	double left[] = {fmin(m_->xp, m_->xd) - r - 2, cy + 3.5};

	if (m_->label_left) {
		if (!ch_place(&rm->c, left, 1, m_->label, DR_END, false, INK))
			ch_place(&rm->c, right, 1, m_->label, DR_START, false,
			         INK);
	} else if (!ch_place(&rm->c, right, 1, m_->label, DR_START, false,
	                     INK)) {
		ch_place(&rm->c, left, 1, m_->label, DR_END, false, INK);
	}
}

/* The lane's centre of an item in a row. */
static double
rm_cy(const struct roadmap *rm, const struct rm_group *g,
      const struct rm_item *m_)
{
	return g->top + 2 + (g->h - 4 - g->lanes * rm->pitch) / 2 +
	       rm->pitch * (m_->lane + 0.5);
}

/* The milestones, row by row, then their ids where they fit. */
static void
rm_markers(struct roadmap *rm)
{
	size_t gi, i;

	for (gi = 0; gi < rm->ng; gi++)
		for (i = rm->g[gi].first; i < rm->g[gi].first + rm->g[gi].n;
		     i++)
			rm_marker(rm, &rm->it[i],
			          rm_cy(rm, &rm->g[gi], &rm->it[i]));
	if (!rm->labels)
		return;
	for (gi = 0; gi < rm->ng; gi++)
		for (i = rm->g[gi].first; i < rm->g[gi].first + rm->g[gi].n;
		     i++)
			rm_label(rm, &rm->it[i],
			         rm_cy(rm, &rm->g[gi], &rm->it[i]));
}

/* Legend: plan tick, arrow, the statuses, pinned dates and overlaps
 * where there are any, the cut-off line. */
static void
rm_legend(struct roadmap *rm)
{
	struct chart *c = &rm->c;
	const struct settings *set = &rm->m->settings;
	struct legend lg;
	double x, r = rm->r;
	int k;

	legend_init(&lg, c->d, 0, rm->y + 18, c->w);
	x = legend_slot(&lg, c, ch_word(c, "chart.plan_date"));
	d_line(c->d, x, lg.y - 4, x, lg.y + 4, MUTED, 1.5);
	x = legend_slot(&lg, c,
	                ch_pfmt(c, "%s %s", ch_word(c, "chart.moved"),
	                        ch_word(c, "chart.due_lc")));
	d_arrow(c->d, x - 7, x + 7, lg.y, LATE);
	for (k = 0; k < MS_STATUS__MAX; k++) {
		enum ms_status s = ch_status_order[k];
		const struct status_style *sty = style_for(ms_status_key(s));

		x = legend_slot(&lg, c, ch_status_word(c, s));
		d_shape(c->d, sty->shape, x, lg.y, r + 0.5, sty->color, false);
	}
	if (rm->npinned > 0) {
		x = legend_slot(&lg, c, ch_word(c, "chart.outside"));
		d_chevron(c->d, x - 4, lg.y, -1, 4);
		d_chevron(c->d, x + 1, lg.y, 1, 4);
	}
	if (rm->overlap) {
		x = legend_slot(&lg, c, ch_word(c, "chart.overlap"));
		d_shape(c->d, SHAPE_CIRCLE_HALF, x - 2, lg.y, r, MUTED, false);
		d_shape(c->d, SHAPE_CIRCLE_HALF, x + 2, lg.y, r, MUTED, false);
	}
	if (set->cutoff.y != 0) {
		struct dr_item *l;

		x = legend_slot(&lg, c,
		                ch_pfmt(c, "%s %s", ch_word(c, "chart.cutoff"),
		                        ch_month_year(c, set->cutoff)));
		l = d_line(c->d, x, lg.y - 5, x, lg.y + 5, INK, 0.8);
		l->dash = 2;
	}
	c->d->height = lg.ylast + 10;
}

/* Alt text: a summary with analysis.c's counts; the table has every
 * milestone. */
static void
rm_alt(struct roadmap *rm)
{
	struct chart *c = &rm->c;
	const struct fact_counts *cn =
	    rm->only ? &rm->only->count : &rm->m->totals;
	unsigned npost = cn->by_schedule[SCHED_POSTPONED];
	unsigned nover = cn->by_schedule[SCHED_OVERDUE];
	bool first = true;

	/* The caption's words, with the aspect when the roadmap is one
	 * aspect's: several roadmaps must be told apart. */
	if (rm->only != NULL)
		ch_alt_about(c, ch_pfmt(c, "%s %d–%d: %s %s",
		                        ch_word(c, "chart.roadmap"), rm->hs,
		                        rm->he, rm->only->id,
		                        ch_aspect_label(rm->only)));
	else
		ch_alt_about(c,
		             ch_pfmt(c, "%s %d–%d", ch_word(c, "chart.roadmap"),
		                     rm->hs, rm->he));
	buf_printf(
	    &c->alt, "%s %s %s %s %s", ch_num(c, (double)rm->n, 0),
	    ch_word(c, rm->n == 1 ? "chart.milestone_n" : "chart.milestones_n"),
	    ch_word(c, "chart.in"), ch_num(c, (double)rm->ng, 0),
	    ch_word(c, rm->ng == 1 ? "chart.aspect_n" : "chart.aspects"));
	for (int k = 0; k < MS_STATUS__MAX; k++) {
		enum ms_status s = ch_status_order[k];

		if (cn->by_status[s] == 0)
			continue;
		buf_printf(&c->alt, "%s%s %s", first ? "; " : ", ",
		           ch_num(c, cn->by_status[s], 0),
		           ch_status_word(c, s));
		first = false;
	}
	if (npost > 0)
		buf_printf(&c->alt, "; %s %s %s %s %s", ch_num(c, npost, 0),
		           ch_word(c, "schedule.postponed"),
		           ch_word(c, "chart.up_to"),
		           ch_num(c, cn->max_postponed_months, 0),
		           ch_word(c, "chart.months"));
	if (nover > 0)
		buf_printf(&c->alt, "; %s %s", ch_num(c, nover, 0),
		           ch_word(c, "schedule.overdue"));
	buf_printf(&c->alt, ". %s", ch_word(c, "chart.details_below"));
}

static void
rm_table(struct roadmap *rm, struct pr_node *parent)
{
	struct chart *c = &rm->c;
	struct pr_node *tab, *row;
	size_t i;

	tab = ch_table(c, parent,
	               ch_pfmt(c, "%s: %s %d–%d", ch_word(c, "chart.table"),
	                       ch_word(c, "chart.roadmap"), rm->hs, rm->he),
	               NULL, NULL);
	row = ch_row(c, tab, true);
	ch_cell(c, row, ch_word(c, "chart.milestone"), false);
	ch_cell(c, row, ch_word(c, "chart.aspect"), false);
	ch_cell(c, row, ch_word(c, "chart.plan_date"), false);
	ch_cell(c, row, ch_word(c, "chart.due"), false);
	ch_cell(c, row, ch_word(c, "chart.postponed_months"), true);
	ch_cell(c, row, ch_word(c, "chart.status"), false);
	for (i = 0; i < rm->n; i++) {
		const struct milestone *ms = rm->it[i].ms;

		row = ch_row(c, tab, false);
		ch_cell_in(c, row, ch_pfmt(c, "%s ", ms->id), ms->title, NULL);
		ch_cell(c, row, ms->aspect->id, false);
		ch_cell(c, row, ch_month_year(c, ms->planned), false);
		ch_cell(c, row, ch_month_year(c, rm->it[i].due), false);
		ch_cell(c, row, ch_num(c, ms->postponed_months, 0), true);
		ch_status_cell(c, row, ms_status_key(ms->status),
		               ch_status_word(c, ms->status));
	}
}

bool
chart_roadmap(const struct comp_ctx *cx, struct pr_node *parent,
              const struct aspect *only)
{
	struct roadmap rm;
	struct chart *c = &rm.c;
	bool ok = true;

	if (!ch_may_hold_blocks(parent))
		return false;
	memset(&rm, 0, sizeof(rm));
	chart_init(c, cx);
	rm.m = cx->model;
	rm.only = only;
	rm.labw = 110;
	rm.top = 26;
	rm.legend_h = 56;
	rm.r = 3.5;
	if (!rm_collect(&rm)) {
		ok = ch_no_data(c, parent);
	} else {
		rm_label_column(&rm);
		rm_axis(&rm);
		rm_place(&rm);
		rm_group_items(&rm);
		rm_layout(&rm);
		c->d = drawing_new(&c->doc->late, c->w, 100);
		rm_grid(&rm);
		rm_rows(&rm);
		rm_markers(&rm);
		rm_rules(&rm);
		rm_legend(&rm);
		rm_alt(&rm);
		if (only != NULL)
			ch_figure(c, parent,
			          ch_pfmt(c, "%s %d–%d: %s ",
			                  ch_word(c, "chart.roadmap"), rm.hs,
			                  rm.he, only->id),
			          ch_aspect_label(only), NULL);
		else
			ch_figure(c, parent,
			          ch_pfmt(c, "%s %d–%d",
			                  ch_word(c, "chart.roadmap"), rm.hs,
			                  rm.he),
			          NULL, NULL);
		rm_table(&rm, parent);
	}
	free(rm.it);
	free(rm.g);
	free(rm.heap);
	chart_fini(c);
	return ok;
}
