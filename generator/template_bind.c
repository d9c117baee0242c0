/*
 * template_bind.c - what templates can name: the names a template
 * starts from (settings, aspects, milestones...) and the fields of each
 * kind of object.  A plain field is one line of a table: its name, its
 * type and the member it reads.  A getter is written only for a value
 * computed from members (a status key from an enum, a number that is
 * absent without its flag).  The facts themselves are analysis.c's;
 * nothing here counts.
 *
 * To add a field: add its line to the table of its kind (and, when it
 * is computed, its getter above the table).
 */
#include "template_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_words[] = {
    "planned", "in_progress", "done", "delayed", "at_risk", "cancelled", NULL};
static const char *const schedule_words[] = {"on_time", "postponed", "overdue",
                                             NULL};
static const char *const course_words[] = {"on_course", "off_course", "no_data",
                                           NULL};
static const char *const plan_words[] = {
    "cancelled",      "done_on_time",     "done_late", "overdue",
    "open_postponed", "open_on_schedule", NULL};
static const char *const trend_words[] = {"no_trend", "reached", "reachable",
                                          "unreachable", NULL};
static const char *const direction_words[] = {"higher", "lower", NULL};
/* The two parts of a milestone's explanation, labelled by the locale. */
static const char *const reason_words[] = {"cause", "countermeasure", NULL};

/* The locale's group of a status-like key. */
const char *
key_group(const char *key)
{
	const char *const *g[] = {status_words, schedule_words, course_words,
	                          plan_words,   trend_words,    reason_words};
	const char *names[] = {"status", "schedule", "course",
	                       "plan",   "trend",    "explanation"};

	for (size_t i = 0; i < 6; i++)
		for (const char *const *w = g[i]; *w; w++)
			if (strcmp(*w, key) == 0)
				return names[i];
	return NULL;
}

/* A plain member, read as it is. */
#define PLAIN(name, vt, how, type, member)                                     \
	{                                                                      \
		name, vt, 0, how, offsetof(type, member), NULL, NULL, false    \
	}
/* Text of the inputs, in the inputs' language. */
#define PROSE(name, type, member)                                              \
	{                                                                      \
		name, VT_STR, 0, FR_STR, offsetof(type, member), NULL, NULL,   \
		    true                                                       \
	}
/* A pointer to another object of kind k. */
#define OBJ(name, k, type, member)                                             \
	{                                                                      \
		name, VT_OBJ, k, FR_OBJ, offsetof(type, member), NULL, NULL,   \
		    false                                                      \
	}
/* A value computed by a getter; `keys` the words it can be. */
#define COMPUTED(name, vt, k, get, keys)                                       \
	{                                                                      \
		name, vt, k, FR_GET, 0, get, keys, false                       \
	}

/* The value of field f of object o. */
void
field_read(const struct rctx *c, const struct field *f, const void *o,
           struct val *v)
{
	const char *p;

	if (f->how == FR_GET) { /* the root fields' o is NULL */
		f->get(c, o, v);
		return;
	}
	p = (const char *)o + f->off;
	switch (f->how) {
	case FR_GET:
		break;
	case FR_STR:
		v_str(v, *(const char *const *)(const void *)p);
		break;
	case FR_DATE:
		v_date(v, *(const struct pr_date *)(const void *)p);
		break;
	case FR_INT:
		v_num(v, *(const int *)(const void *)p);
		break;
	case FR_UINT:
		v_num(v, *(const unsigned *)(const void *)p);
		break;
	case FR_SIZE:
		v_num(v, (double)*(const size_t *)(const void *)p);
		break;
	case FR_DBL:
		v_num(v, *(const double *)(const void *)p);
		break;
	case FR_BOOL:
		v_bool(v, *(const bool *)(const void *)p);
		break;
	case FR_OBJ:
		v_obj(v, f->k, *(const void *const *)(const void *)p);
		break;
	}
}

/* A number that is there only when `has` holds. */
static void
opt_num(struct val *v, bool has, double n)
{
	if (has)
		v_num(v, n);
	else
		v_none(v);
}

static void
s_report_title(const struct rctx *c, const void *o, struct val *v)
{
	v_str(v, report_title(o, c->loc));
}

