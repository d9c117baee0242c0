/*
 * analysis.c - every fact the report states about the inputs: plan
 * against actual per milestone, counts per aspect and over the report,
 * the changes since the previous snapshot, and each indicator's latest
 * value, change, progress, course and trend.  docs/facts.md defines
 * each of them with a worked example; this file is the only place that
 * computes them (templates, components and charts read the model).
 *
 * Pure computation, no I/O, linear in the number of milestones and
 * indicators.  Comparisons of indicator values are exact: values are
 * decimals with at most 6 places (docs/inputs.md), so they are compared
 * as whole numbers of millionths, with cross-multiplication instead of
 * division; nothing is rounded before a comparison.
 */
#include "analysis.h"

#include <math.h>
#include <string.h>

/* Wide enough for a value in millionths (below 2^63) times two year
 * differences; GCC and Clang have it on every target Debian builds. */
typedef __int128 wide;

static bool
is_critical(enum ms_status s)
{
	return s == MS_DELAYED || s == MS_AT_RISK;
}

static bool
is_open(enum ms_status s)
{
	return s != MS_DONE && s != MS_CANCELLED;
}

struct pr_date
analysis_due(struct pr_date completed, struct pr_date forecast,
             struct pr_date planned)
{
	if (completed.y != 0)
		return completed;
	if (forecast.y != 0)
		return forecast;
	return planned;
}

static void
milestone_schedule(struct milestone *ms, struct pr_date cutoff)
{
	bool later = ms->planned.y != 0 && ms->due.y != 0 &&
	             date_cmp(ms->due, ms->planned) > 0;

	ms->postponed_months =
	    later ? date_months_between(ms->planned, ms->due) : 0;
	if (is_open(ms->status) && ms->due.y != 0 &&
	    date_cmp(ms->due, cutoff) < 0)
		ms->schedule = SCHED_OVERDUE;
	else if (later)
		ms->schedule = SCHED_POSTPONED;
	else
		ms->schedule = SCHED_ON_TIME;
}

static enum ms_plan
milestone_plan(const struct milestone *ms, struct pr_date cutoff)
{
	if (ms->status == MS_CANCELLED)
		return PLAN_CANCELLED;
	if (ms->status == MS_DONE)
		return ms->planned.y == 0 || date_cmp(ms->due, ms->planned) <= 0
		           ? PLAN_DONE_ON_TIME
		           : PLAN_DONE_LATE;
	if (ms->due.y != 0 && date_cmp(ms->due, cutoff) < 0)
		return PLAN_OVERDUE;
	if (ms->forecast.y != 0 && ms->planned.y != 0 &&
	    date_cmp(ms->forecast, ms->planned) > 0)
		return PLAN_OPEN_POSTPONED;
	return PLAN_OPEN_ON_SCHEDULE;
}

static void
milestone_changes(struct milestone *ms, bool have_prev)
{
	const struct ms_prev *p = ms->prev;
	bool moved;

	ms->new_since = have_prev && p == NULL;
	ms->completed_since = ms->newly_critical = false;
	ms->newly_delayed = ms->newly_at_risk = ms->recovered = false;
	ms->newly_postponed = ms->brought_forward = false;
	ms->newly_cancelled = false;
	ms->moved_months = 0;
	memset(&ms->prev_due, 0, sizeof(ms->prev_due));
	if (!have_prev || p == NULL)
		return;
	ms->prev_due = analysis_due(p->completed, p->forecast, p->planned);
	ms->completed_since = ms->status == MS_DONE && p->status != MS_DONE;
	ms->newly_critical = is_critical(ms->status) && !is_critical(p->status);
	ms->newly_delayed = ms->newly_critical && ms->status == MS_DELAYED;
	ms->newly_at_risk = ms->newly_critical && ms->status == MS_AT_RISK;
	ms->recovered = is_critical(p->status) && !is_critical(ms->status) &&
	                ms->status != MS_CANCELLED;
	ms->newly_cancelled =
	    ms->status == MS_CANCELLED && p->status != MS_CANCELLED;
	moved = ms->prev_due.y != 0 && ms->due.y != 0;
	if (moved)
		ms->moved_months = date_months_between(ms->prev_due, ms->due);
	if (moved && is_open(ms->status)) {
		int c = date_cmp(ms->due, ms->prev_due);

		ms->newly_postponed = c > 0;
		ms->brought_forward = c < 0;
	}
}

