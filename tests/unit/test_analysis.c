/*
 * test_analysis.c - each definition of docs/facts.md, with expected
 * values worked out by hand in the comments (never copied from the
 * program's output): due date, schedule, plan against actual, months,
 * the changes since the previous snapshot, the indicators' latest value,
 * change, progress, path, course, target and trend, and the counts per
 * aspect, per resolution point and in total.  Edge cases: a value equal
 * to the baseline, a latest value from the baseline year, a previous
 * value of 0, a gap year, an exact tie with the path, a target
 * exceeded, a target year already past, a completion on the planned
 * date, a planned date of 29 February, a milestone postponed twice, one
 * cancelled and replaced, one at risk that recovers.
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
	/* Months: (2027-2026)*12 + (2-11) = 3. */
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
	/* The largest postponement among the postponed: b's 3 months
	 * (e's 8 months are overdue, not postponed). */
	CHECK(m.totals.max_postponed_months == 3);

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

/*
 * The report's lists (docs/facts.md, "Lists"), worked out by hand for
 * the reporting year 2026, cut-off 31 December 2026.
 */
static void
test_lists(void)
{
	struct model m;
	struct milestone *a, *b, *c, *d, *e, *f, *g, *h;

	model_init(&m);
	m.settings.year = 2026;
	m.settings.cutoff = D("2026-12-31");
	/* done in 2026, later than planned, no explanation given */
	a = milestone(&m, NULL, MS_DONE, "2026-06-30", NULL, "2026-07-15");
	/* done in 2026 on time */
	b = milestone(&m, NULL, MS_DONE, "2026-06-30", NULL, "2026-05-02");
	/* done in 2025: not this year's result */
	c = milestone(&m, NULL, MS_DONE, "2025-12-31", NULL, "2025-11-30");
	/* delayed and overdue: a risk, explained */
	d = milestone(&m, NULL, MS_DELAYED, "2026-03-31", "2026-11-30", NULL);
	/* at risk, due 2028: a risk, explained, not in the outlook */
	e = milestone(&m, NULL, MS_AT_RISK, "2028-06-30", NULL, NULL);
	/* in progress, forecast after plan, due 2027: explained, outlook */
	f = milestone(&m, NULL, MS_IN_PROGRESS, "2027-03-01", "2027-03-20",
	              NULL);
	/* cancelled, due 2027: explained, not in the outlook */
	g = milestone(&m, NULL, MS_CANCELLED, "2027-06-30", NULL, NULL);
	/* planned on time, due 2027: outlook only */
	h = milestone(&m, NULL, MS_PLANNED, "2027-12-31", NULL, NULL);
	analysis_run(&m);

	CHECK(a->done_in_year && b->done_in_year && !c->done_in_year);
	CHECK(!d->done_in_year && !f->done_in_year);
	CHECK(d->open_risk && e->open_risk);
	CHECK(!a->open_risk && !f->open_risk && !g->open_risk &&
	      !h->open_risk);
	CHECK(!a->needs_explanation && !b->needs_explanation &&
	      !c->needs_explanation && !h->needs_explanation);
	CHECK(d->needs_explanation && e->needs_explanation &&
	      f->needs_explanation && g->needs_explanation);
	CHECK(f->due_next_year && h->due_next_year);
	CHECK(!d->due_next_year && !e->due_next_year && !g->due_next_year);
	CHECK(m.totals.done_in_year == 2 && m.totals.open_risks == 2);
	CHECK(m.totals.needs_explanation == 4 && m.totals.due_next_year == 2);
	/* A late completion is explained when the inputs say why. */
	a->explanation = "Lieferverzug";
	analysis_run(&m);
	CHECK(a->needs_explanation && m.totals.needs_explanation == 5);
	model_free(&m);
}

/* Months between two dates: (y2 - y1) * 12 + (m2 - m1), days ignored. */
static void
test_months(void)
{
	CHECK(date_months_between(D("2026-11-30"), D("2027-02-01")) == 3);
	CHECK(date_months_between(D("2027-02-01"), D("2026-11-30")) == -3);
	CHECK(date_months_between(D("2026-01-31"), D("2026-01-01")) == 0);
	/* 29 Feb 2024 to 28 Feb 2025: 12; to 1 Mar 2024: 1. */
	CHECK(date_months_between(D("2024-02-29"), D("2025-02-28")) == 12);
	CHECK(date_months_between(D("2024-02-29"), D("2024-03-01")) == 1);
}