/* accessibility_statement's levels, as inputs.c accepts them. */
static const char *const conformance_words[] = {"full", "partial", "none",
                                                NULL};

static const struct field settings_fields[] = {
    PROSE("organisation", struct settings, organisation),
    PROSE("title", struct settings, title),
    COMPUTED("report_title", VT_STR, 0, s_report_title, NULL),
    PROSE("subtitle", struct settings, subtitle),
    PROSE("committee", struct settings, committee),
    PLAIN("session_date", VT_DATE, FR_DATE, struct settings, session_date),
    PLAIN("year", VT_NUM, FR_INT, struct settings, year),
    PLAIN("cutoff", VT_DATE, FR_DATE, struct settings, cutoff),
    PLAIN("lang", VT_STR, FR_STR, struct settings, lang),
    PROSE("contact_name", struct settings, contact_name),
    PLAIN("contact_email", VT_STR, FR_STR, struct settings, contact_email),
    PLAIN("contact_phone", VT_STR, FR_STR, struct settings, contact_phone),
    PLAIN("contact_url", VT_STR, FR_STR, struct settings, contact_url),
    PLAIN("horizon_start", VT_NUM, FR_INT, struct settings, horizon_start),
    PLAIN("horizon_end", VT_NUM, FR_INT, struct settings, horizon_end),
    PLAIN("sample", VT_BOOL, FR_BOOL, struct settings, sample),
    PROSE("sample_notice", struct settings, sample_notice),
    {"conformance", VT_STR, 0, FR_STR, offsetof(struct settings, conformance),
     NULL, conformance_words, false},
    PLAIN("assessed", VT_DATE, FR_DATE, struct settings, assessed),
    PROSE("assessment_method", struct settings, assessment_method),
    PROSE("limitations", struct settings, limitations),
    PROSE("enforcement_name", struct settings, enforcement_name),
    PLAIN("enforcement_url", VT_STR, FR_STR, struct settings, enforcement_url),
    PLAIN("adopted", VT_DATE, FR_DATE, struct settings, adopted),
    PLAIN("adoption_paper", VT_STR, FR_STR, struct settings, adoption_paper),
    PLAIN("council_paper", VT_STR, FR_STR, struct settings, council_paper),
    {0},
};

/* units and topics */

/* The declared units or topics of an id list, in the order written. */
static void
id_refs(const struct rctx *c, const struct idlist *l, enum kind k,
        struct val *v)
{
	struct rctx *mc = (struct rctx *)c;
	const void **p = pool_alloc(&mc->pool, (l->n + 1) * sizeof(*p));
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		if (l->refs[i] != NULL)
			p[n++] = l->refs[i];
	v_list(v, k, p, n);
}

/* The milestones or indicators that carry topic t, in input order. */
static bool
has_topic(const struct idlist *l, const struct topic *t)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->refs[i] == t)
			return true;
	return false;
}

static void
t_milestones(const struct rctx *c, const void *o, struct val *v)
{
	struct rctx *mc = (struct rctx *)c;
	const struct model *m = c->m;
	const void **p =
	    pool_alloc(&mc->pool, (m->nmilestones + 1) * sizeof(*p));
	size_t n = 0;

	for (size_t i = 0; i < m->nmilestones; i++)
		if (has_topic(&m->milestones[i]->topics, o))
			p[n++] = m->milestones[i];
	v_list(v, K_MILESTONE, p, n);
}

static void
t_indicators(const struct rctx *c, const void *o, struct val *v)
{
	struct rctx *mc = (struct rctx *)c;
	const struct model *m = c->m;
	const void **p =
	    pool_alloc(&mc->pool, (m->nindicators + 1) * sizeof(*p));
	size_t n = 0;

	for (size_t i = 0; i < m->nindicators; i++)
		if (has_topic(&m->indicators[i]->topics, o))
			p[n++] = m->indicators[i];
	v_list(v, K_INDICATOR, p, n);
}

