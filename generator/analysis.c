/*
 * analysis.c - facts derived from the model: plan against actual per
 * milestone and aspect, indicator progress and course, and the changes
 * since the previous snapshot.  Pure computation, no I/O, linear in the
 * number of milestones and indicators.
 *
 * DEFINITIONS (the report's wording rests on these; docs/ copies them)
 *
 * Cut-off date: settings.cutoff, or 31 December of the reporting year
 * when the settings give none.
 *
 * Milestones
 *   due               the completion date, else the forecast date, else
 *                     the planned date.
 *   schedule          the first of these that applies:
 *                     overdue    the status is neither done nor
 *                                cancelled, and the due date is before
 *                                (strictly earlier than) the cut-off;
 *                     postponed  the due date is later than the planned
 *                                date (also for done milestones that
 *                                were completed late, and for cancelled
 *                                ones whose forecast had moved);
 *                     on time    otherwise, including a due date
 *                                earlier than planned and a milestone
 *                                without a planned date.
 *   postponed_months  whole calendar months from the planned date to the
 *                     due date (date_months_between(): 30 Nov 2026 to
 *                     1 Feb 2027 is 3) when the due date is later than
 *                     planned, else 0.  It may be 0 for a milestone
 *                     postponed within the same month.
 *
 * Changes since the previous snapshot.  The previous snapshot is the
 * latest one before the reporting year (history.c; m->prev.year, normally
 * the year before).  Without one, every fact below is false or 0.
 *   new_since         the milestone is not in the previous snapshot.
 *   removed           in the previous snapshot but not in the inputs:
 *                     m->prev.removed_ids/titles (history.c).
 *   For a milestone that is in the previous snapshot (prev != NULL),
 *   prev_due is its due date there, by the rule above:
 *   completed_since   done now, not done then.
 *   newly_critical    delayed or at risk now, neither of the two then
 *                     (delayed -> at risk is not "newly" critical).
 *   newly_cancelled   cancelled now, not cancelled then.
 *   newly_postponed   neither done nor cancelled now, and the due date
 *                     is later than prev_due.
 *   moved_months      whole calendar months from prev_due to due;
 *                     negative when brought forward; 0 without prev.
 *
 * Indicators.  Only values for years up to the reporting year count
 * (a value for a later year is an input error reported by inputs.c).
 *   has_current, current   the value for the reporting year.
 *   latest_year, latest    the value of the latest year that has one;
 *                          latest_year is 0 when there is none.
 *   expected          the value on the straight line from (baseline
 *                     year, baseline) to (target year, target) at
 *                     latest_year; before the baseline year it is the
 *                     baseline, from the target year on the target.
 *                     When the target year is not after the baseline
 *                     year the line is the target throughout.  Without
 *                     any value, expected is the baseline.
 *   progress          the share of the way from baseline to target:
 *                     (latest - baseline) / (target - baseline); below 0
 *                     when the value moved away from the target, above
 *                     1 when it went past it.  0 without any value.
 *                     When target equals baseline: 1 if the latest value
 *                     is at or better than the target, else 0.
 *   on_course         the indicator is measured (a value after the
 *                     baseline year, or any value when the target year
 *                     is not after the baseline year; a value of the
 *                     baseline year alone measures no progress and the
 *                     report says "no data"), and the latest value is at or
 *                     better than expected, "better" by direction
 *                     (higher or lower is better), both compared as the
 *                     report prints them (rounded to the indicator's
 *                     decimals), so that a value printed equal to the
 *                     path counts as on course.
 *   has_change, change  current - prev, when there is a value for the
 *                     reporting year and the previous snapshot had one
 *                     for its own year (prev, history.c).
 *
 * Aspects: nmilestones, nindicators, by_status[] and by_schedule[] count
 * the milestones and indicators of the aspect and of all aspects below
 * it (a resolution point includes its aspects).
 *
 * Totals (m->totals): the same counts over the whole report, plus the
 * number of milestones with each change fact, of indicators with a
 * value for the reporting year, and of indicators on course.
 */
#include "analysis.h"

#include <math.h>
#include <string.h>

static bool
is_critical(enum ms_status s)
{
	return s == MS_DELAYED || s == MS_AT_RISK;
}

static struct pr_date
due_date(struct pr_date completed, struct pr_date forecast,
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
	if (ms->status != MS_DONE && ms->status != MS_CANCELLED &&
	    ms->due.y != 0 && date_cmp(ms->due, cutoff) < 0)
		ms->schedule = SCHED_OVERDUE;
	else if (later)
		ms->schedule = SCHED_POSTPONED;
	else
		ms->schedule = SCHED_ON_TIME;
}