/*
 * The report's lists (docs/facts.md, "Lists"): the year's results, the
 * risks, the deviations to explain and the outlook.  A done milestone
 * that came later than planned is explained only when the inputs say
 * why; an open one always is.
 */
static void
milestone_lists(struct milestone *ms, int year)
{
	bool open = is_open(ms->status);
	bool late =
	    ms->schedule == SCHED_POSTPONED || ms->schedule == SCHED_OVERDUE;

	ms->done_in_year = ms->status == MS_DONE && ms->completed.y == year;
	ms->open_risk =
	    is_critical(ms->status) || (open && ms->schedule == SCHED_OVERDUE);
	ms->needs_explanation =
	    is_critical(ms->status) || ms->status == MS_CANCELLED ||
	    (open && late) ||
	    (ms->status == MS_DONE && ms->schedule == SCHED_POSTPONED &&
	     (has_text(ms->explanation) || has_text(ms->cause) ||
	      has_text(ms->countermeasure)));
	ms->due_next_year = open && ms->due.y == year + 1;
}

/* A value in whole millionths: exact for the decimals the inputs allow
 * (at most 6 places, below about 9e9 for all 6). */
static wide
micro(double v)
{
	return (wide)llround(v * 1e6);
}

/* The sign of (a - b), turned so that > 0 means "a is better". */
static int
better(const struct indicator *ind, wide a, wide b)
{
	wide d = ind->direction < 0 ? b - a : a - b;

	return d > 0 ? 1 : d < 0 ? -1 : 0;
}

/* The path's value at `year`, for display: the baseline up to the
 * baseline year, the target from the target year on. */
static double
expected_at(const struct indicator *ind, int year)
{
	double t;

	if (ind->target_year <= ind->baseline_year)
		return ind->target;
	if (year <= ind->baseline_year)
		return ind->baseline;
	if (year >= ind->target_year)
		return ind->target;
	t = (double)(year - ind->baseline_year) /
	    (double)(ind->target_year - ind->baseline_year);
	return ind->baseline + (ind->target - ind->baseline) * t;
}

/* Whether the latest value is at or better than the path at yl, exactly:
 * L*(yt-yb) against B*(yt-yb) + (T-B)*(yl-yb). */
static bool
on_path(const struct indicator *ind)
{
	wide l = micro(ind->latest), b = micro(ind->baseline);
	wide t = micro(ind->target);
	int yl = ind->latest_year, yb = ind->baseline_year;
	int yt = ind->target_year;

	if (yt <= yb || yl >= yt)
		return better(ind, l, t) >= 0;
	return better(ind, l * (yt - yb),
	              b * (yt - yb) + (t - b) * (yl - yb)) >= 0;
}

/* The latest value and the one before it, the baseline counting as a
 * value of its year (a value of the series for that year wins). */
static void
latest_two(struct indicator *ind, int year)
{
	int y[2] = {0, 0};
	double v[2] = {0, 0};

	for (size_t i = 0; i <= ind->nvalues; i++) {
		bool base = i == ind->nvalues;
		int yy = base ? ind->baseline_year : ind->values[i].year;
		double vv = base ? ind->baseline : ind->values[i].value;

		if (yy > year || yy == 0 || yy == y[0] || yy == y[1])
			continue;
		if (yy == year) {
			ind->has_current = true;
			ind->current = vv;
		}
		if (y[0] == 0 || yy > y[0]) {
			y[1] = y[0], v[1] = v[0];
			y[0] = yy, v[0] = vv;
		} else if (y[1] == 0 || yy > y[1])
			y[1] = yy, v[1] = vv;
	}
	ind->latest_year = y[0];
	ind->latest = v[0];
	ind->has_change = y[1] != 0;
	ind->earlier_year = y[1];
	ind->earlier = v[1];
}