static const struct field unit_fields[] = {
    PLAIN("id", VT_STR, FR_STR, struct org_unit, id),
    PROSE("name", struct org_unit, name),
    PROSE("short_name", struct org_unit, short_name),
    PROSE("contact_name", struct org_unit, contact_name),
    PLAIN("contact_email", VT_STR, FR_STR, struct org_unit, contact_email),
    PLAIN("contact_phone", VT_STR, FR_STR, struct org_unit, contact_phone),
    {0},
};

static const struct field topic_fields[] = {
    PLAIN("id", VT_STR, FR_STR, struct topic, id),
    PROSE("name", struct topic, name),
    COMPUTED("milestones", VT_LIST, K_MILESTONE, t_milestones, NULL),
    COMPUTED("indicators", VT_LIST, K_INDICATOR, t_indicators, NULL),
    {0},
};

/* aspects */

static void
a_short(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct aspect *a = o;

	v_str(v, a->short_title ? a->short_title : a->title);
}

static void
a_children(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct aspect *a = o;

	v_list(v, K_ASPECT, (const void *const *)a->children, a->nchildren);
}

static void
a_is_point(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_bool(v, ((const struct aspect *)o)->parent == NULL);
}

/* The aspect's lists, built once per report by prepare(). */
static void
aspect_list(const struct rctx *c, const void *o, struct val *v, enum kind k,
            size_t which)
{
	const struct aext *e = aext_of(c, o);
	const struct plist *lists[4];

	if (e == NULL) {
		v_list(v, k, NULL, 0);
		return;
	}
	lists[0] = &e->ms;
	lists[1] = &e->all_ms;
	lists[2] = &e->ind;
	lists[3] = &e->all_ind;
	v_plist(v, k, lists[which]);
}

static void
a_ms(const struct rctx *c, const void *o, struct val *v)
{
	aspect_list(c, o, v, K_MILESTONE, 0);
}

static void
a_all_ms(const struct rctx *c, const void *o, struct val *v)
{
	aspect_list(c, o, v, K_MILESTONE, 1);
}

static void
a_ind(const struct rctx *c, const void *o, struct val *v)
{
	aspect_list(c, o, v, K_INDICATOR, 2);
}

static void
a_all_ind(const struct rctx *c, const void *o, struct val *v)
{
	aspect_list(c, o, v, K_INDICATOR, 3);
}

static void
a_count(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_obj(v, K_COUNTS, &((const struct aspect *)o)->count);
}

/* The responsible unit's name where the inputs declare units, else
 * the text written. */
static void
a_unit(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct aspect *a = o;

	v_str(v, unit_display(a->unit_ref, a->unit));
}

static void
a_unit_obj(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_obj(v, K_UNIT, ((const struct aspect *)o)->unit_ref);
}

static void
a_involved(const struct rctx *c, const void *o, struct val *v)
{
	id_refs(c, &((const struct aspect *)o)->involved, K_UNIT, v);
}

static void
a_status(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_str(v, ms_status_key(((const struct aspect *)o)->overall));
}

static const struct field aspect_fields[] = {
    PLAIN("id", VT_STR, FR_STR, struct aspect, id),
    PROSE("title", struct aspect, title),
    {"short_title", VT_STR, 0, FR_GET, 0, a_short, NULL, true},
    PROSE("description", struct aspect, description),
    {"unit", VT_STR, 0, FR_GET, 0, a_unit, NULL, true},
    COMPUTED("responsible", VT_OBJ, K_UNIT, a_unit_obj, NULL),
    COMPUTED("involved", VT_LIST, K_UNIT, a_involved, NULL),
    OBJ("parent", K_ASPECT, struct aspect, parent),
    COMPUTED("children", VT_LIST, K_ASPECT, a_children, NULL),
    PROSE("narrative", struct aspect, narrative),
    PROSE("easy_title", struct aspect, easy_title),
    COMPUTED("is_point", VT_BOOL, 0, a_is_point, NULL),
    COMPUTED("milestones", VT_LIST, K_MILESTONE, a_ms, NULL),
    COMPUTED("all_milestones", VT_LIST, K_MILESTONE, a_all_ms, NULL),
    COMPUTED("indicators", VT_LIST, K_INDICATOR, a_ind, NULL),
    COMPUTED("all_indicators", VT_LIST, K_INDICATOR, a_all_ind, NULL),
    COMPUTED("count", VT_OBJ, K_COUNTS, a_count, NULL),
    COMPUTED("status", VT_STR, 0, a_status, status_words),
    {0},
};

