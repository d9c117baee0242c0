/*
 * model.c - the model's life cycle, lookups, status keys and dates.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

static const char *const status_keys[MS_STATUS__MAX] = {
    "planned", "in_progress", "done", "delayed", "at_risk", "cancelled",
};

static const char *const schedule_keys[SCHED__MAX] = {
    "on_time",
    "postponed",
    "overdue",
};

static const char *const plan_keys[PLAN__MAX] = {
    "cancelled", "done_on_time",   "done_late",
    "overdue",   "open_postponed", "open_on_schedule",
};

static const char *const course_keys[COURSE__MAX] = {
    "on_course",
    "off_course",
    "no_data",
};

static const char *const trend_keys[TREND__MAX] = {
    "no_trend",
    "reached",
    "reachable",
    "unreachable",
};

void
model_init(struct model *m)
{
	memset(m, 0, sizeof(*m));
	pool_init(&m->pool);
	strmap_init(&m->aspect_ids);
	strmap_init(&m->milestone_ids);
	strmap_init(&m->indicator_ids);
	strmap_init(&m->unit_ids);
	strmap_init(&m->topic_ids);
}

void
model_free(struct model *m)
{
	size_t i;

	for (i = 0; i < m->naspects; i++)
		free(m->aspects[i]->children);
	for (i = 0; i < m->nindicators; i++)
		free(m->indicators[i]->values);
	free(m->aspects);
	free(m->milestones);
	free(m->indicators);
	free(m->glossary);
	free(m->sources);
	free(m->units);
	free(m->topics);
	free(m->files);
	free(m->prev.removed_ids);
	free(m->prev.removed_titles);
	strmap_free(&m->aspect_ids);
	strmap_free(&m->milestone_ids);
	strmap_free(&m->indicator_ids);
	strmap_free(&m->unit_ids);
	strmap_free(&m->topic_ids);
	pool_free(&m->pool);
	memset(m, 0, sizeof(*m));
}

void
model_index(struct model *m)
{
	size_t i;

	strmap_free(&m->aspect_ids);
	strmap_free(&m->milestone_ids);
	strmap_free(&m->indicator_ids);
	strmap_free(&m->unit_ids);
	strmap_free(&m->topic_ids);
	/* Walk backwards so that the first of duplicates ends up stored. */
	for (i = m->naspects; i-- > 0;)
		strmap_put(&m->aspect_ids, m->aspects[i]->id, m->aspects[i]);
	for (i = m->nmilestones; i-- > 0;)
		strmap_put(&m->milestone_ids, m->milestones[i]->id,
		           m->milestones[i]);
	for (i = m->nindicators; i-- > 0;)
		strmap_put(&m->indicator_ids, m->indicators[i]->id,
		           m->indicators[i]);
	for (i = m->nunits; i-- > 0;)
		strmap_put(&m->unit_ids, m->units[i]->id, m->units[i]);
	for (i = m->ntopics; i-- > 0;)
		strmap_put(&m->topic_ids, m->topics[i]->id, m->topics[i]);
}

struct aspect *
model_find_aspect(const struct model *m, const char *id)
{
	return strmap_get(&m->aspect_ids, id);
}

struct milestone *
model_find_milestone(const struct model *m, const char *id)
{
	return strmap_get(&m->milestone_ids, id);
}

struct indicator *
model_find_indicator(const struct model *m, const char *id)
{
	return strmap_get(&m->indicator_ids, id);
}

struct org_unit *
model_find_unit(const struct model *m, const char *id)
{
	return strmap_get(&m->unit_ids, id);
}

struct topic *
model_find_topic(const struct model *m, const char *id)
{
	return strmap_get(&m->topic_ids, id);
}

const char *
unit_display(const struct org_unit *u, const char *text)
{
	return u != NULL ? u->name : text;
}

const char *
ms_status_key(enum ms_status s)
{
	return (unsigned)s < MS_STATUS__MAX ? status_keys[s] : "?";
}

bool
ms_status_from_key(const char *key, enum ms_status *out)
{
	int i;

	for (i = 0; i < MS_STATUS__MAX; i++)
		if (strcmp(status_keys[i], key) == 0) {
			*out = (enum ms_status)i;
			return true;
		}
	return false;
}

const char *
ms_schedule_key(enum ms_schedule s)
{
	return (unsigned)s < SCHED__MAX ? schedule_keys[s] : "?";
}

const char *
ms_plan_key(enum ms_plan p)
{
	return (unsigned)p < PLAN__MAX ? plan_keys[p] : "?";
}

const char *
indicator_course_key(const struct indicator *i)
{
	return (unsigned)i->course < COURSE__MAX ? course_keys[i->course]
	                                         : "no_data";
}

const char *
indicator_trend_key(enum ind_trend t)
{
	return (unsigned)t < TREND__MAX ? trend_keys[t] : "?";
}

bool
date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30,
	                            31, 31, 30, 31, 30, 31};
	int days;

	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1)
		return false;
	days = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		days = 29;
	return d <= days;
}

int
date_cmp(struct pr_date a, struct pr_date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

int
date_months_between(struct pr_date a, struct pr_date b)
{
	return (b.y - a.y) * 12 + (b.m - a.m);
}