/* Plan against actual at the cut-off 31 Dec 2026, first match wins. */
static void
test_plan(void)
{
	struct model m;
	struct milestone *canc, *ontime, *exact, *late, *leap, *leaplate, *over,
	    *overleap, *atcut, *post, *early, *same, *nodate;

	model_init(&m);
	m.settings.year = 2026;
	m.settings.cutoff = D("2026-12-31");
	/* Cancelled first, even when its date has passed. */
	canc = milestone(&m, NULL, MS_CANCELLED, "2026-03-31", NULL, NULL);
	ontime = milestone(&m, NULL, MS_DONE, "2026-06-30", NULL, "2026-05-02");
	/* Completed exactly on the planned date: on time (<=). */
	exact = milestone(&m, NULL, MS_DONE, "2026-06-30", NULL, "2026-06-30");
	late = milestone(&m, NULL, MS_DONE, "2026-06-30", NULL, "2026-07-01");
	/* Planned for 29 February 2024, done that day / a day later. */
	leap = milestone(&m, NULL, MS_DONE, "2024-02-29", NULL, "2024-02-29");
	leaplate =
	    milestone(&m, NULL, MS_DONE, "2024-02-29", NULL, "2024-03-01");
	/* Not done, planned before the cut-off, no forecast: overdue. */
	over = milestone(&m, NULL, MS_IN_PROGRESS, "2026-06-30", NULL, NULL);
	overleap = milestone(&m, NULL, MS_PLANNED, "2024-02-29", NULL, NULL);
	/* Forecast on the cut-off day: not before it, so not overdue, but
	 * after the plan: open and postponed. */
	atcut =
	    milestone(&m, NULL, MS_DELAYED, "2026-06-30", "2026-12-31", NULL);
	post = milestone(&m, NULL, MS_IN_PROGRESS, "2027-06-30", "2027-09-30",
	                 NULL);
	/* A forecast earlier than planned is on schedule. */
	early = milestone(&m, NULL, MS_IN_PROGRESS, "2027-06-30", "2027-03-31",
	                  NULL);
	/* The status does not decide: delayed, forecast = plan. */
	same =
	    milestone(&m, NULL, MS_DELAYED, "2027-06-30", "2027-06-30", NULL);
	/* Done without a completion date: its due date (the plan). */
	nodate = milestone(&m, NULL, MS_DONE, "2026-06-30", NULL, NULL);
	analysis_run(&m);

	CHECK(canc->plan == PLAN_CANCELLED);
	CHECK(ontime->plan == PLAN_DONE_ON_TIME);
	CHECK(exact->plan == PLAN_DONE_ON_TIME);
	CHECK(late->plan == PLAN_DONE_LATE);
	CHECK(leap->plan == PLAN_DONE_ON_TIME);
	CHECK(leaplate->plan == PLAN_DONE_LATE);
	CHECK(leaplate->postponed_months == 1); /* Feb -> Mar */
	CHECK(over->plan == PLAN_OVERDUE);
	CHECK(overleap->plan == PLAN_OVERDUE);
	CHECK(atcut->plan == PLAN_OPEN_POSTPONED);
	CHECK(post->plan == PLAN_OPEN_POSTPONED);
	CHECK(early->plan == PLAN_OPEN_ON_SCHEDULE);
	CHECK(same->plan == PLAN_OPEN_ON_SCHEDULE);
	CHECK(nodate->plan == PLAN_DONE_ON_TIME);
	CHECK_STR(ms_plan_key(late->plan), "done_late");
	/* 1 cancelled, 4 done on time, 2 late, 2 overdue, 2 postponed,
	 * 2 on schedule: 13 in all, each counted once. */
	CHECK(m.totals.by_plan[PLAN_CANCELLED] == 1);
	CHECK(m.totals.by_plan[PLAN_DONE_ON_TIME] == 4);
	CHECK(m.totals.by_plan[PLAN_DONE_LATE] == 2);
	CHECK(m.totals.by_plan[PLAN_OVERDUE] == 2);
	CHECK(m.totals.by_plan[PLAN_OPEN_POSTPONED] == 2);
	CHECK(m.totals.by_plan[PLAN_OPEN_ON_SCHEDULE] == 2);
	CHECK(m.totals.milestones == 13);
	model_free(&m);
}

