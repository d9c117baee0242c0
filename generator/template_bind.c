/*
 * template_bind.c - what templates can name: the names a template
 * starts from (settings, aspects, milestones...) and the fields of each
 * kind of object.  The facts themselves come from analysis.c; nothing
 * here counts.
 */
#include "template_int.h"

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
static const char *const direction_words[] = {"higher", "lower", NULL};
static const char *const trend_words[] = {"no_trend", "reached", "reachable",
                                          "unreachable", NULL};

/* The locale's group of a status-like key. */
const char *
key_group(const char *key)
{
	const char *const *g[] = {status_words, schedule_words, course_words,
	                          plan_words, trend_words};
	const char *names[] = {"status", "schedule", "course", "plan", "trend"};

	for (size_t i = 0; i < 5; i++)
		for (const char *const *w = g[i]; *w; w++)
			if (strcmp(*w, key) == 0)
				return names[i];
	return NULL;
}

#define GET(fn)                                                                \
	static void fn(const struct rctx *c, const void *o, struct val *v)
#define S   ((const struct settings *)o)
#define A   ((const struct aspect *)o)
#define M   ((const struct milestone *)o)
#define I   ((const struct indicator *)o)
#define YV  ((const struct year_value *)o)
#define G   ((const struct glossary_entry *)o)
#define SRC ((const struct source_entry *)o)
#define PV  ((const struct prev_snapshot *)o)
#define RM  ((const struct removed *)o)
/* A milestone.prev is the milestone itself, so that its fields can use
 * the previous due date analysis.c derived. */
#define MP (((const struct milestone *)o)->prev)
#define CN ((const struct fact_counts *)o)
#define LP ((const struct loopinfo *)o)

/* settings */
GET(s_org)
{
	v_str(v, S->organisation);
}
GET(s_title)
{
	v_str(v, S->title);
}
GET(s_subtitle)
{
	v_str(v, S->subtitle);
}
GET(s_committee)
{
	v_str(v, S->committee);
}
GET(s_session)
{
	v_date(v, S->session_date);
}
GET(s_year)
{
	v_num(v, S->year);
}
GET(s_cutoff)
{
	v_date(v, S->cutoff);
}
GET(s_lang)
{
	v_str(v, S->lang);
}
GET(s_cname)
{
	v_str(v, S->contact_name);
}
GET(s_cmail)
{
	v_str(v, S->contact_email);
}
GET(s_cphone)
{
	v_str(v, S->contact_phone);
}
GET(s_curl)
{
	v_str(v, S->contact_url);
}
GET(s_hstart)
{
	v_num(v, S->horizon_start);
}
GET(s_hend)
{
	v_num(v, S->horizon_end);
}
GET(s_sample)
{
	v_bool(v, S->sample);
}
GET(s_snotice)
{
	v_str(v, S->sample_notice);
}

static const struct field settings_fields[] = {
    {"organisation", VT_STR, 0, s_org, NULL},
    {"title", VT_STR, 0, s_title, NULL},
    {"subtitle", VT_STR, 0, s_subtitle, NULL},
    {"committee", VT_STR, 0, s_committee, NULL},
    {"session_date", VT_DATE, 0, s_session, NULL},
    {"year", VT_NUM, 0, s_year, NULL},
    {"cutoff", VT_DATE, 0, s_cutoff, NULL},
    {"lang", VT_STR, 0, s_lang, NULL},
    {"contact_name", VT_STR, 0, s_cname, NULL},
    {"contact_email", VT_STR, 0, s_cmail, NULL},
    {"contact_phone", VT_STR, 0, s_cphone, NULL},
    {"contact_url", VT_STR, 0, s_curl, NULL},
    {"horizon_start", VT_NUM, 0, s_hstart, NULL},
    {"horizon_end", VT_NUM, 0, s_hend, NULL},
    {"sample", VT_BOOL, 0, s_sample, NULL},
    {"sample_notice", VT_STR, 0, s_snotice, NULL},
    {NULL, 0, 0, NULL, NULL},
};

