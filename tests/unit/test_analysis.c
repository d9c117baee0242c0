/*
 * test_analysis.c - each definition at the top of analysis.c: due date,
 * schedule, postponed months, the changes since the previous snapshot,
 * indicator progress and course, and the per-aspect counts; with the
 * edge cases (no values, one value, target year = baseline year, lower
 * is better, values printed equal to the path).
 */
#include <math.h>
#include <stdlib.h>

#include "analysis.h"
#include "model.h"
#include "unit.h"

static struct pr_date
D(const char *s) {
	struct pr_date d = {0, 0, 0};

	if (s != NULL)
		sscanf(s, "%d-%d-%d", &d.y, &d.m, &d.d);
	return d;
}

static struct aspect *
aspect(struct model *m, const char *id, struct aspect *parent)
{
	struct aspect *a = pool_alloc(&m->pool, sizeof(*a));

	memset(a, 0, sizeof(*a));
	a->id = id;
	a->parent = parent;
	if (parent != NULL) {
		parent->children = xrealloc(
		    parent->children, (parent->nchildren + 1) * sizeof(*a));
		parent->children[parent->nchildren++] = a;
	}
	m->aspects =
	    xrealloc(m->aspects, (m->naspects + 1) * sizeof(*m->aspects));
	m->aspects[m->naspects++] = a;
	return a;
}

static struct milestone *
milestone(struct model *m, struct aspect *a, enum ms_status st,
          const char *planned, const char *forecast, const char *completed)
{
	struct milestone *ms = pool_alloc(&m->pool, sizeof(*ms));
	char id[16];

	memset(ms, 0, sizeof(*ms));
	snprintf(id, sizeof(id), "M%zu", m->nmilestones + 1);
	ms->id = pool_strdup(&m->pool, id);
	ms->aspect = a;
	ms->aspect_id = a ? a->id : NULL;
	ms->status = st;
	ms->planned = D(planned);
	ms->forecast = D(forecast);
	ms->completed = D(completed);
	m->milestones = xrealloc(m->milestones,
	                         (m->nmilestones + 1) * sizeof(*m->milestones));
	m->milestones[m->nmilestones++] = ms;
	return ms;
}

/* Last year's state of a milestone, as history.c would set it. */
static void
was(struct model *m, struct milestone *ms, enum ms_status st,
    const char *planned, const char *forecast, const char *completed)
{
	struct ms_prev *p = pool_alloc(&m->pool, sizeof(*p));

	p->status = st;
	p->planned = D(planned);
	p->forecast = D(forecast);
	p->completed = D(completed);
	p->progress = 0;
	ms->prev = p;
}

/* values: pairs of (year, value), ending with year 0. */
static struct indicator *
indicator(struct model *m, struct aspect *a, int direction, int by, double b,
          int ty, double t, const double *values)
{
	struct indicator *ind = pool_alloc(&m->pool, sizeof(*ind));
	size_t n = 0;

	memset(ind, 0, sizeof(*ind));
	ind->id = "I";
	ind->aspect = a;
	ind->direction = direction;
	ind->decimals = 1;
	ind->baseline_year = by;
	ind->baseline = b;
	ind->target_year = ty;
	ind->target = t;
	while (values != NULL && values[2 * n] != 0)
		n++;
	ind->values = xcalloc(n + 1, sizeof(*ind->values));
	for (ind->nvalues = 0; ind->nvalues < n; ind->nvalues++) {
		ind->values[ind->nvalues].year = (int)values[2 * ind->nvalues];
		ind->values[ind->nvalues].value = values[2 * ind->nvalues + 1];
	}
	m->indicators = xrealloc(m->indicators,
	                         (m->nindicators + 1) * sizeof(*m->indicators));
	m->indicators[m->nindicators++] = ind;
	return ind;
}