static void
test_changes(void)
{
	struct model m;
	struct milestone *done, *still, *crit, *crit2, *stillcrit, *canc,
	    *canc2, *post, *fwd, *latedone, *postcanc, *fresh, *twice, *recover,
	    *recdone, *riskcanc, *replaced, *replacement;

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
	/* Last year's forecast 29 Feb 2028, now 30 Nov 2028: postponed by
	 * (2028-2028)*12 + (11-2) = 9 months. */
	post = milestone(&m, NULL, MS_IN_PROGRESS, "2028-01-31", "2028-11-30",
	                 NULL);
	was(&m, post, MS_IN_PROGRESS, "2028-01-31", "2028-02-29", NULL);
	/* 30 Jun 2028 (the plan) to 31 Mar 2028: brought forward, -3. */
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
	/* Postponed twice: planned March 2028, last year June 2028, now
	 * December 2028: 6 months since last year, 9 against the plan. */
	twice =
	    milestone(&m, NULL, MS_DELAYED, "2028-03-31", "2028-12-31", NULL);
	was(&m, twice, MS_DELAYED, "2028-03-31", "2028-06-30", NULL);
	/* At risk last year, in progress now: recovered. */
	recover = milestone(&m, NULL, MS_IN_PROGRESS, "2028-06-30", NULL, NULL);
	was(&m, recover, MS_AT_RISK, "2028-06-30", NULL, NULL);
	/* Delayed last year, done now: recovered and completed. */
	recdone =
	    milestone(&m, NULL, MS_DONE, "2027-06-30", NULL, "2027-06-30");
	was(&m, recdone, MS_DELAYED, "2027-06-30", NULL, NULL);
	/* Cancelled and replaced by a new one. */
	replaced = milestone(&m, NULL, MS_CANCELLED, "2028-06-30", NULL, NULL);
	was(&m, replaced, MS_IN_PROGRESS, "2028-06-30", NULL, NULL);
	replacement = milestone(&m, NULL, MS_PLANNED, "2028-12-31", NULL, NULL);
	/* At risk last year, cancelled now: cancelled, not recovered. */
	riskcanc = canc;
	m.prev.present = true;
	m.prev.year = 2026;
	analysis_run(&m);

	CHECK(done->completed_since && !done->newly_critical);
	CHECK(done->moved_months == -1); /* 30 Jun -> 1 May */
	CHECK(!done->brought_forward);   /* done: not an open date */
	CHECK(!still->completed_since && still->moved_months == 0);
	CHECK(crit->newly_critical && !crit->newly_postponed);
	CHECK(crit->newly_delayed && !crit->newly_at_risk);
	CHECK(crit2->newly_critical && crit2->newly_at_risk);
	CHECK(!crit2->newly_delayed);
	/* delayed -> at risk is not "newly" critical. */
	CHECK(!stillcrit->newly_critical && !stillcrit->newly_at_risk);
	CHECK(!stillcrit->recovered);
	CHECK(canc->newly_cancelled && !canc->newly_critical);
	CHECK(!canc2->newly_cancelled);
	CHECK(post->newly_postponed && post->moved_months == 9);
	CHECK(date_cmp(post->prev_due, D("2028-02-29")) == 0);
	CHECK(!post->brought_forward);
	CHECK(!fwd->newly_postponed && fwd->moved_months == -3);
	CHECK(fwd->brought_forward);
	CHECK(latedone->completed_since && !latedone->newly_postponed);
	CHECK(latedone->moved_months == 4);
	CHECK(postcanc->newly_cancelled && !postcanc->newly_postponed);
	CHECK(fresh->new_since && !fresh->completed_since);
	CHECK(fresh->prev_due.y == 0 && fresh->moved_months == 0);
	CHECK(!done->new_since);
	CHECK(twice->newly_postponed && twice->moved_months == 6);
	CHECK(date_cmp(twice->prev_due, D("2028-06-30")) == 0);
	CHECK(twice->postponed_months == 9 && !twice->newly_critical);
	CHECK(recover->recovered && !recover->completed_since);
	CHECK(recdone->recovered && recdone->completed_since);
	CHECK(recdone->plan == PLAN_DONE_ON_TIME);
	CHECK(!riskcanc->recovered);
	CHECK(replaced->newly_cancelled && replaced->plan == PLAN_CANCELLED);
	CHECK(replacement->new_since);
	/* Completed: done, latedone, recdone.  Newly critical: crit
	 * (delayed), crit2 (at risk).  Recovered: recover, recdone,
	 * latedone (delayed -> done).  Postponed: post, twice.  Brought
	 * forward: fwd.  Cancelled: canc, postcanc, replaced.  Added:
	 * fresh, replacement. */
	CHECK(m.totals.completed_since == 3);
	CHECK(m.totals.newly_critical == 2);
	CHECK(m.totals.newly_delayed == 1 && m.totals.newly_at_risk == 1);
	CHECK(latedone->recovered);
	CHECK(m.totals.recovered == 3);
	CHECK(m.totals.newly_postponed == 2);
	CHECK(m.totals.brought_forward == 1);
	CHECK(m.totals.newly_cancelled == 3);
	CHECK(m.totals.added == 2);

	/* Without a previous snapshot there are no changes, even where a
	 * prev pointer was left. */
	m.prev.present = false;
	analysis_run(&m);
	CHECK(!done->completed_since && !crit->newly_critical &&
	      !canc->newly_cancelled && !post->newly_postponed);
	CHECK(!fresh->new_since && post->moved_months == 0);
	CHECK(!recover->recovered && !fwd->brought_forward);
	CHECK(m.totals.completed_since == 0 && m.totals.added == 0);
	model_free(&m);
}