/* aspects */
GET(a_id)
{
	v_str(v, A->id);
}
GET(a_title)
{
	v_str(v, A->title);
}
GET(a_short)
{
	v_str(v, A->short_title ? A->short_title : A->title);
}
GET(a_desc)
{
	v_str(v, A->description);
}
GET(a_unit)
{
	v_str(v, A->unit);
}
GET(a_parent)
{
	v_obj(v, K_ASPECT, A->parent);
}
GET(a_children)
{
	v_list(v, K_ASPECT, (const void *const *)A->children, A->nchildren);
}
GET(a_narr)
{
	v_str(v, A->narrative);
}
GET(a_ispoint)
{
	v_bool(v, A->parent == NULL);
}
GET(a_ms)
{
	struct aext *e = aext_of(c, A);
	if (e)
		v_plist(v, K_MILESTONE, &e->ms);
	else
		v_list(v, K_MILESTONE, NULL, 0);
}
GET(a_allms)
{
	struct aext *e = aext_of(c, A);
	if (e)
		v_plist(v, K_MILESTONE, &e->all_ms);
	else
		v_list(v, K_MILESTONE, NULL, 0);
}
GET(a_ind)
{
	struct aext *e = aext_of(c, A);
	if (e)
		v_plist(v, K_INDICATOR, &e->ind);
	else
		v_list(v, K_INDICATOR, NULL, 0);
}
GET(a_allind)
{
	struct aext *e = aext_of(c, A);
	if (e)
		v_plist(v, K_INDICATOR, &e->all_ind);
	else
		v_list(v, K_INDICATOR, NULL, 0);
}
GET(a_count)
{
	v_obj(v, K_COUNTS, &A->count);
}

static const struct field aspect_fields[] = {
    {"id", VT_STR, 0, a_id, NULL},
    {"title", VT_STR, 0, a_title, NULL},
    {"short_title", VT_STR, 0, a_short, NULL},
    {"description", VT_STR, 0, a_desc, NULL},
    {"unit", VT_STR, 0, a_unit, NULL},
    {"parent", VT_OBJ, K_ASPECT, a_parent, NULL},
    {"children", VT_LIST, K_ASPECT, a_children, NULL},
    {"narrative", VT_STR, 0, a_narr, NULL},
    {"is_point", VT_BOOL, 0, a_ispoint, NULL},
    {"milestones", VT_LIST, K_MILESTONE, a_ms, NULL},
    {"all_milestones", VT_LIST, K_MILESTONE, a_allms, NULL},
    {"indicators", VT_LIST, K_INDICATOR, a_ind, NULL},
    {"all_indicators", VT_LIST, K_INDICATOR, a_allind, NULL},
    {"count", VT_OBJ, K_COUNTS, a_count, NULL},
    {NULL, 0, 0, NULL, NULL},
};

/* milestones */
GET(m_id)
{
	v_str(v, M->id);
}
GET(m_aspect)
{
	v_obj(v, K_ASPECT, M->aspect);
}
GET(m_aspect_id)
{
	v_str(v, M->aspect_id);
}
GET(m_title)
{
	v_str(v, M->title);
}
GET(m_desc)
{
	v_str(v, M->description);
}
GET(m_unit)
{
	v_str(v, M->unit);
}
GET(m_planned)
{
	v_date(v, M->planned);
}
GET(m_forecast)
{
	v_date(v, M->forecast);
}
GET(m_completed)
{
	v_date(v, M->completed);
}
GET(m_due)
{
	v_date(v, M->due);
}
GET(m_status)
{
	v_str(v, ms_status_key(M->status));
}
GET(m_progress)
{
	v_num(v, M->progress);
}
GET(m_expl)
{
	v_str(v, M->explanation);
}
GET(m_updated)
{
	v_date(v, M->updated);
}
GET(m_sched)
{
	v_str(v, ms_schedule_key(M->schedule));
}
GET(m_plan)
{
	v_str(v, ms_plan_key(M->plan));
}
GET(m_pmonths)
{
	v_num(v, M->postponed_months);
}
GET(m_prev)
{
	v_obj(v, K_MSPREV, M->prev != NULL ? M : NULL);
}
GET(m_csince)
{
	v_bool(v, M->completed_since);
}
GET(m_ncrit)
{
	v_bool(v, M->newly_critical);
}
GET(m_npost)
{
	v_bool(v, M->newly_postponed);
}
GET(m_ncanc)
{
	v_bool(v, M->newly_cancelled);
}
GET(m_moved)
{
	v_num(v, M->moved_months);
}
GET(m_isnew)
{
	v_bool(v, M->new_since);
}
GET(m_ndel)
{
	v_bool(v, M->newly_delayed);
}
GET(m_nrisk)
{
	v_bool(v, M->newly_at_risk);
}
GET(m_recov)
{
	v_bool(v, M->recovered);
}
GET(m_doneyear)
{
	v_bool(v, M->done_in_year);
}
GET(m_risk)
{
	v_bool(v, M->open_risk);
}
GET(m_explain)
{
	v_bool(v, M->needs_explanation);
}
GET(m_duenext)
{
	v_bool(v, M->due_next_year);
}
GET(m_fwd)
{
	v_bool(v, M->brought_forward);
}