/* milestones */

static void
m_status(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_str(v, ms_status_key(((const struct milestone *)o)->status));
}

static void
m_schedule(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_str(v, ms_schedule_key(((const struct milestone *)o)->schedule));
}

static void
m_plan(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_str(v, ms_plan_key(((const struct milestone *)o)->plan));
}

/* A milestone.prev is the milestone itself, so that its fields can use
 * the previous due date analysis.c derived. */
static void
m_prev(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct milestone *m = o;

	v_obj(v, K_MSPREV, m->prev != NULL ? m : NULL);
}

static void
m_unit(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct milestone *ms = o;

	v_str(v, unit_display(ms->unit_ref, ms->unit));
}

static void
m_unit_obj(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_obj(v, K_UNIT, ((const struct milestone *)o)->unit_ref);
}

static void
m_involved(const struct rctx *c, const void *o, struct val *v)
{
	id_refs(c, &((const struct milestone *)o)->involved, K_UNIT, v);
}

static void
m_topics(const struct rctx *c, const void *o, struct val *v)
{
	id_refs(c, &((const struct milestone *)o)->topics, K_TOPIC, v);
}

static const struct field milestone_fields[] = {
    PLAIN("id", VT_STR, FR_STR, struct milestone, id),
    OBJ("aspect", K_ASPECT, struct milestone, aspect),
    PLAIN("aspect_id", VT_STR, FR_STR, struct milestone, aspect_id),
    PROSE("title", struct milestone, title),
    PROSE("description", struct milestone, description),
    {"unit", VT_STR, 0, FR_GET, 0, m_unit, NULL, true},
    COMPUTED("responsible", VT_OBJ, K_UNIT, m_unit_obj, NULL),
    COMPUTED("involved", VT_LIST, K_UNIT, m_involved, NULL),
    COMPUTED("topics", VT_LIST, K_TOPIC, m_topics, NULL),
    PROSE("cause", struct milestone, cause),
    PROSE("countermeasure", struct milestone, countermeasure),
    PLAIN("planned", VT_DATE, FR_DATE, struct milestone, planned),
    PLAIN("forecast", VT_DATE, FR_DATE, struct milestone, forecast),
    PLAIN("completed", VT_DATE, FR_DATE, struct milestone, completed),
    PLAIN("due", VT_DATE, FR_DATE, struct milestone, due),
    COMPUTED("status", VT_STR, 0, m_status, status_words),
    PLAIN("progress", VT_NUM, FR_INT, struct milestone, progress),
    PROSE("explanation", struct milestone, explanation),
    PLAIN("updated", VT_DATE, FR_DATE, struct milestone, updated),
    PROSE("easy_title", struct milestone, easy_title),
    PROSE("easy_explanation", struct milestone, easy_explanation),
    COMPUTED("schedule", VT_STR, 0, m_schedule, schedule_words),
    COMPUTED("plan", VT_STR, 0, m_plan, plan_words),
    PLAIN("postponed_months", VT_NUM, FR_INT, struct milestone,
          postponed_months),
    COMPUTED("prev", VT_OBJ, K_MSPREV, m_prev, NULL),
    PLAIN("completed_since", VT_BOOL, FR_BOOL, struct milestone,
          completed_since),
    PLAIN("newly_critical", VT_BOOL, FR_BOOL, struct milestone, newly_critical),
    PLAIN("newly_postponed", VT_BOOL, FR_BOOL, struct milestone,
          newly_postponed),
    PLAIN("newly_cancelled", VT_BOOL, FR_BOOL, struct milestone,
          newly_cancelled),
    PLAIN("moved_months", VT_NUM, FR_INT, struct milestone, moved_months),
    PLAIN("is_new", VT_BOOL, FR_BOOL, struct milestone, new_since),
    PLAIN("newly_delayed", VT_BOOL, FR_BOOL, struct milestone, newly_delayed),
    PLAIN("newly_at_risk", VT_BOOL, FR_BOOL, struct milestone, newly_at_risk),
    PLAIN("recovered", VT_BOOL, FR_BOOL, struct milestone, recovered),
    PLAIN("done_in_year", VT_BOOL, FR_BOOL, struct milestone, done_in_year),
    PLAIN("open_risk", VT_BOOL, FR_BOOL, struct milestone, open_risk),
    PLAIN("needs_explanation", VT_BOOL, FR_BOOL, struct milestone,
          needs_explanation),
    PLAIN("due_next_year", VT_BOOL, FR_BOOL, struct milestone, due_next_year),
    PLAIN("brought_forward", VT_BOOL, FR_BOOL, struct milestone,
          brought_forward),
    PLAIN("highlight", VT_BOOL, FR_BOOL, struct milestone, highlight),
    PLAIN("result_rank", VT_NUM, FR_INT, struct milestone, result_rank),
    PLAIN("risk_rank", VT_NUM, FR_INT, struct milestone, risk_rank),
    {0},
};