static bool
near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static void
test_schedule(void)
{
	struct model m;
	struct milestone *a, *b, *c, *d, *e, *f, *g, *h, *i, *j, *k;

	model_init(&m);
	m.settings.year = 2026;
	m.settings.cutoff = D("2026-12-31");

	/* due: completion, else forecast, else planned. */
	a = milestone(&m, NULL, MS_DONE, "2026-06-30", "2026-08-31",
	              "2026-07-15");
	b = milestone(&m, NULL, MS_IN_PROGRESS, "2027-06-30", "2027-09-30",
	              NULL);
	c = milestone(&m, NULL, MS_PLANNED, "2027-06-30", NULL, NULL);
	/* Done before the plan: on time; done late: postponed. */
	d = milestone(&m, NULL, MS_DONE, "2026-06-30", NULL, "2026-05-02");
	/* Due before the cut-off, not done: overdue, also when the
	 * forecast had been moved (postponed months still counted). */
	e = milestone(&m, NULL, MS_DELAYED, "2026-03-31", "2026-11-30", NULL);
	/* Due on the cut-off day itself: not (yet) overdue. */
	f = milestone(&m, NULL, MS_IN_PROGRESS, "2026-12-31", NULL, NULL);
	/* Cancelled milestones are never overdue. */
	g = milestone(&m, NULL, MS_CANCELLED, "2026-03-31", NULL, NULL);
	/* Postponed within the same month: postponed, 0 months. */
	h = milestone(&m, NULL, MS_IN_PROGRESS, "2027-03-01", "2027-03-20",
	              NULL);
	/* The months of date_months_between(). */
	i = milestone(&m, NULL, MS_IN_PROGRESS, "2026-11-30", "2027-02-01",
	              NULL);
	/* No planned date: on time unless overdue. */
	j = milestone(&m, NULL, MS_PLANNED, NULL, "2027-05-31", NULL);
	/* Forecast earlier than planned: on time, 0 months. */
	k = milestone(&m, NULL, MS_IN_PROGRESS, "2027-09-30", "2027-04-30",
	              NULL);
	analysis_run(&m);

	CHECK(date_cmp(a->due, D("2026-07-15")) == 0);
	CHECK(a->schedule == SCHED_POSTPONED && a->postponed_months == 1);
	CHECK(date_cmp(b->due, D("2027-09-30")) == 0);
	CHECK(b->schedule == SCHED_POSTPONED && b->postponed_months == 3);
	CHECK(date_cmp(c->due, D("2027-06-30")) == 0);
	CHECK(c->schedule == SCHED_ON_TIME && c->postponed_months == 0);
	CHECK(d->schedule == SCHED_ON_TIME && d->postponed_months == 0);
	CHECK(e->schedule == SCHED_OVERDUE && e->postponed_months == 8);
	CHECK(f->schedule == SCHED_ON_TIME);
	CHECK(g->schedule == SCHED_ON_TIME);
	CHECK(h->schedule == SCHED_POSTPONED && h->postponed_months == 0);
	CHECK(i->schedule == SCHED_POSTPONED && i->postponed_months == 3);
	CHECK(j->schedule == SCHED_ON_TIME && j->postponed_months == 0);
	CHECK(k->schedule == SCHED_ON_TIME && k->postponed_months == 0);
	CHECK(m.totals.by_schedule[SCHED_OVERDUE] == 1);
	CHECK(m.totals.by_schedule[SCHED_POSTPONED] == 4);
	CHECK(m.totals.by_schedule[SCHED_ON_TIME] == 6);

	/* An earlier cut-off: f is no longer due before it ... */
	m.settings.cutoff = D("2026-10-31");
	analysis_run(&m);
	CHECK(e->schedule == SCHED_POSTPONED); /* due 30 Nov, after it */
	CHECK(f->schedule == SCHED_ON_TIME);
	/* ... and without one, 31 December of the reporting year. */
	m.settings.cutoff = D(NULL);
	m.settings.year = 2027;
	analysis_run(&m);
	CHECK(f->schedule == SCHED_OVERDUE);
	CHECK(b->schedule == SCHED_OVERDUE);
	CHECK(j->schedule == SCHED_OVERDUE);
	CHECK(a->schedule == SCHED_POSTPONED); /* done: never overdue */
	model_free(&m);
}