static const struct field milestone_fields[] = {
    {"id", VT_STR, 0, m_id, NULL},
    {"aspect", VT_OBJ, K_ASPECT, m_aspect, NULL},
    {"aspect_id", VT_STR, 0, m_aspect_id, NULL},
    {"title", VT_STR, 0, m_title, NULL},
    {"description", VT_STR, 0, m_desc, NULL},
    {"unit", VT_STR, 0, m_unit, NULL},
    {"planned", VT_DATE, 0, m_planned, NULL},
    {"forecast", VT_DATE, 0, m_forecast, NULL},
    {"completed", VT_DATE, 0, m_completed, NULL},
    {"due", VT_DATE, 0, m_due, NULL},
    {"status", VT_STR, 0, m_status, status_words},
    {"progress", VT_NUM, 0, m_progress, NULL},
    {"explanation", VT_STR, 0, m_expl, NULL},
    {"updated", VT_DATE, 0, m_updated, NULL},
    {"schedule", VT_STR, 0, m_sched, schedule_words},
    {"plan", VT_STR, 0, m_plan, plan_words},
    {"postponed_months", VT_NUM, 0, m_pmonths, NULL},
    {"prev", VT_OBJ, K_MSPREV, m_prev, NULL},
    {"completed_since", VT_BOOL, 0, m_csince, NULL},
    {"newly_critical", VT_BOOL, 0, m_ncrit, NULL},
    {"newly_postponed", VT_BOOL, 0, m_npost, NULL},
    {"newly_cancelled", VT_BOOL, 0, m_ncanc, NULL},
    {"moved_months", VT_NUM, 0, m_moved, NULL},
    {"is_new", VT_BOOL, 0, m_isnew, NULL},
    {"newly_delayed", VT_BOOL, 0, m_ndel, NULL},
    {"newly_at_risk", VT_BOOL, 0, m_nrisk, NULL},
    {"recovered", VT_BOOL, 0, m_recov, NULL},
    {"done_in_year", VT_BOOL, 0, m_doneyear, NULL},
    {"open_risk", VT_BOOL, 0, m_risk, NULL},
    {"needs_explanation", VT_BOOL, 0, m_explain, NULL},
    {"due_next_year", VT_BOOL, 0, m_duenext, NULL},
    {"brought_forward", VT_BOOL, 0, m_fwd, NULL},
    {NULL, 0, 0, NULL, NULL},
};

/* indicators */