/* Indicators, reporting year 2026 unless said otherwise.  Most use the
 * path from 10 in 2023 to 70 in 2029: 10 a year, 40 in 2026. */
static void
test_latest(void)
{
	static const double none[] = {0};
	static const double base_last[] = {2022, 4, 2023, 10, 0};
	static const double base_differs[] = {2023, 12, 0};
	static const double future[] = {2025, 20, 2026, 30, 2027, 99, 0};
	static const double gap_now[] = {2025, 30, 0};
	struct model m;
	struct indicator *i;

	model_init(&m);
	m.settings.year = 2026;

	/* Only the baseline: the latest value is the baseline's, on
	 * course with the note that there is no later value. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, none);
	analysis_run(&m);
	CHECK(i->latest_year == 2023 && near(i->latest, 10));
	CHECK(!i->has_current && i->baseline_only);
	CHECK(i->course == COURSE_ON && i->on_course);
	CHECK_STR(indicator_course_key(i), "on_course");
	CHECK(!i->has_change && near(i->progress, 0));
	CHECK(!i->target_reached && i->trend == TREND_NONE);
	/* Required: (70 - 10) / (2029 - 2023) = 10 a year. */
	CHECK(i->has_required && near(i->required_rate, 10));
	CHECK(!i->has_projection);

	/* The latest value from the baseline year, an earlier one before
	 * it: change 10 - 4 = 6, relative 6 / 4 = 150 %. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, base_last);
	analysis_run(&m);
	CHECK(i->latest_year == 2023 && i->baseline_only);
	CHECK(i->course == COURSE_ON);
	CHECK(m.totals.baseline_only == 2);
	CHECK(i->has_change && i->earlier_year == 2022);
	CHECK(near(i->change, 6) && near(i->change_pct, 150));

	/* A value of the series for the baseline year is the one used. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, base_differs);
	analysis_run(&m);
	CHECK(i->latest_year == 2023 && near(i->latest, 12));
	CHECK(!i->has_change); /* the baseline is not a second value */

	/* A value after the reporting year does not count; the one of
	 * the reporting year is the current one. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, future);
	analysis_run(&m);
	CHECK(i->latest_year == 2026 && near(i->latest, 30));
	CHECK(i->has_current && near(i->current, 30));
	CHECK(i->earlier_year == 2025 && near(i->change, 10));
	CHECK(near(i->change_pct, 50));

	/* No value for the reporting year: the latest is last year's. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, gap_now);
	analysis_run(&m);
	CHECK(!i->has_current && i->latest_year == 2025);
	CHECK(i->earlier_year == 2023 && near(i->change, 20)); /* baseline */
	CHECK(m.totals.with_current == 1);

	/* The baseline of the reporting year is its current value. */
	i = indicator(&m, NULL, +1, 2026, 7, 2029, 70, none);
	analysis_run(&m);
	CHECK(i->has_current && near(i->current, 7) && i->baseline_only);

	/* A baseline year after the reporting year, no values: no data. */
	i = indicator(&m, NULL, +1, 2027, 10, 2029, 70, none);
	analysis_run(&m);
	CHECK(i->latest_year == 0 && i->course == COURSE_NO_DATA);
	CHECK(i->trend == TREND_NONE && !i->has_required);
	/* ... and a value before that baseline year measures nothing. */
	i = indicator(&m, NULL, +1, 2027, 10, 2029, 70, future);
	analysis_run(&m);
	CHECK(i->latest_year == 2026 && i->course == COURSE_NO_DATA);
	CHECK(!i->target_reached);
	model_free(&m);
}