/* indicators */

static void
i_direction(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_str(v, ((const struct indicator *)o)->direction < 0 ? "lower"
	                                                      : "higher");
}

/* The values are an array of structs; the list needs pointers, built
 * once per use into the render pool. */
static void
i_values(const struct rctx *c, const void *o, struct val *v)
{
	const struct indicator *ind = o;
	struct rctx *mc = (struct rctx *)c;
	const void **p = pool_alloc(&mc->pool, (ind->nvalues + 1) * sizeof(*p));

	for (size_t k = 0; k < ind->nvalues; k++)
		p[k] = &ind->values[k];
	v_list(v, K_VALUE, p, ind->nvalues);
}

static void
i_current(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->has_current, ind->current);
}

/* The latest value and what depends on it: absent without a value. */
static void
i_latest_year(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->latest_year != 0, ind->latest_year);
}

static void
i_latest(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->latest_year != 0, ind->latest);
}

static void
i_expected(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->latest_year != 0, ind->expected);
}

/* A share in analysis.c, a percentage in the templates. */
static void
i_progress(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->latest_year != 0, ind->progress * 100.0);
}

static void
i_course(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_str(v, indicator_course_key(o));
}

static void
i_prev(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->has_prev, ind->prev);
}

static void
i_change(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->has_change, ind->change);
}

static void
i_earlier_year(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->has_change, ind->earlier_year);
}

static void
i_earlier(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->has_change, ind->earlier);
}

static void
i_change_pct(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->has_change_pct, ind->change_pct);
}

static void
i_trend(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_str(v, indicator_trend_key(((const struct indicator *)o)->trend));
}

static void
i_projection(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->has_projection, ind->projection);
}

static void
i_trend_rate(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->has_projection, ind->trend_rate);
}

static void
i_required_rate(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	opt_num(v, ind->has_required, ind->required_rate);
}

static void
i_responsible(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_obj(v, K_UNIT, ((const struct indicator *)o)->responsible_ref);
}

static void
i_responsible_name(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct indicator *ind = o;

	v_str(v, unit_display(ind->responsible_ref, ind->responsible));
}

static void
i_involved(const struct rctx *c, const void *o, struct val *v)
{
	id_refs(c, &((const struct indicator *)o)->involved, K_UNIT, v);
}

static void
i_topics(const struct rctx *c, const void *o, struct val *v)
{
	id_refs(c, &((const struct indicator *)o)->topics, K_TOPIC, v);
}