GET(i_id)
{
	v_str(v, I->id);
}
GET(i_aspect)
{
	v_obj(v, K_ASPECT, I->aspect);
}
GET(i_aspect_id)
{
	v_str(v, I->aspect_id);
}
GET(i_title)
{
	v_str(v, I->title);
}
GET(i_unit)
{
	v_str(v, I->unit);
}
GET(i_dir)
{
	v_str(v, I->direction < 0 ? "lower" : "higher");
}
GET(i_dec)
{
	v_num(v, I->decimals);
}
GET(i_by)
{
	v_num(v, I->baseline_year);
}
GET(i_b)
{
	v_num(v, I->baseline);
}
GET(i_ty)
{
	v_num(v, I->target_year);
}
GET(i_t)
{
	v_num(v, I->target);
}
GET(i_values)
{
	/* The values are an array of structs; the list needs pointers,
	 * built once per indicator into the render pool. */
	struct rctx *mc = (struct rctx *)c;
	const void **p = pool_alloc(&mc->pool, (I->nvalues + 1) * sizeof(*p));
	for (size_t k = 0; k < I->nvalues; k++)
		p[k] = &I->values[k];
	v_list(v, K_VALUE, p, I->nvalues);
}
GET(i_src)
{
	v_str(v, I->source);
}
GET(i_srcid)
{
	v_str(v, I->source_id);
}
GET(i_note)
{
	v_str(v, I->note);
}
GET(i_hascur)
{
	v_bool(v, I->has_current);
}
GET(i_cur)
{
	if (I->has_current)
		v_num(v, I->current);
	else
		v_none(v);
}
GET(i_ly)
{
	if (I->latest_year)
		v_num(v, I->latest_year);
	else
		v_none(v);
}
GET(i_l)
{
	if (I->latest_year)
		v_num(v, I->latest);
	else
		v_none(v);
}
GET(i_exp)
{
	if (I->latest_year)
		v_num(v, I->expected);
	else
		v_none(v);
}
GET(i_prog)
{
	if (I->latest_year)
		v_num(v, I->progress * 100.0);
	else
		v_none(v);
}
GET(i_oncourse)
{
	v_bool(v, I->on_course);
}
GET(i_course)
{
	v_str(v, indicator_course_key(I));
}
GET(i_hasprev)
{
	v_bool(v, I->has_prev);
}
GET(i_prev)
{
	if (I->has_prev)
		v_num(v, I->prev);
	else
		v_none(v);
}
/* A number that is there only when `has` holds (absent otherwise). */
#define OPT_NUM_GET(fn, has, expr)                                             \
	GET(fn)                                                                \
	{                                                                      \
		if (has)                                                       \
			v_num(v, expr);                                        \
		else                                                           \
			v_none(v);                                             \
	}
OPT_NUM_GET(i_change, I->has_change, I->change)
GET(i_haschange)
{
	v_bool(v, I->has_change);
}
OPT_NUM_GET(i_ey, I->has_change, I->earlier_year)
OPT_NUM_GET(i_e, I->has_change, I->earlier)
OPT_NUM_GET(i_pct, I->has_change_pct, I->change_pct)
GET(i_haspct)
{
	v_bool(v, I->has_change_pct);
}
GET(i_baseonly)
{
	v_bool(v, I->baseline_only);
}
GET(i_reached)
{
	v_bool(v, I->target_reached);
}
GET(i_trend)
{
	v_str(v, indicator_trend_key(I->trend));
}
OPT_NUM_GET(i_proj, I->has_projection, I->projection)
OPT_NUM_GET(i_rate, I->has_projection, I->trend_rate)
OPT_NUM_GET(i_req, I->has_required, I->required_rate)
GET(i_new)
{
	v_bool(v, I->new_since);
}

static const struct field indicator_fields[] = {
    {"id", VT_STR, 0, i_id, NULL},
    {"aspect", VT_OBJ, K_ASPECT, i_aspect, NULL},
    {"aspect_id", VT_STR, 0, i_aspect_id, NULL},
    {"title", VT_STR, 0, i_title, NULL},
    {"unit", VT_STR, 0, i_unit, NULL},
    {"direction", VT_STR, 0, i_dir, direction_words},
    {"decimals", VT_NUM, 0, i_dec, NULL},
    {"baseline_year", VT_NUM, 0, i_by, NULL},
    {"baseline", VT_NUM, 0, i_b, NULL},
    {"target_year", VT_NUM, 0, i_ty, NULL},
    {"target", VT_NUM, 0, i_t, NULL},
    {"values", VT_LIST, K_VALUE, i_values, NULL},
    {"source", VT_STR, 0, i_src, NULL},
    {"source_id", VT_STR, 0, i_srcid, NULL},
    {"note", VT_STR, 0, i_note, NULL},
    {"has_current", VT_BOOL, 0, i_hascur, NULL},
    {"current", VT_NUM, 0, i_cur, NULL},
    {"latest_year", VT_NUM, 0, i_ly, NULL},
    {"latest", VT_NUM, 0, i_l, NULL},
    {"expected", VT_NUM, 0, i_exp, NULL},
    {"progress", VT_NUM, 0, i_prog, NULL},
    {"on_course", VT_BOOL, 0, i_oncourse, NULL},
    {"course", VT_STR, 0, i_course, course_words},
    {"has_prev", VT_BOOL, 0, i_hasprev, NULL},
    {"prev", VT_NUM, 0, i_prev, NULL},
    {"has_change", VT_BOOL, 0, i_haschange, NULL},
    {"earlier_year", VT_NUM, 0, i_ey, NULL},
    {"earlier", VT_NUM, 0, i_e, NULL},
    {"change", VT_NUM, 0, i_change, NULL},
    {"change_pct", VT_NUM, 0, i_pct, NULL},
    {"has_change_pct", VT_BOOL, 0, i_haspct, NULL},
    {"baseline_only", VT_BOOL, 0, i_baseonly, NULL},
    {"target_reached", VT_BOOL, 0, i_reached, NULL},
    {"trend", VT_STR, 0, i_trend, trend_words},
    {"projection", VT_NUM, 0, i_proj, NULL},
    {"trend_rate", VT_NUM, 0, i_rate, NULL},
    {"required_rate", VT_NUM, 0, i_req, NULL},
    {"new_since", VT_BOOL, 0, i_new, NULL},
    {NULL, 0, 0, NULL, NULL},
};