static void
test_changes(void)
{
	struct model m;
	struct milestone *done, *still, *crit, *crit2, *stillcrit, *canc,
	    *canc2, *post, *fwd, *latedone, *postcanc, *fresh;

	model_init(&m);
	m.settings.year = 2027;
	m.settings.cutoff = D("2027-12-31");
	done = milestone(&m, NULL, MS_DONE, "2027-06-30", NULL, "2027-05-01");
	was(&m, done, MS_IN_PROGRESS, "2027-06-30", NULL, NULL);
	still = milestone(&m, NULL, MS_DONE, "2026-06-30", NULL, "2026-05-01");
	was(&m, still, MS_DONE, "2026-06-30", NULL, "2026-05-01");
	crit = milestone(&m, NULL, MS_DELAYED, "2028-06-30", NULL, NULL);
	was(&m, crit, MS_PLANNED, "2028-06-30", NULL, NULL);
	crit2 = milestone(&m, NULL, MS_AT_RISK, "2028-06-30", NULL, NULL);
	was(&m, crit2, MS_IN_PROGRESS, "2028-06-30", NULL, NULL);
	stillcrit = milestone(&m, NULL, MS_AT_RISK, "2028-06-30", NULL, NULL);
	was(&m, stillcrit, MS_DELAYED, "2028-06-30", NULL, NULL);
	canc = milestone(&m, NULL, MS_CANCELLED, "2028-06-30", NULL, NULL);
	was(&m, canc, MS_AT_RISK, "2028-06-30", NULL, NULL);
	canc2 = milestone(&m, NULL, MS_CANCELLED, "2028-06-30", NULL, NULL);
	was(&m, canc2, MS_CANCELLED, "2028-06-30", NULL, NULL);
	post = milestone(&m, NULL, MS_IN_PROGRESS, "2028-01-31", "2028-11-30",
	                 NULL);
	was(&m, post, MS_IN_PROGRESS, "2028-01-31", "2028-02-29", NULL);
	fwd = milestone(&m, NULL, MS_IN_PROGRESS, "2028-06-30", "2028-03-31",
	                NULL);
	was(&m, fwd, MS_IN_PROGRESS, "2028-06-30", NULL, NULL);
	/* Completed later than last year's forecast: completed, not
	 * "newly postponed". */
	latedone = milestone(&m, NULL, MS_DONE, "2027-03-31", "2027-05-31",
	                     "2027-09-15");
	was(&m, latedone, MS_DELAYED, "2027-03-31", "2027-05-31", NULL);
	postcanc =
	    milestone(&m, NULL, MS_CANCELLED, "2028-01-31", "2028-12-31", NULL);
	was(&m, postcanc, MS_IN_PROGRESS, "2028-01-31", NULL, NULL);
	fresh = milestone(&m, NULL, MS_PLANNED, "2028-06-30", NULL, NULL);
	m.prev.present = true;
	m.prev.year = 2026;
	analysis_run(&m);

	CHECK(done->completed_since && !done->newly_critical);
	CHECK(done->moved_months == -1); /* 30 Jun -> 1 May */
	CHECK(!still->completed_since && still->moved_months == 0);
	CHECK(crit->newly_critical && !crit->newly_postponed);
	CHECK(crit2->newly_critical);
	CHECK(!stillcrit->newly_critical); /* delayed -> at risk */
	CHECK(canc->newly_cancelled && !canc->newly_critical);
	CHECK(!canc2->newly_cancelled);
	CHECK(post->newly_postponed && post->moved_months == 9);
	CHECK(date_cmp(post->prev_due, D("2028-02-29")) == 0);
	CHECK(!fwd->newly_postponed && fwd->moved_months == -3);
	CHECK(latedone->completed_since && !latedone->newly_postponed);
	CHECK(latedone->moved_months == 4);
	CHECK(postcanc->newly_cancelled && !postcanc->newly_postponed);
	CHECK(fresh->new_since && !fresh->completed_since);
	CHECK(fresh->prev_due.y == 0 && fresh->moved_months == 0);
	CHECK(!done->new_since);
	CHECK(m.totals.completed_since == 2);
	CHECK(m.totals.newly_critical == 2);
	CHECK(m.totals.newly_postponed == 1);
	CHECK(m.totals.newly_cancelled == 2);
	CHECK(m.totals.added == 1);

	/* Without a previous snapshot there are no changes, even where a
	 * prev pointer was left. */
	m.prev.present = false;
	analysis_run(&m);
	CHECK(!done->completed_since && !crit->newly_critical &&
	      !canc->newly_cancelled && !post->newly_postponed);
	CHECK(!fresh->new_since && post->moved_months == 0);
	CHECK(m.totals.completed_since == 0 && m.totals.added == 0);
	model_free(&m);
}