static const struct field indicator_fields[] = {
    {"responsible_name", VT_STR, 0, FR_GET, 0, i_responsible_name, NULL, true},
    COMPUTED("responsible", VT_OBJ, K_UNIT, i_responsible, NULL),
    COMPUTED("involved", VT_LIST, K_UNIT, i_involved, NULL),
    COMPUTED("topics", VT_LIST, K_TOPIC, i_topics, NULL),
    PLAIN("id", VT_STR, FR_STR, struct indicator, id),
    OBJ("aspect", K_ASPECT, struct indicator, aspect),
    PLAIN("aspect_id", VT_STR, FR_STR, struct indicator, aspect_id),
    PROSE("title", struct indicator, title),
    PROSE("unit", struct indicator, unit),
    COMPUTED("direction", VT_STR, 0, i_direction, direction_words),
    PLAIN("decimals", VT_NUM, FR_INT, struct indicator, decimals),
    PLAIN("baseline_year", VT_NUM, FR_INT, struct indicator, baseline_year),
    PLAIN("baseline", VT_NUM, FR_DBL, struct indicator, baseline),
    PLAIN("target_year", VT_NUM, FR_INT, struct indicator, target_year),
    PLAIN("target", VT_NUM, FR_DBL, struct indicator, target),
    COMPUTED("values", VT_LIST, K_VALUE, i_values, NULL),
    PROSE("source", struct indicator, source),
    PLAIN("source_id", VT_STR, FR_STR, struct indicator, source_id),
    PROSE("note", struct indicator, note),
    PLAIN("has_current", VT_BOOL, FR_BOOL, struct indicator, has_current),
    COMPUTED("current", VT_NUM, 0, i_current, NULL),
    COMPUTED("latest_year", VT_NUM, 0, i_latest_year, NULL),
    COMPUTED("latest", VT_NUM, 0, i_latest, NULL),
    COMPUTED("expected", VT_NUM, 0, i_expected, NULL),
    COMPUTED("progress", VT_NUM, 0, i_progress, NULL),
    PLAIN("on_course", VT_BOOL, FR_BOOL, struct indicator, on_course),
    COMPUTED("course", VT_STR, 0, i_course, course_words),
    PLAIN("has_prev", VT_BOOL, FR_BOOL, struct indicator, has_prev),
    COMPUTED("prev", VT_NUM, 0, i_prev, NULL),
    PLAIN("has_change", VT_BOOL, FR_BOOL, struct indicator, has_change),
    COMPUTED("earlier_year", VT_NUM, 0, i_earlier_year, NULL),
    COMPUTED("earlier", VT_NUM, 0, i_earlier, NULL),
    COMPUTED("change", VT_NUM, 0, i_change, NULL),
    COMPUTED("change_pct", VT_NUM, 0, i_change_pct, NULL),
    PLAIN("has_change_pct", VT_BOOL, FR_BOOL, struct indicator, has_change_pct),
    PLAIN("baseline_only", VT_BOOL, FR_BOOL, struct indicator, baseline_only),
    PLAIN("target_reached", VT_BOOL, FR_BOOL, struct indicator, target_reached),
    COMPUTED("trend", VT_STR, 0, i_trend, trend_words),
    COMPUTED("projection", VT_NUM, 0, i_projection, NULL),
    COMPUTED("trend_rate", VT_NUM, 0, i_trend_rate, NULL),
    COMPUTED("required_rate", VT_NUM, 0, i_required_rate, NULL),
    PLAIN("new_since", VT_BOOL, FR_BOOL, struct indicator, new_since),
    {0},
};

static const struct field value_fields[] = {
    PLAIN("year", VT_NUM, FR_INT, struct year_value, year),
    PLAIN("value", VT_NUM, FR_DBL, struct year_value, value),
    {0},
};

static const struct field term_fields[] = {
    PLAIN("term", VT_STR, FR_STR, struct glossary_entry, term),
    PLAIN("expansion", VT_STR, FR_STR, struct glossary_entry, expansion),
    PLAIN("lang", VT_STR, FR_STR, struct glossary_entry, lang),
    {0},
};

static const struct field source_fields[] = {
    PLAIN("id", VT_STR, FR_STR, struct source_entry, id),
    PROSE("title", struct source_entry, title),
    PLAIN("url", VT_STR, FR_STR, struct source_entry, url),
    {0},
};

static void
p_year(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct prev_snapshot *p = o;

	opt_num(v, p->present, p->year);
}

static void
p_removed(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_plist(v, K_REMOVED, &c->removed);
}

static const struct field prev_fields[] = {
    PLAIN("present", VT_BOOL, FR_BOOL, struct prev_snapshot, present),
    COMPUTED("year", VT_NUM, 0, p_year, NULL),
    COMPUTED("removed", VT_LIST, K_REMOVED, p_removed, NULL),
    {0},
};