GET(yv_year)
{
	v_num(v, YV->year);
}
GET(yv_value)
{
	v_num(v, YV->value);
}
static const struct field value_fields[] = {
    {"year", VT_NUM, 0, yv_year, NULL},
    {"value", VT_NUM, 0, yv_value, NULL},
    {NULL, 0, 0, NULL, NULL},
};

GET(g_term)
{
	v_str(v, G->term);
}
GET(g_exp)
{
	v_str(v, G->expansion);
}
GET(g_lang)
{
	v_str(v, G->lang);
}
static const struct field term_fields[] = {
    {"term", VT_STR, 0, g_term, NULL},
    {"expansion", VT_STR, 0, g_exp, NULL},
    {"lang", VT_STR, 0, g_lang, NULL},
    {NULL, 0, 0, NULL, NULL},
};

GET(src_id)
{
	v_str(v, SRC->id);
}
GET(src_title)
{
	v_str(v, SRC->title);
}
GET(src_url)
{
	v_str(v, SRC->url);
}
static const struct field source_fields[] = {
    {"id", VT_STR, 0, src_id, NULL},
    {"title", VT_STR, 0, src_title, NULL},
    {"url", VT_STR, 0, src_url, NULL},
    {NULL, 0, 0, NULL, NULL},
};

GET(p_present)
{
	v_bool(v, PV->present);
}
GET(p_year)
{
	if (PV->present)
		v_num(v, PV->year);
	else
		v_none(v);
}
GET(p_removed)
{
	v_plist(v, K_REMOVED, &c->removed);
}
static const struct field prev_fields[] = {
    {"present", VT_BOOL, 0, p_present, NULL},
    {"year", VT_NUM, 0, p_year, NULL},
    {"removed", VT_LIST, K_REMOVED, p_removed, NULL},
    {NULL, 0, 0, NULL, NULL},
};

GET(r_id)
{
	v_str(v, RM->id);
}
GET(r_title)
{
	v_str(v, RM->title);
}
static const struct field removed_fields[] = {
    {"id", VT_STR, 0, r_id, NULL},
    {"title", VT_STR, 0, r_title, NULL},
    {NULL, 0, 0, NULL, NULL},
};

GET(mp_status)
{
	v_str(v, ms_status_key(MP->status));
}
GET(mp_planned)
{
	v_date(v, MP->planned);
}
GET(mp_forecast)
{
	v_date(v, MP->forecast);
}
GET(mp_completed)
{
	v_date(v, MP->completed);
}
GET(mp_progress)
{
	v_num(v, MP->progress);
}
GET(mp_due)
{
	v_date(v, M->prev_due);
}
static const struct field msprev_fields[] = {
    {"status", VT_STR, 0, mp_status, status_words},
    {"planned", VT_DATE, 0, mp_planned, NULL},
    {"forecast", VT_DATE, 0, mp_forecast, NULL},
    {"completed", VT_DATE, 0, mp_completed, NULL},
    {"due", VT_DATE, 0, mp_due, NULL},
    {"progress", VT_NUM, 0, mp_progress, NULL},
    {NULL, 0, 0, NULL, NULL},
};

#define COUNT_GET(fn, expr)                                                    \
	GET(fn)                                                                \
	{                                                                      \
		v_num(v, CN->expr);                                            \
	}