static void
milestone_changes(struct milestone *ms, bool have_prev)
{
	const struct ms_prev *p = ms->prev;

	ms->new_since = have_prev && p == NULL;
	ms->completed_since = ms->newly_critical = false;
	ms->newly_postponed = ms->newly_cancelled = false;
	ms->moved_months = 0;
	memset(&ms->prev_due, 0, sizeof(ms->prev_due));
	if (!have_prev || p == NULL)
		return;
	ms->prev_due = due_date(p->completed, p->forecast, p->planned);
	ms->completed_since = ms->status == MS_DONE && p->status != MS_DONE;
	ms->newly_critical = is_critical(ms->status) && !is_critical(p->status);
	ms->newly_cancelled =
	    ms->status == MS_CANCELLED && p->status != MS_CANCELLED;
	if (ms->prev_due.y != 0 && ms->due.y != 0) {
		ms->moved_months = date_months_between(ms->prev_due, ms->due);
		ms->newly_postponed = ms->status != MS_DONE &&
		                      ms->status != MS_CANCELLED &&
		                      date_cmp(ms->due, ms->prev_due) > 0;
	}
}

/* A value as the report prints it, for comparisons. */
static double
as_printed(double v, int decimals)
{
	double scale;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	scale = pow(10, decimals);
	return round(v * scale) / scale;
}

/* Whether a is at or better than b, as printed, by direction. */
static bool
at_or_better(const struct indicator *ind, double a, double b)
{
	a = as_printed(a, ind->decimals);
	b = as_printed(b, ind->decimals);
	return ind->direction < 0 ? a <= b : a >= b;
}

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

static void
indicator_analyse(struct indicator *ind, int year)
{
	size_t i;

	ind->has_current = false;
	ind->current = 0;
	ind->latest_year = 0;
	ind->latest = 0;
	for (i = 0; i < ind->nvalues; i++) {
		const struct year_value *v = &ind->values[i];

		if (v->year > year)
			continue;
		if (v->year == year) {
			ind->has_current = true;
			ind->current = v->value;
		}
		/* Values are ascending by year, but do not rely on it. */
		if (ind->latest_year == 0 || v->year >= ind->latest_year) {
			ind->latest_year = v->year;
			ind->latest = v->value;
		}
	}
	if (ind->latest_year == 0) {
		ind->expected = ind->baseline;
		ind->progress = 0;
		ind->on_course = false;
	} else {
		ind->expected = expected_at(ind, ind->latest_year);
		if (ind->target != ind->baseline)
			ind->progress = (ind->latest - ind->baseline) /
			                (ind->target - ind->baseline);
		else
			ind->progress =
			    at_or_better(ind, ind->latest, ind->target) ? 1 : 0;
		ind->on_course = indicator_measured(ind) &&
		                 at_or_better(ind, ind->latest, ind->expected);
	}
	ind->has_change = ind->has_current && ind->has_prev;
	ind->change = ind->has_change ? ind->current - ind->prev : 0;
}

/* Counts a milestone (or, when ms is NULL, an indicator) in the aspect
 * and each aspect above it.  The walk is bounded
 * by the number of aspects, so a cycle in bad data cannot hang it. */
static void
count_up(struct aspect *a, size_t naspects, const struct milestone *ms)
{
	size_t depth;

	for (depth = 0; a != NULL && depth <= naspects;
	     a = a->parent, depth++) {
		if (ms != NULL) {
			a->nmilestones++;
			if ((unsigned)ms->status < MS_STATUS__MAX)
				a->by_status[ms->status]++;
			if ((unsigned)ms->schedule < SCHED__MAX)
				a->by_schedule[ms->schedule]++;
		} else
			a->nindicators++;
	}
}

void
analysis_run(struct model *m)
{
	struct model_totals *t = &m->totals;
	struct pr_date cutoff = m->settings.cutoff;
	bool have_prev = m->prev.present;
	size_t i;

	if (cutoff.y == 0)
		cutoff = (struct pr_date){m->settings.year, 12, 31};
	memset(t, 0, sizeof(*t));
	for (i = 0; i < m->naspects; i++) {
		struct aspect *a = m->aspects[i];

		memset(a->by_status, 0, sizeof(a->by_status));
		memset(a->by_schedule, 0, sizeof(a->by_schedule));
		a->nmilestones = a->nindicators = 0;
	}

	for (i = 0; i < m->nmilestones; i++) {
		struct milestone *ms = m->milestones[i];

		ms->due = due_date(ms->completed, ms->forecast, ms->planned);
		milestone_schedule(ms, cutoff);
		milestone_changes(ms, have_prev);
		count_up(ms->aspect, m->naspects, ms);
		if ((unsigned)ms->status < MS_STATUS__MAX)
			t->by_status[ms->status]++;
		t->by_schedule[ms->schedule]++;
		t->completed_since += ms->completed_since;
		t->newly_critical += ms->newly_critical;
		t->newly_postponed += ms->newly_postponed;
		t->newly_cancelled += ms->newly_cancelled;
		t->added += ms->new_since;
	}
	for (i = 0; i < m->nindicators; i++) {
		struct indicator *ind = m->indicators[i];

		indicator_analyse(ind, m->settings.year);
		count_up(ind->aspect, m->naspects, NULL);
		t->indicators_current += ind->has_current;
		t->indicators_on_course += ind->on_course;
	}
}