static const struct field removed_fields[] = {
    PLAIN("id", VT_STR, FR_STR, struct removed, id),
    PROSE("title", struct removed, title),
    {0},
};

/* The previous state of a milestone (the object is the milestone, see
 * m_prev). */
static void
mp_status(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_str(v, ms_status_key(((const struct milestone *)o)->prev->status));
}

static void
mp_planned(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_date(v, ((const struct milestone *)o)->prev->planned);
}

static void
mp_forecast(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_date(v, ((const struct milestone *)o)->prev->forecast);
}

static void
mp_completed(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_date(v, ((const struct milestone *)o)->prev->completed);
}

static void
mp_progress(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_num(v, ((const struct milestone *)o)->prev->progress);
}

static const struct field msprev_fields[] = {
    COMPUTED("status", VT_STR, 0, mp_status, status_words),
    COMPUTED("planned", VT_DATE, 0, mp_planned, NULL),
    COMPUTED("forecast", VT_DATE, 0, mp_forecast, NULL),
    COMPUTED("completed", VT_DATE, 0, mp_completed, NULL),
    PLAIN("due", VT_DATE, FR_DATE, struct milestone, prev_due),
    COMPUTED("progress", VT_NUM, 0, mp_progress, NULL),
    {0},
};

#define COUNT(name, member)                                                    \
	PLAIN(name, VT_NUM, FR_UINT, struct fact_counts, member)

static const struct field counts_fields[] = {
    COUNT("milestones", milestones),
    COUNT("planned", by_status[MS_PLANNED]),
    COUNT("in_progress", by_status[MS_IN_PROGRESS]),
    COUNT("done", by_status[MS_DONE]),
    COUNT("delayed", by_status[MS_DELAYED]),
    COUNT("at_risk", by_status[MS_AT_RISK]),
    COUNT("cancelled", by_status[MS_CANCELLED]),
    COUNT("on_time", by_schedule[SCHED_ON_TIME]),
    COUNT("postponed", by_schedule[SCHED_POSTPONED]),
    COUNT("overdue", by_schedule[SCHED_OVERDUE]),
    PLAIN("max_postponed_months", VT_NUM, FR_INT, struct fact_counts,
          max_postponed_months),
    COUNT("done_on_time", by_plan[PLAN_DONE_ON_TIME]),
    COUNT("done_late", by_plan[PLAN_DONE_LATE]),
    COUNT("open_postponed", by_plan[PLAN_OPEN_POSTPONED]),
    COUNT("open_on_schedule", by_plan[PLAN_OPEN_ON_SCHEDULE]),
    COUNT("indicators", indicators),
    COUNT("with_current", with_current),
    COUNT("baseline_only", baseline_only),
    COUNT("on_course", by_course[COURSE_ON]),
    COUNT("off_course", by_course[COURSE_OFF]),
    COUNT("no_data", by_course[COURSE_NO_DATA]),
    COUNT("target_reached", by_trend[TREND_REACHED]),
    COUNT("reachable", by_trend[TREND_REACHABLE]),
    COUNT("unreachable", by_trend[TREND_UNREACHABLE]),
    COUNT("no_trend", by_trend[TREND_NONE]),
    COUNT("completed_since", completed_since),
    COUNT("newly_critical", newly_critical),
    COUNT("newly_delayed", newly_delayed),
    COUNT("newly_at_risk", newly_at_risk),
    COUNT("recovered", recovered),
    COUNT("newly_postponed", newly_postponed),
    COUNT("brought_forward", brought_forward),
    COUNT("newly_cancelled", newly_cancelled),
    COUNT("added", added),
    COUNT("removed", removed),
    COUNT("done_in_year", done_in_year),
    COUNT("open_risks", open_risks),
    COUNT("needs_explanation", needs_explanation),
    COUNT("due_next_year", due_next_year),
    {0},
};

/* loop.index and the like: computed from the loop's place. */
static void
l_index(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_num(v, (double)((const struct loopinfo *)o)->index + 1);
}

static void
l_index0(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_num(v, (double)((const struct loopinfo *)o)->index);
}