COUNT_GET(c_ms, milestones)
COUNT_GET(c_planned, by_status[MS_PLANNED])
COUNT_GET(c_inprog, by_status[MS_IN_PROGRESS])
COUNT_GET(c_done, by_status[MS_DONE])
COUNT_GET(c_delayed, by_status[MS_DELAYED])
COUNT_GET(c_atrisk, by_status[MS_AT_RISK])
COUNT_GET(c_cancelled, by_status[MS_CANCELLED])
COUNT_GET(c_ontime, by_schedule[SCHED_ON_TIME])
COUNT_GET(c_postponed, by_schedule[SCHED_POSTPONED])
COUNT_GET(c_overdue, by_schedule[SCHED_OVERDUE])
COUNT_GET(c_maxpost, max_postponed_months)
COUNT_GET(c_doneontime, by_plan[PLAN_DONE_ON_TIME])
COUNT_GET(c_donelate, by_plan[PLAN_DONE_LATE])
COUNT_GET(c_openpost, by_plan[PLAN_OPEN_POSTPONED])
COUNT_GET(c_opensched, by_plan[PLAN_OPEN_ON_SCHEDULE])
COUNT_GET(c_ind, indicators)
COUNT_GET(c_withcur, with_current)
COUNT_GET(c_baseonly, baseline_only)
COUNT_GET(c_oncourse, by_course[COURSE_ON])
COUNT_GET(c_offcourse, by_course[COURSE_OFF])
COUNT_GET(c_nodata, by_course[COURSE_NO_DATA])
COUNT_GET(c_reached, by_trend[TREND_REACHED])
COUNT_GET(c_reachable, by_trend[TREND_REACHABLE])
COUNT_GET(c_unreachable, by_trend[TREND_UNREACHABLE])
COUNT_GET(c_notrend, by_trend[TREND_NONE])
COUNT_GET(c_csince, completed_since)
COUNT_GET(c_ncrit, newly_critical)
COUNT_GET(c_ndel, newly_delayed)
COUNT_GET(c_nrisk, newly_at_risk)
COUNT_GET(c_recov, recovered)
COUNT_GET(c_npost, newly_postponed)
COUNT_GET(c_fwd, brought_forward)
COUNT_GET(c_ncanc, newly_cancelled)
COUNT_GET(c_added, added)
COUNT_GET(c_removed, removed)
COUNT_GET(c_doneyear, done_in_year)
COUNT_GET(c_risks, open_risks)
COUNT_GET(c_explain, needs_explanation)
COUNT_GET(c_duenext, due_next_year)
static const struct field counts_fields[] = {
    {"milestones", VT_NUM, 0, c_ms, NULL},
    {"planned", VT_NUM, 0, c_planned, NULL},
    {"in_progress", VT_NUM, 0, c_inprog, NULL},
    {"done", VT_NUM, 0, c_done, NULL},
    {"delayed", VT_NUM, 0, c_delayed, NULL},
    {"at_risk", VT_NUM, 0, c_atrisk, NULL},
    {"cancelled", VT_NUM, 0, c_cancelled, NULL},
    {"on_time", VT_NUM, 0, c_ontime, NULL},
    {"postponed", VT_NUM, 0, c_postponed, NULL},
    {"overdue", VT_NUM, 0, c_overdue, NULL},
    {"max_postponed_months", VT_NUM, 0, c_maxpost, NULL},
    {"done_on_time", VT_NUM, 0, c_doneontime, NULL},
    {"done_late", VT_NUM, 0, c_donelate, NULL},
    {"open_postponed", VT_NUM, 0, c_openpost, NULL},
    {"open_on_schedule", VT_NUM, 0, c_opensched, NULL},
    {"indicators", VT_NUM, 0, c_ind, NULL},
    {"with_current", VT_NUM, 0, c_withcur, NULL},
    {"baseline_only", VT_NUM, 0, c_baseonly, NULL},
    {"on_course", VT_NUM, 0, c_oncourse, NULL},
    {"off_course", VT_NUM, 0, c_offcourse, NULL},
    {"no_data", VT_NUM, 0, c_nodata, NULL},
    {"target_reached", VT_NUM, 0, c_reached, NULL},
    {"reachable", VT_NUM, 0, c_reachable, NULL},
    {"unreachable", VT_NUM, 0, c_unreachable, NULL},
    {"no_trend", VT_NUM, 0, c_notrend, NULL},
    {"completed_since", VT_NUM, 0, c_csince, NULL},
    {"newly_critical", VT_NUM, 0, c_ncrit, NULL},
    {"newly_delayed", VT_NUM, 0, c_ndel, NULL},
    {"newly_at_risk", VT_NUM, 0, c_nrisk, NULL},
    {"recovered", VT_NUM, 0, c_recov, NULL},
    {"newly_postponed", VT_NUM, 0, c_npost, NULL},
    {"brought_forward", VT_NUM, 0, c_fwd, NULL},
    {"newly_cancelled", VT_NUM, 0, c_ncanc, NULL},
    {"added", VT_NUM, 0, c_added, NULL},
    {"removed", VT_NUM, 0, c_removed, NULL},
    {"done_in_year", VT_NUM, 0, c_doneyear, NULL},
    {"open_risks", VT_NUM, 0, c_risks, NULL},
    {"needs_explanation", VT_NUM, 0, c_explain, NULL},
    {"due_next_year", VT_NUM, 0, c_duenext, NULL},
    {NULL, 0, 0, NULL, NULL},
};