static void
indicator_change(struct indicator *ind)
{
	wide l = micro(ind->latest), e = micro(ind->earlier);

	ind->change = ind->has_change ? (double)(l - e) / 1e6 : 0;
	ind->has_change_pct = ind->has_change && e != 0;
	ind->change_pct = ind->has_change_pct
	                      ? (double)(l - e) / (double)(e < 0 ? -e : e) * 100
	                      : 0;
}

static enum ind_trend
indicator_trend(struct indicator *ind)
{
	wide l = micro(ind->latest), b = micro(ind->baseline);
	wide t = micro(ind->target);
	int yl = ind->latest_year, yb = ind->baseline_year;
	int yt = ind->target_year;

	if (ind->has_projection)
		ind->trend_rate = (ind->latest - ind->baseline) / (yl - yb);
	if (ind->target_reached)
		return TREND_REACHED;
	if (yl >= yt || yt <= yb)
		return TREND_UNREACHABLE; /* the target year has come */
	ind->has_required = true;
	ind->required_rate = (ind->target - ind->latest) / (yt - yl);
	if (yl == yb)
		return TREND_NONE;
	ind->projection = ind->latest + ind->trend_rate * (yt - yl);
	/* projection >= T  <=>  L*(yl-yb) + (L-B)*(yt-yl) >= T*(yl-yb) */
	return better(ind, l * (yl - yb) + (l - b) * (yt - yl),
	              t * (yl - yb)) >= 0
	           ? TREND_REACHABLE
	           : TREND_UNREACHABLE;
}

static void
indicator_analyse(struct indicator *ind, int year)
{
	ind->has_current = ind->baseline_only = false;
	ind->current = ind->progress = ind->trend_rate = 0;
	ind->projection = ind->required_rate = 0;
	ind->on_course = ind->target_reached = false;
	ind->has_projection = ind->has_required = false;
	ind->course = COURSE_NO_DATA;
	ind->trend = TREND_NONE;
	latest_two(ind, year);
	indicator_change(ind);
	ind->expected = expected_at(ind, ind->latest_year);
	/* A value before the baseline year measures no progress. */
	if (ind->latest_year == 0 || ind->latest_year < ind->baseline_year)
		return;
	if (ind->target != ind->baseline)
		ind->progress = (ind->latest - ind->baseline) /
		                (ind->target - ind->baseline);
	ind->target_reached =
	    better(ind, micro(ind->latest), micro(ind->target)) >= 0;
	if (ind->target == ind->baseline)
		ind->progress = ind->target_reached ? 1 : 0;
	ind->baseline_only = ind->latest_year == ind->baseline_year;
	ind->on_course = ind->baseline_only || on_path(ind);
	ind->course = ind->on_course ? COURSE_ON : COURSE_OFF;
	ind->has_projection = ind->latest_year > ind->baseline_year &&
	                      ind->latest_year < ind->target_year;
	ind->trend = indicator_trend(ind);
}

static void
count_milestone(struct fact_counts *k, const struct milestone *ms)
{
	k->milestones++;
	if ((unsigned)ms->status < MS_STATUS__MAX)
		k->by_status[ms->status]++;
	k->by_schedule[ms->schedule]++;
	k->by_plan[ms->plan]++;
	if (ms->schedule == SCHED_POSTPONED &&
	    ms->postponed_months > k->max_postponed_months)
		k->max_postponed_months = ms->postponed_months;
	k->completed_since += ms->completed_since;
	k->newly_critical += ms->newly_critical;
	k->newly_delayed += ms->newly_delayed;
	k->newly_at_risk += ms->newly_at_risk;
	k->recovered += ms->recovered;
	k->newly_postponed += ms->newly_postponed;
	k->brought_forward += ms->brought_forward;
	k->newly_cancelled += ms->newly_cancelled;
	k->added += ms->new_since;
	k->done_in_year += ms->done_in_year;
	k->open_risks += ms->open_risk;
	k->needs_explanation += ms->needs_explanation;
	k->due_next_year += ms->due_next_year;
}