static void
l_first(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	v_bool(v, ((const struct loopinfo *)o)->index == 0);
}

static void
l_last(const struct rctx *c UNUSED, const void *o, struct val *v)
{
	const struct loopinfo *l = o;

	v_bool(v, l->index + 1 == l->length);
}

static const struct field loop_fields[] = {
    COMPUTED("index", VT_NUM, 0, l_index, NULL),
    COMPUTED("index0", VT_NUM, 0, l_index0, NULL),
    COMPUTED("first", VT_BOOL, 0, l_first, NULL),
    COMPUTED("last", VT_BOOL, 0, l_last, NULL),
    PLAIN("length", VT_NUM, FR_SIZE, struct loopinfo, length),
    {0},
};

const struct field *const kind_fields[K__MAX] = {
    [K_SETTINGS] = settings_fields,   [K_ASPECT] = aspect_fields,
    [K_MILESTONE] = milestone_fields, [K_INDICATOR] = indicator_fields,
    [K_VALUE] = value_fields,         [K_TERM] = term_fields,
    [K_SOURCE] = source_fields,       [K_PREV] = prev_fields,
    [K_REMOVED] = removed_fields,     [K_MSPREV] = msprev_fields,
    [K_COUNTS] = counts_fields,       [K_LOOP] = loop_fields,
    [K_UNIT] = unit_fields,           [K_TOPIC] = topic_fields,
};

/* The names a template starts from: the model's parts (o is NULL). */
static void
r_settings(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_obj(v, K_SETTINGS, &c->m->settings);
}

static void
r_aspects(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_list(v, K_ASPECT, (const void *const *)c->m->aspects, c->m->naspects);
}

static void
r_points(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_plist(v, K_ASPECT, &c->points);
}

static void
r_milestones(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_list(v, K_MILESTONE, (const void *const *)c->m->milestones,
	       c->m->nmilestones);
}

static void
r_indicators(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_list(v, K_INDICATOR, (const void *const *)c->m->indicators,
	       c->m->nindicators);
}

static void
r_glossary(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_plist(v, K_TERM, &c->glossary);
}

static void
r_sources(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_plist(v, K_SOURCE, &c->sources);
}

static void
r_prev(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_obj(v, K_PREV, &c->m->prev);
}

static void
r_summary(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_obj(v, K_COUNTS, &c->m->totals);
}

static void
r_units(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_list(v, K_UNIT, (const void *const *)c->m->units, c->m->nunits);
}

static void
r_topics(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_list(v, K_TOPIC, (const void *const *)c->m->topics, c->m->ntopics);
}

static void
r_year(const struct rctx *c, const void *o UNUSED, struct val *v)
{
	v_num(v, c->m->settings.year);
}

const struct field root_fields[] = {
    COMPUTED("settings", VT_OBJ, K_SETTINGS, r_settings, NULL),
    COMPUTED("aspects", VT_LIST, K_ASPECT, r_aspects, NULL),
    COMPUTED("points", VT_LIST, K_ASPECT, r_points, NULL),
    COMPUTED("milestones", VT_LIST, K_MILESTONE, r_milestones, NULL),
    COMPUTED("indicators", VT_LIST, K_INDICATOR, r_indicators, NULL),
    COMPUTED("glossary", VT_LIST, K_TERM, r_glossary, NULL),
    COMPUTED("sources", VT_LIST, K_SOURCE, r_sources, NULL),
    COMPUTED("prev", VT_OBJ, K_PREV, r_prev, NULL),
    COMPUTED("summary", VT_OBJ, K_COUNTS, r_summary, NULL),
    COMPUTED("units", VT_LIST, K_UNIT, r_units, NULL),
    COMPUTED("topics", VT_LIST, K_TOPIC, r_topics, NULL),
    COMPUTED("year", VT_NUM, 0, r_year, NULL),
    {0},
};

/* The lists of aspect a that prepare() in template_eval.c built. */
struct aext *
aext_of(const struct rctx *c, const struct aspect *a)
{
	uintptr_t i = (uintptr_t)strmap_get(&c->aidx, a->id);

	return i ? &c->aext[i - 1] : NULL;
}