static void
test_indicators(void)
{
	static const double none[] = {0};
	static const double one[] = {2026, 30, 0};
	static const double gaps[] = {2024, 5, 2026, 30, 0};
	static const double future[] = {2025, 20, 2026, 30, 2027, 99, 0};
	static const double back[] = {2026, 5, 0};
	static const double past[] = {2026, 70, 0};
	static const double lower[] = {2025, 90, 2026, 82, 0};
	static const double lower_bad[] = {2026, 95, 0};
	static const double printed[] = {2026, 46.66, 0};
	static const double printed_below[] = {2026, 46.64, 0};
	static const double flat[] = {2026, 50, 0};
	static const double flat_below[] = {2026, 49, 0};
	struct model m;
	struct indicator *i;

	model_init(&m);
	m.settings.year = 2026;

	/* Path: 2023 at 10 to 2029 at 70, so 10 a year; 40 in 2026. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, none);
	analysis_run(&m);
	CHECK(!i->has_current && i->latest_year == 0);
	CHECK(near(i->expected, 10) && near(i->progress, 0));
	CHECK(!i->on_course && !i->has_change);

	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, one);
	analysis_run(&m);
	CHECK(i->has_current && near(i->current, 30));
	CHECK(i->latest_year == 2026 && near(i->latest, 30));
	CHECK(near(i->expected, 40));
	CHECK(near(i->progress, 20.0 / 60));
	CHECK(!i->on_course);

	/* The latest value is the one of the latest year; a gap in the
	 * reporting year means no current value. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, gaps);
	m.settings.year = 2027;
	analysis_run(&m);
	CHECK(!i->has_current && i->latest_year == 2026);
	CHECK(near(i->latest, 30) && near(i->expected, 40));
	m.settings.year = 2026;

	/* A value for a year after the reporting year does not count. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, future);
	analysis_run(&m);
	CHECK(i->latest_year == 2026 && near(i->latest, 30));

	/* Moving away from the target: progress below 0. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, back);
	analysis_run(&m);
	CHECK(near(i->progress, -5.0 / 60) && !i->on_course);

	/* Past the target: progress above 1, on course. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, past);
	analysis_run(&m);
	CHECK(near(i->progress, 1.0) && i->on_course);
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 40, past);
	analysis_run(&m);
	CHECK(near(i->progress, 2.0) && i->on_course);
	CHECK(near(i->expected, 25));

	/* Lower is better: 100 in 2024 to 60 in 2028, 10 a year down;
	 * expected 80 in 2026. */
	i = indicator(&m, NULL, -1, 2024, 100, 2028, 60, lower);
	analysis_run(&m);
	CHECK(near(i->expected, 80) && near(i->progress, 18.0 / 40));
	CHECK(!i->on_course); /* 82 is worse than 80 */
	i->values[1].value = 80;
	analysis_run(&m);
	CHECK(i->on_course && near(i->progress, 0.5));
	i->values[1].value = 75;
	analysis_run(&m);
	CHECK(i->on_course && near(i->progress, 25.0 / 40));
	i = indicator(&m, NULL, -1, 2024, 100, 2028, 60, lower_bad);
	analysis_run(&m);
	CHECK(!i->on_course && near(i->expected, 80));

	/* The path is clamped: before the baseline year it is the
	 * baseline, from the target year on the target. */
	i = indicator(&m, NULL, +1, 2027, 10, 2029, 70, one);
	analysis_run(&m);
	/* ... but a value from before the baseline year measures nothing. */
	CHECK(near(i->expected, 10) && !i->on_course);
	CHECK(strcmp(indicator_course_key(i), "no_data") == 0);
	i = indicator(&m, NULL, +1, 2020, 10, 2025, 20, one);
	analysis_run(&m);
	CHECK(near(i->expected, 20) && i->on_course);

	/* Compared as printed (1 decimal): the path from 40 in 2024 to 50
	 * in 2027 is at 46.666... in 2026.  46.66 is below it but prints
	 * as 46.7 like the path: on course; 46.64 prints 46.6: not. */
	i = indicator(&m, NULL, +1, 2024, 40, 2027, 50, printed);
	analysis_run(&m);
	CHECK(near(i->expected, 40 + 20.0 / 3));
	CHECK(i->latest < i->expected && i->on_course);
	i = indicator(&m, NULL, +1, 2024, 40, 2027, 50, printed_below);
	analysis_run(&m);
	CHECK(!i->on_course);
	i->decimals = 0; /* 47 = 47 */
	analysis_run(&m);
	CHECK(i->on_course);

	/* Target year = baseline year: the path is the target. */
	i = indicator(&m, NULL, +1, 2026, 40, 2026, 50, flat);
	analysis_run(&m);
	CHECK(near(i->expected, 50) && near(i->progress, 1.0));
	CHECK(i->on_course);
	i = indicator(&m, NULL, +1, 2026, 40, 2026, 50, flat_below);
	analysis_run(&m);
	CHECK(near(i->progress, 0.9) && !i->on_course);
	/* Target = baseline: progress 1 when at or better, else 0. */
	i = indicator(&m, NULL, +1, 2023, 50, 2029, 50, flat);
	analysis_run(&m);
	CHECK(near(i->progress, 1.0) && i->on_course);
	i = indicator(&m, NULL, +1, 2023, 50, 2029, 50, flat_below);
	analysis_run(&m);
	CHECK(near(i->progress, 0.0) && !i->on_course);
	i = indicator(&m, NULL, -1, 2023, 50, 2029, 50, flat_below);
	analysis_run(&m);
	CHECK(near(i->progress, 1.0) && i->on_course);

	/* Change against the previous snapshot's value. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, one);
	i->has_prev = true;
	i->prev = 26.5;
	analysis_run(&m);
	CHECK(i->has_change && near(i->change, 3.5));
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, gaps);
	i->has_prev = true;
	i->prev = 26.5;
	m.settings.year = 2027;
	analysis_run(&m);
	CHECK(!i->has_change && near(i->change, 0));
	m.settings.year = 2026;
	analysis_run(&m);
	CHECK(i->has_change && near(i->change, 3.5));
	CHECK(m.totals.indicators_current == m.nindicators - 1);
	model_free(&m);
}

static void
test_aspects(void)
{
	struct model m;
	struct aspect *p1, *a, *b, *p2;
	size_t k;

	model_init(&m);
	m.settings.year = 2026;
	m.settings.cutoff = D("2026-12-31");
	p1 = aspect(&m, "01", NULL);
	a = aspect(&m, "01a", p1);
	b = aspect(&m, "01b", p1);
	p2 = aspect(&m, "02", NULL);
	milestone(&m, a, MS_DONE, "2026-03-31", NULL, "2026-03-01");
	milestone(&m, a, MS_DELAYED, "2026-03-31", "2027-03-31", NULL);
	milestone(&m, b, MS_PLANNED, "2026-06-30", NULL, NULL); /* overdue */
	milestone(&m, p1, MS_IN_PROGRESS, "2027-06-30", NULL, NULL);
	milestone(&m, p2, MS_AT_RISK, "2027-06-30", NULL, NULL);
	milestone(&m, NULL, MS_PLANNED, "2027-06-30", NULL, NULL);
	indicator(&m, a, +1, 2025, 0, 2030, 10, NULL);
	indicator(&m, b, +1, 2025, 0, 2030, 10, NULL);
	indicator(&m, p2, +1, 2025, 0, 2030, 10, NULL);
	for (k = 0; k < 2; k++) { /* running twice counts once */
		analysis_run(&m);
		CHECK(a->nmilestones == 2 && b->nmilestones == 1);
		CHECK(p1->nmilestones == 4 && p2->nmilestones == 1);
		CHECK(a->by_status[MS_DONE] == 1 &&
		      a->by_status[MS_DELAYED] == 1);
		CHECK(p1->by_status[MS_DONE] == 1 &&
		      p1->by_status[MS_DELAYED] == 1 &&
		      p1->by_status[MS_PLANNED] == 1 &&
		      p1->by_status[MS_IN_PROGRESS] == 1 &&
		      p1->by_status[MS_AT_RISK] == 0);
		CHECK(a->by_schedule[SCHED_ON_TIME] == 1 &&
		      a->by_schedule[SCHED_POSTPONED] == 1);
		CHECK(b->by_schedule[SCHED_OVERDUE] == 1);
		CHECK(p1->by_schedule[SCHED_ON_TIME] == 2 &&
		      p1->by_schedule[SCHED_POSTPONED] == 1 &&
		      p1->by_schedule[SCHED_OVERDUE] == 1);
		CHECK(a->nindicators == 1 && b->nindicators == 1);
		CHECK(p1->nindicators == 2 && p2->nindicators == 1);
		CHECK(m.totals.by_status[MS_PLANNED] == 2);
		CHECK(m.totals.by_schedule[SCHED_ON_TIME] == 4);
	}
	model_free(&m);
}

int
main(void)
{
	diag_init("test_analysis");
	test_schedule();
	test_changes();
	test_indicators();
	test_aspects();
	return unit_done("test_analysis");
}