static void
count_indicator(struct fact_counts *k, const struct indicator *ind)
{
	k->indicators++;
	k->by_course[ind->course]++;
	k->by_trend[ind->trend]++;
	k->with_current += ind->has_current;
	k->baseline_only += ind->baseline_only;
}

/* Counts a milestone (or, when ms is NULL, an indicator) in the aspect
 * and each aspect above it.  The walk is bounded by the number of
 * aspects, so a cycle in bad data cannot hang it. */
static void
count_up(struct aspect *a, size_t naspects, const struct milestone *ms,
         const struct indicator *ind)
{
	if (a != NULL && ms != NULL && (unsigned)ms->status < MS_STATUS__MAX)
		a->own_by_status[ms->status]++;
	for (size_t depth = 0; a != NULL && depth <= naspects;
	     a = a->parent, depth++) {
		if (ms != NULL)
			count_milestone(&a->count, ms);
		else
			count_indicator(&a->count, ind);
	}
}

/*
 * A resolution point's state in one word, the first that applies:
 * at risk when one of its milestones is; delayed when one is delayed
 * or open and overdue; done when all but the cancelled ones are done
 * (and at least one is); in progress when one is begun or done;
 * planned otherwise, also when it has no milestones.
 */
static enum ms_status
point_overall(const struct fact_counts *k)
{
	const unsigned *s = k->by_status;
	unsigned live = k->milestones - s[MS_CANCELLED];

	if (s[MS_AT_RISK] > 0)
		return MS_AT_RISK;
	if (s[MS_DELAYED] > 0 || k->open_risks > 0)
		return MS_DELAYED;
	if (live > 0 && s[MS_DONE] == live)
		return MS_DONE;
	if (s[MS_IN_PROGRESS] > 0 || s[MS_DONE] > 0)
		return MS_IN_PROGRESS;
	return MS_PLANNED;
}

static const struct aspect *
point_of(const struct aspect *a, size_t naspects)
{
	for (size_t depth = 0;
	     a != NULL && a->parent != NULL && depth <= naspects; depth++)
		a = a->parent;
	return a;
}

/* How late an open milestone is, in months: its due date against the
 * plan, or, when it is overdue, the cut-off against its due date,
 * whichever is more. */
static int
lateness(const struct milestone *ms, struct pr_date cutoff)
{
	int n = ms->postponed_months;

	if (ms->schedule == SCHED_OVERDUE && ms->due.y != 0) {
		int o = date_months_between(ms->due, cutoff);
		if (o > n)
			n = o;
	}
	return n;
}

/* The order of the risks: at risk, then delayed, then open and
 * overdue. */
static int
risk_class(const struct milestone *ms)
{
	return ms->status == MS_AT_RISK ? 0 : ms->status == MS_DELAYED ? 1 : 2;
}

/* < 0 when x is the bigger risk; never 0 for two milestones (their
 * input order decides last). */
static int
risk_cmp(const struct milestone *x, size_t xi, const struct milestone *y,
         size_t yi, struct pr_date cutoff)
{
	int c;

	if (x->highlight != y->highlight)
		return x->highlight ? -1 : 1;
	if ((c = risk_class(x) - risk_class(y)) != 0)
		return c;
	if ((c = lateness(y, cutoff) - lateness(x, cutoff)) != 0)
		return c;
	if ((c = date_cmp(x->due, y->due)) != 0)
		return c;
	return xi < yi ? -1 : 1;
}