GET(l_index)
{
	v_num(v, (double)LP->index + 1);
}
GET(l_index0)
{
	v_num(v, (double)LP->index);
}
GET(l_first)
{
	v_bool(v, LP->index == 0);
}
GET(l_last)
{
	v_bool(v, LP->index + 1 == LP->length);
}
GET(l_length)
{
	v_num(v, (double)LP->length);
}
static const struct field loop_fields[] = {
    {"index", VT_NUM, 0, l_index, NULL},
    {"index0", VT_NUM, 0, l_index0, NULL},
    {"first", VT_BOOL, 0, l_first, NULL},
    {"last", VT_BOOL, 0, l_last, NULL},
    {"length", VT_NUM, 0, l_length, NULL},
    {NULL, 0, 0, NULL, NULL},
};

const struct field *const kind_fields[K__MAX] = {
    NULL,
    settings_fields,
    aspect_fields,
    milestone_fields,
    indicator_fields,
    value_fields,
    term_fields,
    source_fields,
    prev_fields,
    removed_fields,
    msprev_fields,
    counts_fields,
    loop_fields,
};

/* The names a template starts from. */
GET(r_settings)
{
	v_obj(v, K_SETTINGS, &c->m->settings);
}
GET(r_aspects)
{
	v_list(v, K_ASPECT, (const void *const *)c->m->aspects, c->m->naspects);
}
GET(r_points)
{
	v_plist(v, K_ASPECT, &c->points);
}
GET(r_ms)
{
	v_list(v, K_MILESTONE, (const void *const *)c->m->milestones,
	       c->m->nmilestones);
}
GET(r_ind)
{
	v_list(v, K_INDICATOR, (const void *const *)c->m->indicators,
	       c->m->nindicators);
}
GET(r_glossary)
{
	v_plist(v, K_TERM, &c->glossary);
}
GET(r_sources)
{
	v_plist(v, K_SOURCE, &c->sources);
}
GET(r_prev)
{
	v_obj(v, K_PREV, &c->m->prev);
}
GET(r_summary)
{
	v_obj(v, K_COUNTS, &c->m->totals);
}
GET(r_year)
{
	v_num(v, c->m->settings.year);
}

const struct field root_fields[] = {
    {"settings", VT_OBJ, K_SETTINGS, r_settings, NULL},
    {"aspects", VT_LIST, K_ASPECT, r_aspects, NULL},
    {"points", VT_LIST, K_ASPECT, r_points, NULL},
    {"milestones", VT_LIST, K_MILESTONE, r_ms, NULL},
    {"indicators", VT_LIST, K_INDICATOR, r_ind, NULL},
    {"glossary", VT_LIST, K_TERM, r_glossary, NULL},
    {"sources", VT_LIST, K_SOURCE, r_sources, NULL},
    {"prev", VT_OBJ, K_PREV, r_prev, NULL},
    {"summary", VT_OBJ, K_COUNTS, r_summary, NULL},
    {"year", VT_NUM, 0, r_year, NULL},
    {NULL, 0, 0, NULL, NULL},
};

#undef S
#undef A
#undef M
#undef I
#undef G

/* The fields holding text in the inputs' language (not ids, dates,
 * numbers or addresses). */