static void
test_change(void)
{
	static const double equal[] = {2023, 10, 2026, 10, 0};
	static const double zero[] = {2025, 0, 2026, 15, 0};
	static const double gap[] = {2023, 10, 2024, 20, 2026, 45, 0};
	static const double neg[] = {2025, -8, 2026, -6, 0};
	struct model m;
	struct indicator *i;

	model_init(&m);
	m.settings.year = 2026;

	/* A value equal to the baseline: change 0, relative 0 %; the path
	 * is at 40 in 2026, so off course. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, equal);
	analysis_run(&m);
	CHECK(i->has_change && i->earlier_year == 2023);
	CHECK(near(i->change, 0) && i->has_change_pct);
	CHECK(near(i->change_pct, 0));
	CHECK(near(i->progress, 0) && i->course == COURSE_OFF);
	/* Trend 0 a year: projection 10, misses 70; 20 a year needed. */
	CHECK(i->has_projection && near(i->trend_rate, 0));
	CHECK(near(i->projection, 10) && i->trend == TREND_UNREACHABLE);
	CHECK(near(i->required_rate, 20));

	/* A previous value of 0: change 15, no relative change.  Path
	 * from 0 in 2023 to 60 in 2029: 30 in 2026, so 15 is off course;
	 * progress 15/60 = 25 %; trend 15/3 = 5 a year, projection
	 * 15 + 5*3 = 30 < 60: not reachable; needed (60-15)/3 = 15. */
	i = indicator(&m, NULL, +1, 2023, 0, 2029, 60, zero);
	analysis_run(&m);
	CHECK(i->has_change && near(i->change, 15));
	CHECK(!i->has_change_pct);
	CHECK(i->course == COURSE_OFF && near(i->progress, 0.25));
	CHECK(near(i->trend_rate, 5) && near(i->projection, 30));
	CHECK(i->trend == TREND_UNREACHABLE && near(i->required_rate, 15));

	/* A gap year: 2025 has no value, so the change is 2026 against
	 * 2024: 45 - 20 = 25, 125 %.  45 >= 40: on course; progress
	 * 35/60; trend 35/3 a year, projection 45 + 35 = 80 >= 70. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 70, gap);
	analysis_run(&m);
	CHECK(i->earlier_year == 2024 && near(i->earlier, 20));
	CHECK(near(i->change, 25) && near(i->change_pct, 125));
	CHECK(i->course == COURSE_ON && near(i->progress, 35.0 / 60));
	CHECK(near(i->projection, 80) && i->trend == TREND_REACHABLE);
	CHECK(near(i->required_rate, 25.0 / 3));

	/* A negative earlier value: relative to its size, -6 against -8
	 * is +2, +25 %. */
	i = indicator(&m, NULL, +1, 2023, -10, 2029, 2, neg);
	analysis_run(&m);
	CHECK(near(i->change, 2) && near(i->change_pct, 25));
	model_free(&m);
}