/*
 * The page at a glance (docs/facts.md, "At a glance"): the year's three
 * key results and three biggest risks.  Results: marked ones first,
 * then one from each resolution point before a second from any, the
 * latest completion first, the input order last.  Risks: marked ones
 * first, then at risk before delayed before overdue, the latest first,
 * the earlier due date first, the input order last.
 */
static void
rank_glance(struct model *m, struct pr_date cutoff)
{
	const struct aspect *taken[3];
	size_t ntaken = 0;
	int rank;

	for (size_t i = 0; i < m->nmilestones; i++)
		m->milestones[i]->result_rank = m->milestones[i]->risk_rank = 0;
	for (rank = 1; rank <= 3; rank++) {
		struct milestone *best = NULL;
		bool best_new = false;

		for (size_t i = 0; i < m->nmilestones; i++) {
			struct milestone *ms = m->milestones[i];
			const struct aspect *pt =
			    point_of(ms->aspect, m->naspects);
			bool fresh = true;
			int c;

			if (!ms->done_in_year || ms->result_rank != 0)
				continue;
			for (size_t k = 0; k < ntaken; k++)
				if (taken[k] == pt)
					fresh = false;
			if (best == NULL) {
				best = ms, best_new = fresh;
				continue;
			}
			if (ms->highlight != best->highlight)
				c = ms->highlight ? -1 : 1;
			else if (fresh != best_new)
				c = fresh ? -1 : 1;
			else
				c = date_cmp(best->completed, ms->completed);
			if (c < 0)
				best = ms, best_new = fresh;
		}
		if (best == NULL)
			break;
		best->result_rank = rank;
		taken[ntaken++] = point_of(best->aspect, m->naspects);
	}
	for (rank = 1; rank <= 3; rank++) {
		struct milestone *best = NULL;
		size_t bi = 0;

		for (size_t i = 0; i < m->nmilestones; i++) {
			struct milestone *ms = m->milestones[i];

			if (!ms->open_risk || ms->risk_rank != 0)
				continue;
			if (best == NULL ||
			    risk_cmp(ms, i, best, bi, cutoff) < 0)
				best = ms, bi = i;
		}
		if (best == NULL)
			break;
		best->risk_rank = rank;
	}
}

void
analysis_run(struct model *m)
{
	struct pr_date cutoff = m->settings.cutoff;
	bool have_prev = m->prev.present;
	size_t i;

	if (cutoff.y == 0)
		cutoff = (struct pr_date){m->settings.year, 12, 31};
	memset(&m->totals, 0, sizeof(m->totals));
	for (i = 0; i < m->naspects; i++) {
		memset(&m->aspects[i]->count, 0, sizeof(m->aspects[i]->count));
		memset(m->aspects[i]->own_by_status, 0,
		       sizeof(m->aspects[i]->own_by_status));
	}
	for (i = 0; i < m->nmilestones; i++) {
		struct milestone *ms = m->milestones[i];

		ms->due =
		    analysis_due(ms->completed, ms->forecast, ms->planned);
		milestone_schedule(ms, cutoff);
		ms->plan = milestone_plan(ms, cutoff);
		milestone_changes(ms, have_prev);
		milestone_lists(ms, m->settings.year);
		count_up(ms->aspect, m->naspects, ms, NULL);
		count_milestone(&m->totals, ms);
	}
	for (i = 0; i < m->nindicators; i++) {
		struct indicator *ind = m->indicators[i];

		indicator_analyse(ind, m->settings.year);
		count_up(ind->aspect, m->naspects, NULL, ind);
		count_indicator(&m->totals, ind);
	}
	m->totals.removed = have_prev ? (unsigned)m->prev.nremoved : 0;
	for (i = 0; i < m->naspects; i++)
		m->aspects[i]->overall = point_overall(&m->aspects[i]->count);
	rank_glance(m, cutoff);
}