bool
is_prose(enum kind k, const char *name)
{
	static const struct {
		enum kind k;
		const char *name;
	} prose[] = {
	    {K_SETTINGS, "organisation"}, {K_SETTINGS, "title"},
	    {K_SETTINGS, "subtitle"},     {K_SETTINGS, "committee"},
	    {K_SETTINGS, "contact_name"}, {K_SETTINGS, "sample_notice"},
	    {K_ASPECT, "title"},          {K_ASPECT, "short_title"},
	    {K_ASPECT, "description"},    {K_ASPECT, "unit"},
	    {K_ASPECT, "narrative"},      {K_MILESTONE, "title"},
	    {K_MILESTONE, "description"}, {K_MILESTONE, "unit"},
	    {K_MILESTONE, "explanation"}, {K_INDICATOR, "title"},
	    {K_INDICATOR, "unit"},        {K_INDICATOR, "source"},
	    {K_INDICATOR, "note"},        {K_SOURCE, "title"},
	    {K_REMOVED, "title"},
	};
	for (size_t i = 0; i < sizeof(prose) / sizeof(prose[0]); i++)
		if (prose[i].k == k && strcmp(prose[i].name, name) == 0)
			return true;
	return false;
}
static void
plist_push(struct plist *l, const void *p)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = p;
}

struct aext *
aext_of(const struct rctx *c, const struct aspect *a)
{
	uintptr_t i = (uintptr_t)strmap_get(&c->aidx, a->id);

	return i ? &c->aext[i - 1] : NULL;
}

/* Per-aspect lists, built once in one pass over the milestones and
 * indicators, so that `aspect.milestones` costs nothing per use.  The
 * counts are analysis.c's (aspect.count, model.totals). */
void
prepare(struct rctx *c)
{
	const struct model *m = c->m;
	size_t i;

	strmap_init(&c->aidx);
	c->aext = xcalloc(m->naspects + 1, sizeof(*c->aext));
	for (i = 0; i < m->naspects; i++) {
		strmap_put(&c->aidx, m->aspects[i]->id,
		           (void *)(uintptr_t)(i + 1));
		if (m->aspects[i]->parent == NULL)
			plist_push(&c->points, m->aspects[i]);
	}
	for (i = 0; i < m->nmilestones; i++) {
		const struct milestone *ms = m->milestones[i];
		const struct aspect *a = ms->aspect;
		if (a != NULL && aext_of(c, a) != NULL)
			plist_push(&aext_of(c, a)->ms, ms);
		for (; a != NULL; a = a->parent) {
			struct aext *e = aext_of(c, a);
			if (e == NULL)
				break;
			plist_push(&e->all_ms, ms);
		}
	}
	for (i = 0; i < m->nindicators; i++) {
		const struct indicator *ind = m->indicators[i];
		const struct aspect *a = ind->aspect;
		if (a != NULL && aext_of(c, a) != NULL)
			plist_push(&aext_of(c, a)->ind, ind);
		for (; a != NULL; a = a->parent) {
			struct aext *e = aext_of(c, a);
			if (e == NULL)
				break;
			plist_push(&e->all_ind, ind);
		}
	}
	for (i = 0; i < m->nglossary; i++)
		plist_push(&c->glossary, &m->glossary[i]);
	for (i = 0; i < m->nsources; i++)
		plist_push(&c->sources, &m->sources[i]);
	c->removed_v = xcalloc(m->prev.nremoved + 1, sizeof(*c->removed_v));
	for (i = 0; i < m->prev.nremoved; i++) {
		c->removed_v[i].id = m->prev.removed_ids[i];
		c->removed_v[i].title =
		    m->prev.removed_titles ? m->prev.removed_titles[i] : NULL;
		plist_push(&c->removed, &c->removed_v[i]);
	}
}

void
unprepare(struct rctx *c)
{
	for (size_t i = 0; i < c->m->naspects; i++) {
		free(c->aext[i].ms.v);
		free(c->aext[i].all_ms.v);
		free(c->aext[i].ind.v);
		free(c->aext[i].all_ind.v);
	}
	free(c->aext);
	free(c->points.v);
	free(c->glossary.v);
	free(c->sources.v);
	free(c->removed.v);
	free(c->removed_v);
	strmap_free(&c->aidx);
}