static void
test_course(void)
{
	static const double tie[] = {2023, 0.19, 0};
	static const double below_third[] = {2026, 46.66, 0};
	static const double above_third[] = {2026, 46.67, 0};
	static const double lower_tie[] = {2026, 80, 0};
	static const double lower_bad[] = {2025, 90, 2026, 82, 0};
	static const double lower_good[] = {2026, 75, 0};
	static const double exceeded[] = {2026, 70, 0};
	static const double past_short[] = {2026, 18, 0};
	static const double past_met[] = {2026, 20, 0};
	static const double hold[] = {2026, 50, 0};
	static const double hold_below[] = {2026, 49, 0};
	static const double trend_tie[] = {2024, 30, 0};
	struct model m;
	struct indicator *i;

	model_init(&m);
	m.settings.year = 2026;

	/* An exact tie: from 0.1 in 2020 to 0.4 in 2030 the path is at
	 * 0.1 + 0.3 * 3/10 = 0.19 in 2023 (in binary floating point
	 * 0.19000000000000003), and 0.19 is on it: on course. */
	m.settings.year = 2023;
	i = indicator(&m, NULL, +1, 2020, 0.1, 2030, 0.4, tie);
	analysis_run(&m);
	CHECK(i->course == COURSE_ON);
	m.settings.year = 2026;

	/* Nothing rounded: the path from 40 in 2024 to 50 in 2027 is at
	 * 46.666... in 2026; 46.66 is below it (although both print as
	 * 46.7), 46.67 above it. */
	i = indicator(&m, NULL, +1, 2024, 40, 2027, 50, below_third);
	analysis_run(&m);
	CHECK(near(i->expected, 40 + 20.0 / 3) && i->course == COURSE_OFF);
	i = indicator(&m, NULL, +1, 2024, 40, 2027, 50, above_third);
	analysis_run(&m);
	CHECK(i->course == COURSE_ON);

	/* Lower is better: 100 in 2024 to 60 in 2028, 80 in 2026.  80 is
	 * on it (a tie); 82 worse; 75 better. */
	i = indicator(&m, NULL, -1, 2024, 100, 2028, 60, lower_tie);
	analysis_run(&m);
	CHECK(i->course == COURSE_ON && near(i->progress, 0.5));
	/* 82: change -8 (from 90), -8/90 = -8.888... %; trend -9 a year,
	 * projection 82 - 18 = 64, above 60: not reachable; needed
	 * (60 - 82) / 2 = -11 a year. */
	i = indicator(&m, NULL, -1, 2024, 100, 2028, 60, lower_bad);
	analysis_run(&m);
	CHECK(i->course == COURSE_OFF && near(i->progress, 18.0 / 40));
	CHECK(near(i->change, -8) && near(i->change_pct, -800.0 / 90));
	CHECK(near(i->trend_rate, -9) && near(i->projection, 64));
	CHECK(i->trend == TREND_UNREACHABLE && near(i->required_rate, -11));
	/* 75: trend -12.5, projection 75 - 25 = 50 <= 60: reachable. */
	i = indicator(&m, NULL, -1, 2024, 100, 2028, 60, lower_good);
	analysis_run(&m);
	CHECK(i->course == COURSE_ON && i->trend == TREND_REACHABLE);
	CHECK(near(i->projection, 50) && !i->target_reached);

	/* A target exceeded: 70 against 40 (path 10 in 2023 to 40 in
	 * 2029): reached, progress 60/30 = 200 %. */
	i = indicator(&m, NULL, +1, 2023, 10, 2029, 40, exceeded);
	analysis_run(&m);
	CHECK(i->target_reached && i->trend == TREND_REACHED);
	CHECK(near(i->progress, 2.0) && i->course == COURSE_ON);
	CHECK(near(i->expected, 25) && !i->has_required);

	/* A target year already past (2025): the path is the target 20.
	 * 18 misses it: off course, not reachable, nothing to project. */
	i = indicator(&m, NULL, +1, 2020, 10, 2025, 20, past_short);
	analysis_run(&m);
	CHECK(near(i->expected, 20) && i->course == COURSE_OFF);
	CHECK(!i->target_reached && i->trend == TREND_UNREACHABLE);
	CHECK(!i->has_projection && !i->has_required);
	i = indicator(&m, NULL, +1, 2020, 10, 2025, 20, past_met);
	analysis_run(&m);
	CHECK(i->course == COURSE_ON && i->target_reached);
	CHECK(i->trend == TREND_REACHED);

	/* Target = baseline (hold the level): reached at or better. */
	i = indicator(&m, NULL, +1, 2023, 50, 2029, 50, hold);
	analysis_run(&m);
	CHECK(i->target_reached && near(i->progress, 1.0));
	CHECK(i->course == COURSE_ON);
	i = indicator(&m, NULL, +1, 2023, 50, 2029, 50, hold_below);
	analysis_run(&m);
	CHECK(!i->target_reached && near(i->progress, 0));
	CHECK(i->course == COURSE_OFF);
	i = indicator(&m, NULL, -1, 2023, 50, 2029, 50, hold_below);
	analysis_run(&m);
	CHECK(i->target_reached && i->course == COURSE_ON);

	/* A trend meeting the target exactly: 0 in 2020 to 100 in 2030,
	 * 30 in 2024 is 7.5 a year, 30 + 7.5 * 6 = 75: misses; the path
	 * is at 40, so off course too. */
	m.settings.year = 2024;
	i = indicator(&m, NULL, +1, 2020, 0, 2030, 100, trend_tie);
	analysis_run(&m);
	CHECK(i->course == COURSE_OFF && near(i->projection, 75));
	CHECK(i->trend == TREND_UNREACHABLE);
	i->values[0].value = 40; /* 10 a year: exactly 100 in 2030 */
	analysis_run(&m);
	CHECK(i->course == COURSE_ON && i->trend == TREND_REACHABLE);
	CHECK(near(i->projection, 100) && near(i->required_rate, 10));
	CHECK_STR(indicator_trend_key(i->trend), "reachable");
	model_free(&m);
}

static void
test_aspects(void)
{
	static const double on[] = {2026, 8, 0};    /* path 2.0 in 2026 */
	static const double off[] = {2026, 1, 0};   /* below it */
	static const double done[] = {2026, 10, 0}; /* the target */
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
	/* Path 0 in 2025 to 10 in 2030: 2 in 2026. */
	indicator(&m, a, +1, 2025, 0, 2030, 10, on);
	indicator(&m, b, +1, 2025, 0, 2030, 10, off);
	indicator(&m, p2, +1, 2025, 0, 2030, 10, done);
	for (k = 0; k < 2; k++) { /* running twice counts once */
		analysis_run(&m);
		CHECK(a->count.milestones == 2 && b->count.milestones == 1);
		CHECK(p1->count.milestones == 4 && p2->count.milestones == 1);
		CHECK(a->count.by_status[MS_DONE] == 1 &&
		      a->count.by_status[MS_DELAYED] == 1);
		/* The point: its aspects' sums plus its own milestone. */
		CHECK(p1->count.by_status[MS_DONE] == 1 &&
		      p1->count.by_status[MS_DELAYED] == 1 &&
		      p1->count.by_status[MS_PLANNED] == 1 &&
		      p1->count.by_status[MS_IN_PROGRESS] == 1 &&
		      p1->count.by_status[MS_AT_RISK] == 0);
		/* Its own milestones alone, for the status chart. */
		CHECK(p1->own_by_status[MS_IN_PROGRESS] == 1 &&
		      p1->own_by_status[MS_DONE] == 0);
		CHECK(a->own_by_status[MS_DONE] == 1);
		CHECK(a->count.by_schedule[SCHED_ON_TIME] == 1 &&
		      a->count.by_schedule[SCHED_POSTPONED] == 1);
		CHECK(b->count.by_schedule[SCHED_OVERDUE] == 1);
		CHECK(p1->count.by_schedule[SCHED_ON_TIME] == 2 &&
		      p1->count.by_schedule[SCHED_POSTPONED] == 1 &&
		      p1->count.by_schedule[SCHED_OVERDUE] == 1);
		/* Plan: done on time (a), open postponed (a), overdue (b),
		 * on schedule (p1). */
		CHECK(p1->count.by_plan[PLAN_DONE_ON_TIME] == 1 &&
		      p1->count.by_plan[PLAN_OPEN_POSTPONED] == 1 &&
		      p1->count.by_plan[PLAN_OVERDUE] == 1 &&
		      p1->count.by_plan[PLAN_OPEN_ON_SCHEDULE] == 1);
		CHECK(a->count.indicators == 1 && b->count.indicators == 1);
		CHECK(p1->count.indicators == 2 && p2->count.indicators == 1);
		CHECK(p1->count.by_course[COURSE_ON] == 1 &&
		      p1->count.by_course[COURSE_OFF] == 1);
		CHECK(p2->count.by_trend[TREND_REACHED] == 1);
		CHECK(m.totals.by_status[MS_PLANNED] == 2);
		CHECK(m.totals.by_schedule[SCHED_ON_TIME] == 4);
		CHECK(m.totals.milestones == 6 && m.totals.indicators == 3);
		CHECK(m.totals.by_course[COURSE_ON] == 2);
		CHECK(m.totals.by_trend[TREND_REACHED] == 1);
	}
	model_free(&m);
}

int
main(void)
{
	diag_init("test_analysis");
	test_schedule();
	test_lists();
	test_months();
	test_plan();
	test_changes();
	test_latest();
	test_change();
	test_course();
	test_aspects();
	return unit_done("test_analysis");
}
