/*
 * template.c - the report templates: lexed with pcre2, parsed once into
 * a tree of operations with a static type for every expression, then
 * evaluated against the model into Markdown text that markup.c turns
 * into the document tree.
 *
 * Everything a template can get wrong is found while parsing, before
 * any data is looked at: unknown tags, variables, fields, filters,
 * components and arguments, unclosed blocks, includes that do not
 * exist or leave the templates folder, and status words compared
 * against that do not exist.  Each error names template-file:line:col
 * and, where a name was misspelt, the nearest allowed one.
 *
 * The language (docs/templates.md):
 *
 *	{{ expr | filter(args) }}	a value, escaped for the markup
 *	{% if %} {% elif %} {% else %} {% endif %}
 *	{% for x in list where cond sort by key desc, key2 limit n %}
 *	    ... {% else %} ... {% endfor %}
 *	{% set x = expr %}
 *	{% include "partials/x.tmpl" %}
 *	{% component name arg=expr ... %}
 *	{% toc %}
 *	{% block titlepage %} ... {% endblock %}
 *	{# comment #}
 *
 * A line holding only statement tags or comments is dropped whole, so
 * that tags do not leave blank lines that would change the Markdown.
 */
#include "template.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "components.h"
#include "locale.h"
#include "markup.h"

#define MAX_DEPTH 64        /* nesting of blocks, includes, expressions */
#define MAX_FILE  (8 << 20) /* bytes of one template file */

/* ------------------------------------------------------------------ */
/* Values and types */

enum vt {
	VT_NONE,
	VT_BOOL,
	VT_NUM,
	VT_STR,
	VT_DATE,
	VT_LIST,
	VT_OBJ,
	VT_STATUS, /* a status key shown as symbol and label */
	VT_MD,     /* markup already escaped (the paragraphs filter) */
	VT_ANY
};

enum kind {
	K_NONE,
	K_SETTINGS,
	K_ASPECT,
	K_MILESTONE,
	K_INDICATOR,
	K_VALUE,
	K_TERM,
	K_SOURCE,
	K_PREV,
	K_REMOVED,
	K_MSPREV,
	K_COUNTS,
	K_LOOP,
	K__MAX
};

static const char *const kind_names[K__MAX] = {
    "nothing",        "settings", "aspect", "milestone", "indicator",
    "value",          "term",     "source", "prev",      "removed milestone",
    "previous state", "counts",   "loop",
};

static const char *const vt_names[] = {
    "nothing", "yes/no", "number", "text", "date",
    "list",    "object", "status", "text", "value",
};

struct stype {
	enum vt t;
	enum kind k; /* of the object, or of a list's elements */
};

struct val {
	enum vt t;
	enum kind k;
	bool prose; /* text of the inputs, in the inputs' language */
	union {
		bool b;
		double n;
		const char *s;
		struct pr_date d;
		const void *obj;
		struct {
			const void *const *items;
			size_t n;
		} list;
	} u;
};

/* ------------------------------------------------------------------ */
/* Render context: what the evaluation of one report needs. */

struct plist {
	const void **v;
	size_t n, cap;
};

struct aext {
	struct plist ms, all_ms, ind, all_ind;
};

struct removed {
	const char *id, *title;
};

struct loopinfo {
	size_t index, length;
};

struct outctx {
	struct buf text;
	struct src_pos *lines;
	size_t nlines, cap;
	struct src_pos cur; /* the template place being written */
};

struct rctx {
	const struct tmpl_set *ts;
	const struct model *m;
	const struct locale *loc;
	struct pr_doc *doc;
	struct pool pool;
	struct val *slots;
	struct strmap aidx; /* aspect id -> index + 1 */
	struct aext *aext;
	struct plist points, glossary, sources, removed, all_ind;
	struct removed *removed_v;
	struct markup_frags frags;
	size_t fcap;
	struct outctx *out;
	struct buf tmp;
	/* The inputs' language when the report is in another one: their
	 * text is then marked as a passage in that language. */
	const char *text_lang;
	bool failed;
};

/* ------------------------------------------------------------------ */
/* Bindings: the model's fields as the templates name them. */

typedef void (*getter)(const struct rctx *, const void *, struct val *);

struct field {
	const char *name;
	enum vt t;
	enum kind k;
	getter get;
	const char *const *keys; /* allowed words when compared, or NULL */
};

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

static void
v_none(struct val *v)
{
	v->t = VT_NONE;
	v->k = K_NONE;
}

static void
v_str(struct val *v, const char *s)
{
	if (s == NULL) {
		v_none(v);
		return;
	}
	v->t = VT_STR;
	v->u.s = s;
}

static void
v_num(struct val *v, double n)
{
	v->t = VT_NUM;
	v->u.n = n;
}

static void
v_bool(struct val *v, bool b)
{
	v->t = VT_BOOL;
	v->u.b = b;
}

static void
v_date(struct val *v, struct pr_date d)
{
	if (d.y == 0) {
		v_none(v);
		return;
	}
	v->t = VT_DATE;
	v->u.d = d;
}

static void
v_obj(struct val *v, enum kind k, const void *p)
{
	if (p == NULL) {
		v_none(v);
		return;
	}
	v->t = VT_OBJ;
	v->k = k;
	v->u.obj = p;
}

static void
v_list(struct val *v, enum kind k, const void *const *items, size_t n)
{
	v->t = VT_LIST;
	v->k = k;
	v->u.list.items = items;
	v->u.list.n = n;
}

static void
v_plist(struct val *v, enum kind k, const struct plist *l)
{
	v_list(v, k, (const void *const *)l->v, l->n);
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

static struct aext *aext_of(const struct rctx *, const struct aspect *);

/* settings */
GET(s_org)
{
	v_str(v, S->organisation);
}
GET(s_title)
{
	v_str(v, S->title);
}
static const char *report_title(const struct settings *, const struct locale *);
GET(s_rtitle)
{
	v_str(v, report_title(S, c->loc));
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
    {"report_title", VT_STR, 0, s_rtitle, NULL},
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

static const struct field *const kind_fields[K__MAX] = {
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

static const struct field root_fields[] = {
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
static bool
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

/* ------------------------------------------------------------------ */
/* "Did you mean" */

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t row[64], prev, tmp;

	if (lb >= 64 || la >= 64)
		return 99;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			tmp = row[j];
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

/* Collects candidate names; suggest() then picks the nearest. */
struct names {
	const char *v[128];
	size_t n;
};

static void
names_add(struct names *ns, const char *s)
{
	if (ns->n < sizeof(ns->v) / sizeof(ns->v[0]))
		ns->v[ns->n++] = s;
}

/* Appends "; did you mean X?" and "; allowed: a, b, c" to b. */
static void
suggest(struct buf *b, const char *got, const struct names *ns)
{
	const char *best = NULL;
	size_t bestd = 99, i, len = strlen(got);

	for (i = 0; i < ns->n; i++) {
		size_t d = edit_distance(got, ns->v[i]);
		if (d < bestd) {
			bestd = d;
			best = ns->v[i];
		}
	}
	bool near = best != NULL && bestd <= (len < 4 ? 1 : len / 3 + 1);
	if (near)
		buf_printf(b, "; did you mean \"%s\"?", best);
	if (ns->n > 0 && ns->n <= 40) {
		buf_puts(b, near ? " Allowed: " : ". Allowed: ");
		for (i = 0; i < ns->n; i++)
			buf_printf(b, "%s%s", i ? ", " : "", ns->v[i]);
	}
}

/* ------------------------------------------------------------------ */
/* Lexer */

enum tk { T_EOF, T_STR, T_NUM, T_ID, T_OP, T_CLOSE };

struct tok {
	enum tk t;
	const char *s; /* in the file's text; for T_STR the unescaped copy */
	size_t len;
	double num;
	struct src_pos pos;
};

enum itemk { IT_TEXT, IT_EXPR, IT_STMT };

struct item {
	enum itemk t;
	struct src_pos pos;
	const char *s; /* IT_TEXT */
	size_t len;
	struct tok *toks; /* IT_EXPR, IT_STMT; ends with T_CLOSE */
	size_t ntoks;
};

struct tfile {
	char *name; /* as shown in messages */
	char *rel;  /* relative to the language folder */
	char *text;
	size_t len;
	struct item *items;
	size_t nitems;
	struct tfile *next;
};

struct op;
struct expr;

struct tmpl_set {
	char *dir; /* the language folder */
	char *realdir;
	struct locale *loc;
	struct tfile *files;
	struct pool pool; /* ops, expressions, strings */
	struct op *body;
	size_t nslots;
	pcre2_code *re_open, *re_tok;
	pcre2_match_data *md;
	/* parse state */
	const char *incstack[MAX_DEPTH];
	int incdepth;
	bool failed;      /* an error: the set is refused */
	bool stop;        /* one the parser cannot go on after */
	unsigned nerrors; /* so far, to tell a failed tag from a comment */
};

static void
advance_pos(struct src_pos *p, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			p->line++;
			p->col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80)
			p->col++;
	}
}

static void terr(struct tmpl_set *ts, const struct src_pos *p, const char *fmt,
                 ...) __attribute__((format(printf, 3, 4)));

static void
terr(struct tmpl_set *ts, const struct src_pos *p, const char *fmt, ...)
{
	va_list ap;
	struct buf b;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_error(p, "%s", b.data);
	buf_free(&b);
	ts->failed = true;
	ts->nerrors++;
}

static void
items_push(struct tfile *f, size_t *cap, const struct item *it)
{
	if (f->nitems == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		f->items = xrealloc(f->items, *cap * sizeof(*f->items));
	}
	f->items[f->nitems++] = *it;
}

/* Tokens of one tag, from `s` to its closing "}}" or "%}". */
static bool
lex_tag(struct tmpl_set *ts, struct tfile *f, size_t *off, struct src_pos *p,
        bool expr, struct item *it)
{
	size_t cap = 8;
	const char *close = expr ? "}}" : "%}";
	struct src_pos open = *p;

	it->toks = xmalloc(cap * sizeof(*it->toks));
	it->ntoks = 0;
	for (;;) {
		int rc = pcre2_match(ts->re_tok, (PCRE2_SPTR)f->text, f->len,
		                     *off, PCRE2_ANCHORED, ts->md, NULL);
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ts->md);
		struct tok t = {0};

		if (rc < 0) {
			size_t k = *off;
			while (k < f->len && strchr(" \t\r\n", f->text[k]))
				k++;
			advance_pos(p, f->text + *off, k - *off);
			if (k >= f->len)
				terr(
				    ts, &open,
				    "this tag is not closed: \"%s\" is missing",
				    close);
			else
				terr(ts, p,
				     "unexpected character '%c' in a tag; "
				     "names are letters, digits and _, text "
				     "goes in \"double quotes\"",
				     f->text[k]);
			return false;
		}
		/* skip leading white space of the match */
		size_t ws = ov[0];
		while (ws < ov[1] && strchr(" \t\r\n", f->text[ws]))
			ws++;
		advance_pos(p, f->text + *off, ws - *off);
		t.pos = *p;
		t.s = f->text + ws;
		t.len = ov[1] - ws;
		if (rc >= 2 && ov[2] != PCRE2_UNSET) {
			/* a string: unescape \" and \\ */
			char *s = pool_alloc(&ts->pool, t.len);
			size_t n = 0;
			for (size_t k = 1; k + 1 < t.len; k++) {
				if (t.s[k] == '\\' && k + 2 < t.len)
					k++;
				s[n++] = t.s[k];
			}
			s[n] = '\0';
			t.t = T_STR;
			t.s = s;
			t.len = n;
		} else if (rc >= 3 && ov[4] != PCRE2_UNSET) {
			t.t = T_NUM;
			t.num = strtod(t.s, NULL);
		} else if (rc >= 4 && ov[6] != PCRE2_UNSET)
			t.t = T_ID;
		else
			t.t = T_OP;
		advance_pos(p, f->text + ws, ov[1] - ws);
		*off = ov[1];
		if (t.t == T_OP && t.len == 2 &&
		    (memcmp(t.s, "}}", 2) == 0 || memcmp(t.s, "%}", 2) == 0)) {
			if (memcmp(t.s, close, 2) != 0) {
				terr(ts, &t.pos,
				     "this tag opened with \"%s\" must close "
				     "with \"%s\"",
				     expr ? "{{" : "{%", close);
				return false;
			}
			t.t = T_CLOSE;
		}
		if (it->ntoks + 1 >= cap) {
			cap *= 2;
			it->toks = xrealloc(it->toks, cap * sizeof(*it->toks));
		}
		it->toks[it->ntoks++] = t;
		if (t.t == T_CLOSE)
			return true;
	}
}

static bool
is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/*
 * Drops the lines that hold only statement tags: the spaces before the
 * first tag and the rest of the line after the last one.
 */
static void
trim_tag_lines(struct tfile *f)
{
	size_t i = 0;

	while (i < f->nitems) {
		if (f->items[i].t != IT_STMT) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < f->nitems && f->items[j].t == IT_STMT)
			j++;
		/* i..j-1 are statements; look at the text around them. */
		struct item *before = i > 0 ? &f->items[i - 1] : NULL;
		struct item *after = j < f->nitems ? &f->items[j] : NULL;
		size_t bcut = 0, acut = 0;
		bool ok = true;

		if (before != NULL) {
			if (before->t != IT_TEXT)
				ok = false;
			else {
				const char *nl = NULL;
				for (size_t k = before->len; k-- > 0;)
					if (before->s[k] == '\n') {
						nl = before->s + k;
						break;
					}
				size_t from =
				    nl ? (size_t)(nl - before->s) + 1 : 0;
				if (nl == NULL && i - 1 != 0)
					ok = false; /* text of a line begun
					               by an earlier tag */
				else if (!is_blank(before->s + from,
				                   before->len - from))
					ok = false;
				else
					bcut = before->len - from;
			}
		}
		if (ok && after != NULL) {
			if (after->t != IT_TEXT)
				ok = false;
			else {
				const char *nl =
				    memchr(after->s, '\n', after->len);
				size_t to = nl ? (size_t)(nl - after->s) + 1
				               : after->len;
				if (!is_blank(after->s, nl ? to - 1 : to))
					ok = false;
				else if (nl == NULL && j + 1 != f->nitems)
					ok = false;
				else
					acut = to;
			}
		}
		if (ok) {
			if (before)
				before->len -= bcut;
			if (after) {
				advance_pos(&after->pos, after->s, acut);
				after->s += acut;
				after->len -= acut;
			}
		}
		i = j;
	}
}

static bool
lex_file(struct tmpl_set *ts, struct tfile *f)
{
	size_t off = 0, cap = 0;
	struct src_pos p = {f->name, 1, 1};

	while (off < f->len) {
		int rc = pcre2_match(ts->re_open, (PCRE2_SPTR)f->text, f->len,
		                     off, 0, ts->md, NULL);
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ts->md);
		size_t start = rc < 0 ? f->len : ov[0];
		struct item it = {0};

		if (start > off) {
			it.t = IT_TEXT;
			it.pos = p;
			it.s = f->text + off;
			it.len = start - off;
			items_push(f, &cap, &it);
			advance_pos(&p, f->text + off, start - off);
		}
		if (rc < 0)
			break;
		struct src_pos tagpos = p;
		char kind = f->text[start + 1];
		off = start + 2;
		advance_pos(&p, f->text + start, 2);
		if (kind == '#') {
			const char *end = NULL;
			for (size_t k = off; k + 1 < f->len; k++)
				if (f->text[k] == '#' &&
				    f->text[k + 1] == '}') {
					end = f->text + k;
					break;
				}
			if (end == NULL) {
				terr(ts, &tagpos,
				     "this comment is not "
				     "closed: \"#}\" is missing");
				return false;
			}
			size_t n = (size_t)(end - f->text) + 2 - off;
			advance_pos(&p, f->text + off, n);
			off += n;
			/* A comment counts as a statement for trimming. */
			it.t = IT_STMT;
			it.pos = tagpos;
			it.toks = NULL;
			it.ntoks = 0;
			items_push(f, &cap, &it);
			continue;
		}
		it.t = kind == '{' ? IT_EXPR : IT_STMT;
		it.pos = tagpos;
		if (!lex_tag(ts, f, &off, &p, kind == '{', &it)) {
			free(it.toks);
			return false;
		}
		items_push(f, &cap, &it);
	}
	trim_tag_lines(f);
	/* The markers are the evaluator's own; a template may not fake
	 * them. */
	for (size_t i = 0; i < f->nitems; i++) {
		struct item *it = &f->items[i];
		if (it->t != IT_TEXT)
			continue;
		for (size_t k = 0; k + 2 < it->len; k++)
			if ((unsigned char)it->s[k] == 0xEE &&
			    (unsigned char)it->s[k + 1] == 0x80 &&
			    (unsigned char)it->s[k + 2] <= 0x82) {
				struct src_pos q = it->pos;
				advance_pos(&q, it->s, k);
				terr(ts, &q,
				     "the characters U+E000 to U+E002 "
				     "are reserved and may not be "
				     "used in a template");
				return false;
			}
	}
	return true;
}

static void
free_files(struct tmpl_set *ts)
{
	struct tfile *f, *n;

	for (f = ts->files; f != NULL; f = n) {
		n = f->next;
		for (size_t i = 0; i < f->nitems; i++)
			free(f->items[i].toks);
		free(f->items);
		free(f->text);
		free(f->name);
		free(f->rel);
		free(f);
	}
	ts->files = NULL;
}

/*
 * Reads and lexes a template file, relative to the language folder;
 * each file is read once however often it is included.  `at` is the
 * include tag (NULL for report.tmpl).
 */
static struct tfile *
load_file(struct tmpl_set *ts, const char *rel, const struct src_pos *at)
{
	struct tfile *f;
	struct buf path;
	char *real = NULL;
	FILE *fp = NULL;
	struct stat st;

	for (f = ts->files; f != NULL; f = f->next)
		if (strcmp(f->rel, rel) == 0)
			return f;
	buf_init(&path);
	buf_printf(&path, "%s/%s", ts->dir, rel);
	if (stat(path.data, &st) != 0) {
		if (at != NULL)
			terr(ts, at,
			     "the template \"%s\" does not exist "
			     "(looked for %s)",
			     rel, path.data);
		else
			diag_syserr(path.data, "cannot read the template");
		ts->failed = true;
		goto fail;
	}
	real = realpath(path.data, NULL);
	size_t dl = strlen(ts->realdir);
	if (real == NULL || strncmp(real, ts->realdir, dl) != 0 ||
	    real[dl] != '/') {
		terr(ts, at ? at : &(struct src_pos){path.data, 0, 0},
		     "\"%s\" leads out of the templates folder %s (through a "
		     "symbolic link); templates must stay inside it",
		     rel, ts->dir);
		goto fail;
	}
	if (!S_ISREG(st.st_mode) || st.st_size > MAX_FILE) {
		terr(ts, at ? at : &(struct src_pos){path.data, 0, 0},
		     "\"%s\" is not a regular file of at most %d MiB", rel,
		     MAX_FILE >> 20);
		goto fail;
	}
	/* Regular a moment ago; a FIFO swapped in now must not hang. */
	int fd = open_regular(AT_FDCWD, path.data, O_RDONLY, &st);
	if (fd == -2) {
		diag_not_regular(DIAG_ERROR, path.data, &st,
		                 "templates must be regular files");
		ts->failed = true;
		goto fail;
	}
	if (fd < 0 || (fp = fdopen(fd, "rb")) == NULL) {
		diag_syserr(path.data, "cannot read the template");
		if (fd >= 0)
			close(fd);
		ts->failed = true;
		goto fail;
	}
	f = xcalloc(1, sizeof(*f));
	f->text = xmalloc((size_t)st.st_size + 1);
	f->len = fread(f->text, 1, (size_t)st.st_size, fp);
	f->text[f->len] = '\0';
	fclose(fp);
	f->name = buf_detach(&path);
	f->rel = xstrdup(rel);
	f->next = ts->files;
	ts->files = f;
	free(real);
	size_t bad;
	if (!utf8_valid(f->text, f->len, &bad)) {
		struct src_pos q = {f->name, 1, 1};
		advance_pos(&q, f->text, bad);
		terr(ts, &q, "not valid UTF-8; save the template as UTF-8");
		return NULL;
	}
	if (memchr(f->text, '\0', f->len) != NULL) {
		terr(ts, &(struct src_pos){f->name, 0, 0},
		     "the template holds a NUL byte");
		return NULL;
	}
	if (!lex_file(ts, f))
		return NULL;
	return f;
fail:
	free(real);
	buf_free(&path);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Expressions and operations */

enum ek {
	E_LIT,
	E_SLOT,
	E_ROOT,
	E_FIELD,
	E_DATEPART,
	E_NOT,
	E_AND,
	E_OR,
	E_CMP,
	E_IN,
	E_ARITH,
	E_NEG,
	E_FILTER,
	E_COUNT
};

struct filter;

struct expr {
	enum ek k;
	struct src_pos pos;
	struct stype ty;
	struct val lit;            /* E_LIT */
	int slot;                  /* E_SLOT, E_COUNT */
	const struct field *field; /* E_FIELD, E_ROOT */
	int part;                  /* E_DATEPART: 0 year 1 month 2 day */
	char op[3];                /* E_CMP, E_ARITH */
	struct expr *a, *b;        /* operands; E_COUNT: list, where */
	struct expr **args;        /* E_FILTER, E_IN */
	size_t nargs;
	const struct filter *filter;
	bool prose; /* E_FIELD: a field of text written in the inputs */
};

enum opk {
	OP_TEXT,
	OP_PRINT,
	OP_IF,
	OP_FOR,
	OP_SET,
	OP_SEQ, /* an include: the included file's operations */
	OP_COMPONENT,
	OP_TOC,
	OP_BLOCK
};

struct sortkey {
	struct expr *e;
	bool desc;
};

struct op {
	enum opk k;
	struct src_pos pos;
	struct op *next;
	const char *text; /* OP_TEXT; OP_BLOCK: class */
	size_t len;
	struct expr *e; /* OP_PRINT, OP_SET; OP_FOR: the list */
	/* OP_IF: conds[i] guards bodies[i]; els is the else body */
	struct expr **conds;
	struct op **bodies;
	size_t nconds;
	struct op *body, *els; /* OP_FOR, OP_SEQ, OP_BLOCK */
	int slot, loopslot;    /* OP_FOR, OP_SET */
	struct expr *where, *limit;
	struct sortkey *sort;
	size_t nsort;
	const struct component *comp;
	struct expr **cargs; /* by parameter index, NULL if absent */
	int depth;           /* OP_TOC */
};

/* Parser state: one template file's items at a time. */
struct scopevar {
	const char *name;
	size_t len;
	int slot;
	struct stype ty;
};

struct parser {
	struct tmpl_set *ts;
	struct tfile *f;
	size_t item; /* current item */
	size_t tok;  /* current token in the item */
	struct scopevar vars[256];
	size_t nvars;
	int depth;
	/* open blocks, for the hint at a misplaced end tag */
	const char *open[MAX_DEPTH];
	struct src_pos openpos[MAX_DEPTH];
	int nopen;
};

static void *
palloc(struct parser *ps, size_t n)
{
	void *p = pool_alloc(&ps->ts->pool, n);
	memset(p, 0, n);
	return p;
}

static struct tok *
cur(struct parser *ps)
{
	return &ps->f->items[ps->item].toks[ps->tok];
}

static bool
tok_is(const struct tok *t, enum tk k, const char *s)
{
	if (t->t != k)
		return false;
	if (s[0] == '\0') /* any token of the kind */
		return true;
	return t->len == strlen(s) && memcmp(t->s, s, t->len) == 0;
}

static bool
accept(struct parser *ps, enum tk k, const char *s)
{
	if (tok_is(cur(ps), k, s)) {
		ps->tok++;
		return true;
	}
	return false;
}

static const char *
tok_show(const struct tok *t, char *tmp, size_t n)
{
	if (t->t == T_CLOSE)
		return "the end of the tag";
	snprintf(tmp, n, "\"%.*s\"", (int)(t->len > 40 ? 40 : t->len), t->s);
	return tmp;
}

static bool
expect(struct parser *ps, enum tk k, const char *s, const char *what)
{
	char tmp[64];

	if (accept(ps, k, s))
		return true;
	terr(ps->ts, &cur(ps)->pos, "expected %s, found %s", what,
	     tok_show(cur(ps), tmp, sizeof(tmp)));
	return false;
}

/* Filters */

typedef bool (*filterfn)(struct rctx *, const struct expr *, struct val *,
                         const struct val *args);

struct filter {
	const char *name;
	unsigned in; /* bit mask of accepted VT_ input types */
	enum vt out; /* VT_ANY: same as the input */
	int minargs, maxargs;
	enum vt argt[3];
	filterfn fn;
};

#define B(t) (1u << (t))

static const char *
tmp_str(struct rctx *c)
{
	return pool_strdup(&c->pool, c->tmp.data ? c->tmp.data : "");
}

static bool
f_date(struct rctx *c, const struct expr *e, struct val *v, const struct val *a)
{
	buf_reset(&c->tmp);
	locale_date(c->loc, v->u.d, &c->tmp);
	v_str(v, tmp_str(c));
	return true;
}

static bool
f_month_year(struct rctx *c, const struct expr *e, struct val *v,
             const struct val *a)
{
	buf_reset(&c->tmp);
	locale_month_year(c->loc, v->u.d, &c->tmp);
	v_str(v, tmp_str(c));
	return true;
}

static int
arg_int(const struct val *a, int n, int dflt)
{
	return n > 0 && a[0].t == VT_NUM ? (int)a[0].u.n : dflt;
}

static bool
f_number(struct rctx *c, const struct expr *e, struct val *v,
         const struct val *a)
{
	buf_reset(&c->tmp);
	locale_number(c->loc, v->u.n, arg_int(a, (int)e->nargs, 0), &c->tmp);
	v_str(v, tmp_str(c));
	return true;
}

static bool
f_signed(struct rctx *c, const struct expr *e, struct val *v,
         const struct val *a)
{
	buf_reset(&c->tmp);
	locale_signed(c->loc, v->u.n, arg_int(a, (int)e->nargs, 0), &c->tmp);
	v_str(v, tmp_str(c));
	return true;
}

static bool
f_percent(struct rctx *c, const struct expr *e, struct val *v,
          const struct val *a)
{
	struct buf n;
	const char *fmt = locale_str(c->loc, "number.percent");
	const char *s = strstr(fmt, "%s");

	buf_init(&n);
	locale_number(c->loc, v->u.n, arg_int(a, (int)e->nargs, 0), &n);
	buf_reset(&c->tmp);
	if (s != NULL) {
		buf_append(&c->tmp, fmt, (size_t)(s - fmt));
		buf_puts(&c->tmp, n.data);
		buf_puts(&c->tmp, s + 2);
	} else {
		buf_puts(&c->tmp, n.data);
		buf_puts(&c->tmp, "%");
	}
	buf_free(&n);
	v_str(v, tmp_str(c));
	return true;
}

static bool
f_plural(struct rctx *c, const struct expr *e, struct val *v,
         const struct val *a)
{
	double n = v->u.n;

	buf_reset(&c->tmp);
	if (n == 0 && e->nargs == 3) {
		buf_puts(&c->tmp, a[2].u.s);
	} else {
		locale_number(c->loc, n, n == floor(n) ? 0 : 1, &c->tmp);
		buf_putc(&c->tmp, ' ');
		buf_puts(&c->tmp, n == 1 ? a[0].u.s : a[1].u.s);
	}
	v_str(v, tmp_str(c));
	return true;
}

/* The locale's group of a status-like key. */
static const char *
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

static bool
f_status(struct rctx *c, const struct expr *e, struct val *v,
         const struct val *a)
{
	if (key_group(v->u.s) == NULL) {
		diag_error(&e->pos,
		           "\"%s\" is not a status, schedule or "
		           "course word",
		           v->u.s);
		return false;
	}
	v->t = VT_STATUS;
	return true;
}

static bool
f_label(struct rctx *c, const struct expr *e, struct val *v,
        const struct val *a)
{
	const char *g = key_group(v->u.s);
	char key[64];

	if (g == NULL) {
		diag_error(&e->pos,
		           "\"%s\" is not a status, schedule or "
		           "course word",
		           v->u.s);
		return false;
	}
	snprintf(key, sizeof(key), "%s.%s", g, v->u.s);
	v_str(v, locale_str(c->loc, key));
	return true;
}

static bool
f_case(struct rctx *c, struct val *v, bool up)
{
	/* ASCII and the German letters; enough for labels and ids. */
	static const char *const pairs[][2] = {
	    {"ä", "Ä"}, {"ö", "Ö"}, {"ü", "Ü"}, {"é", "É"}};
	const char *s = v->u.s;

	buf_reset(&c->tmp);
	while (*s) {
		size_t k;
		for (k = 0; k < 4; k++) {
			const char *from = pairs[k][up ? 0 : 1];
			size_t n = strlen(from);
			if (strncmp(s, from, n) == 0) {
				buf_puts(&c->tmp, pairs[k][up ? 1 : 0]);
				s += n;
				break;
			}
		}
		if (k < 4)
			continue;
		char ch = *s++;
		if (up && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		else if (!up && ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		buf_putc(&c->tmp, ch);
	}
	v_str(v, tmp_str(c));
	return true;
}

static bool
f_upper(struct rctx *c, const struct expr *e, struct val *v,
        const struct val *a)
{
	return f_case(c, v, true);
}

static bool
f_lower(struct rctx *c, const struct expr *e, struct val *v,
        const struct val *a)
{
	return f_case(c, v, false);
}

static bool
f_default(struct rctx *c, const struct expr *e, struct val *v,
          const struct val *a)
{
	if (v->t == VT_NONE || (v->t == VT_STR && v->u.s[0] == '\0'))
		*v = a[0];
	return true;
}

static bool
f_count(struct rctx *c, const struct expr *e, struct val *v,
        const struct val *a)
{
	v_num(v, (double)v->u.list.n);
	return true;
}

static bool
f_abs(struct rctx *c, const struct expr *e, struct val *v, const struct val *a)
{
	v->u.n = fabs(v->u.n);
	return true;
}

/* Blank lines in the text become paragraph breaks; everything else is
 * escaped as usual. */
static bool
f_paragraphs(struct rctx *c, const struct expr *e, struct val *v,
             const struct val *a)
{
	const char *s = v->u.s;
	struct buf para;

	buf_init(&para);
	buf_reset(&c->tmp);
	while (*s) {
		const char *end = strstr(s, "\n\n");
		size_t n = end ? (size_t)(end - s) : strlen(s);
		buf_reset(&para);
		buf_append(&para, s, n);
		if (!is_blank(para.data, para.len)) {
			bool mark = v->prose && c->text_lang != NULL;
			if (c->tmp.len > 0)
				buf_puts(&c->tmp, "\n\n");
			if (mark)
				buf_putc(&c->tmp, '[');
			markup_escape(&c->tmp, para.data, true);
			if (mark)
				buf_printf(&c->tmp, "](lang:%s)", c->text_lang);
		}
		s += n;
		while (*s == '\n')
			s++;
	}
	buf_free(&para);
	v->t = VT_MD;
	v->u.s = tmp_str(c);
	return true;
}

static const struct filter filters[] = {
    {"abs", B(VT_NUM), VT_NUM, 0, 0, {0}, f_abs},
    {"count", B(VT_LIST), VT_NUM, 0, 0, {0}, f_count},
    {"date", B(VT_DATE), VT_STR, 0, 0, {0}, f_date},
    {"default", ~0u, VT_ANY, 1, 1, {VT_ANY}, f_default},
    {"label", B(VT_STR), VT_STR, 0, 0, {0}, f_label},
    {"lower", B(VT_STR), VT_STR, 0, 0, {0}, f_lower},
    {"month_year", B(VT_DATE), VT_STR, 0, 0, {0}, f_month_year},
    {"number", B(VT_NUM), VT_STR, 0, 1, {VT_NUM}, f_number},
    {"paragraphs", B(VT_STR), VT_MD, 0, 0, {0}, f_paragraphs},
    {"percent", B(VT_NUM), VT_STR, 0, 1, {VT_NUM}, f_percent},
    {"plural", B(VT_NUM), VT_STR, 2, 3, {VT_STR, VT_STR, VT_STR}, f_plural},
    {"signed", B(VT_NUM), VT_STR, 0, 1, {VT_NUM}, f_signed},
    {"status", B(VT_STR), VT_STATUS, 0, 0, {0}, f_status},
    {"upper", B(VT_STR), VT_STR, 0, 0, {0}, f_upper},
    {NULL, 0, 0, 0, 0, {0}, NULL},
};

/* Expression parser */

static struct expr *parse_expr(struct parser *);

static struct expr *
new_expr(struct parser *ps, enum ek k, const struct src_pos *pos)
{
	struct expr *e = palloc(ps, sizeof(*e));
	e->k = k;
	e->pos = *pos;
	return e;
}

static struct scopevar *
find_var(struct parser *ps, const char *s, size_t len)
{
	for (size_t i = ps->nvars; i-- > 0;)
		if (ps->vars[i].len == len &&
		    memcmp(ps->vars[i].name, s, len) == 0)
			return &ps->vars[i];
	return NULL;
}

static const struct field *
find_field(const struct field *fs, const char *s, size_t len)
{
	for (; fs && fs->name; fs++)
		if (strlen(fs->name) == len && memcmp(fs->name, s, len) == 0)
			return fs;
	return NULL;
}

static int
new_var(struct parser *ps, const struct tok *name, struct stype ty)
{
	if (ps->nvars >= sizeof(ps->vars) / sizeof(ps->vars[0])) {
		terr(ps->ts, &name->pos, "too many variables in scope");
		return -1;
	}
	if (find_field(root_fields, name->s, name->len) != NULL) {
		terr(ps->ts, &name->pos,
		     "\"%.*s\" is a name the report already gives; choose "
		     "another name for the variable",
		     (int)name->len, name->s);
		return -1;
	}
	struct scopevar *v = &ps->vars[ps->nvars++];
	v->name = name->s;
	v->len = name->len;
	v->slot = (int)ps->ts->nslots++;
	v->ty = ty;
	return v->slot;
}

static bool
parse_filter(struct parser *ps, struct expr **ep)
{
	struct tok *t = cur(ps);
	const struct filter *f;
	struct expr *in = *ep, *e;

	if (t->t != T_ID) {
		expect(ps, T_ID, "", "a filter name after |");
		return false;
	}
	for (f = filters; f->name; f++)
		if (strlen(f->name) == t->len &&
		    memcmp(f->name, t->s, t->len) == 0)
			break;
	if (f->name == NULL) {
		struct names ns = {0};
		struct buf b;
		char *name = xstrndup(t->s, t->len);
		for (const struct filter *g = filters; g->name; g++)
			names_add(&ns, g->name);
		buf_init(&b);
		suggest(&b, name, &ns);
		terr(ps->ts, &t->pos, "unknown filter \"%s\"%s", name, b.data);
		free(name);
		buf_free(&b);
		return false;
	}
	ps->tok++;
	e = new_expr(ps, E_FILTER, &t->pos);
	e->filter = f;
	e->a = in;
	if (in->ty.t != VT_ANY && !(f->in & B(in->ty.t)) &&
	    in->ty.t != VT_NONE) {
		struct buf b;
		buf_init(&b);
		for (int k = 0; k <= VT_MD; k++)
			if (f->in & B(k))
				buf_printf(&b, "%s%s", b.len ? " or " : "",
				           vt_names[k]);
		terr(ps->ts, &t->pos, "the filter \"%s\" takes %s, not %s",
		     f->name, b.data,
		     in->ty.t == VT_OBJ ? kind_names[in->ty.k]
		                        : vt_names[in->ty.t]);
		buf_free(&b);
		return false;
	}
	struct expr *args[3];
	size_t n = 0;
	if (accept(ps, T_OP, "(")) {
		if (!tok_is(cur(ps), T_OP, ")"))
			for (;;) {
				if (n == 3) {
					terr(ps->ts, &cur(ps)->pos,
					     "too many arguments");
					return false;
				}
				if ((args[n++] = parse_expr(ps)) == NULL)
					return false;
				if (!accept(ps, T_OP, ","))
					break;
			}
		if (!expect(ps, T_OP, ")", "\")\" after the arguments"))
			return false;
	}
	if ((int)n < f->minargs || (int)n > f->maxargs) {
		if (f->minargs == f->maxargs)
			terr(ps->ts, &t->pos,
			     "the filter \"%s\" takes %d argument%s, not %zu",
			     f->name, f->minargs, f->minargs == 1 ? "" : "s",
			     n);
		else
			terr(ps->ts, &t->pos,
			     "the filter \"%s\" takes %d to %d arguments, not "
			     "%zu",
			     f->name, f->minargs, f->maxargs, n);
		return false;
	}
	for (size_t k = 0; k < n; k++) {
		enum vt want = f->argt[k], got = args[k]->ty.t;
		if (want != VT_ANY && got != VT_ANY && got != want) {
			terr(ps->ts, &args[k]->pos,
			     "argument %zu of \"%s\" must be %s, not %s", k + 1,
			     f->name, vt_names[want], vt_names[got]);
			return false;
		}
	}
	e->args = palloc(ps, (n + 1) * sizeof(*e->args));
	memcpy(e->args, args, n * sizeof(*args));
	e->nargs = n;
	e->ty = in->ty;
	if (f->out != VT_ANY) {
		e->ty.t = f->out;
		e->ty.k = 0;
	} else if (in->ty.t == VT_NONE && n > 0)
		e->ty = args[0]->ty;
	*ep = e;
	return true;
}

static bool
parse_field(struct parser *ps, struct expr **ep)
{
	struct tok *t = cur(ps);
	struct expr *in = *ep, *e;
	const struct field *fs;

	if (t->t != T_ID)
		return expect(ps, T_ID, "", "a field name after \".\"");
	ps->tok++;
	if (in->ty.t == VT_DATE) {
		static const char *parts[] = {"year", "month", "day"};
		for (int k = 0; k < 3; k++)
			if (tok_is(t, T_ID, parts[k])) {
				e = new_expr(ps, E_DATEPART, &t->pos);
				e->a = in;
				e->part = k;
				e->ty.t = VT_NUM;
				*ep = e;
				return true;
			}
		terr(ps->ts, &t->pos,
		     "a date has the fields year, month and "
		     "day, not \"%.*s\"",
		     (int)t->len, t->s);
		return false;
	}
	if (in->ty.t != VT_OBJ) {
		terr(ps->ts, &t->pos,
		     "a value of the kind \"%s\" has no fields; \"%.*s\" "
		     "cannot be looked up in it",
		     vt_names[in->ty.t], (int)t->len, t->s);
		return false;
	}
	fs = kind_fields[in->ty.k];
	const struct field *f = find_field(fs, t->s, t->len);
	if (f == NULL) {
		struct names ns = {0};
		struct buf b;
		char *name = xstrndup(t->s, t->len);
		for (const struct field *g = fs; g->name; g++)
			names_add(&ns, g->name);
		buf_init(&b);
		suggest(&b, name, &ns);
		terr(ps->ts, &t->pos, "a %s has no field \"%s\"%s",
		     kind_names[in->ty.k], name, b.data);
		free(name);
		buf_free(&b);
		return false;
	}
	e = new_expr(ps, E_FIELD, &t->pos);
	e->a = in;
	e->field = f;
	e->prose = is_prose(in->ty.k, f->name);
	e->ty.t = f->t;
	e->ty.k = f->k;
	*ep = e;
	return true;
}

/*
 * Every level of the expression tree (parentheses, "-", "not", and each
 * operator, field or filter of a chain, which nests to the left) counts
 * one, so that a hostile template cannot exhaust the stack here or in
 * eval(), which recurses as deep as the tree.  The caller decrements
 * ps->depth when the nested part is parsed, whether it failed or not.
 */
static bool
enter_nested(struct parser *ps, const struct tok *t)
{
	if (ps->depth >= MAX_DEPTH) {
		terr(ps->ts, &t->pos,
		     "the expression is nested more than %d levels deep "
		     "(each parenthesis, operator, \"-\", \"not\", field "
		     "and filter counts one)",
		     MAX_DEPTH);
		return false;
	}
	ps->depth++;
	return true;
}

static struct expr *parse_primary_in(struct parser *, struct tok *);

static struct expr *
parse_primary(struct parser *ps)
{
	struct tok *t = cur(ps);
	struct expr *e;

	if (!enter_nested(ps, t))
		return NULL;
	e = parse_primary_in(ps, t);
	ps->depth--;
	return e;
}

/* The part of parse_primary() inside its depth count. */
static struct expr *
parse_primary_in(struct parser *ps, struct tok *t)
{
	struct expr *e = NULL;
	char tmp[64];

	if (t->t == T_STR) {
		e = new_expr(ps, E_LIT, &t->pos);
		v_str(&e->lit, t->s);
		e->ty.t = VT_STR;
		ps->tok++;
	} else if (t->t == T_NUM) {
		e = new_expr(ps, E_LIT, &t->pos);
		v_num(&e->lit, t->num);
		e->ty.t = VT_NUM;
		ps->tok++;
	} else if (accept(ps, T_OP, "(")) {
		e = parse_expr(ps);
		if (e == NULL || !expect(ps, T_OP, ")", "\")\""))
			return NULL;
	} else if (tok_is(t, T_ID, "true") || tok_is(t, T_ID, "false")) {
		e = new_expr(ps, E_LIT, &t->pos);
		v_bool(&e->lit, t->s[0] == 't');
		e->ty.t = VT_BOOL;
		ps->tok++;
	} else if (tok_is(t, T_ID, "none")) {
		e = new_expr(ps, E_LIT, &t->pos);
		v_none(&e->lit);
		e->ty.t = VT_NONE;
		ps->tok++;
	} else if (tok_is(t, T_ID, "count") && tok_is(t + 1, T_OP, "(") &&
	           t[2].t == T_ID && tok_is(t + 3, T_ID, "in")) {
		/* count(x in list where cond) */
		struct tok *name = t + 2;
		e = new_expr(ps, E_COUNT, &t->pos);
		ps->tok += 4;
		if ((e->a = parse_expr(ps)) == NULL)
			return NULL;
		if (e->a->ty.t != VT_LIST) {
			terr(ps->ts, &e->a->pos,
			     "count(... in ...) needs a list here");
			return NULL;
		}
		size_t save = ps->nvars;
		e->slot = new_var(ps, name, (struct stype){VT_OBJ, e->a->ty.k});
		if (e->slot < 0)
			return NULL;
		if (accept(ps, T_ID, "where") &&
		    (e->b = parse_expr(ps)) == NULL)
			return NULL;
		ps->nvars = save;
		if (!expect(ps, T_OP, ")", "\")\" to close count(...)"))
			return NULL;
		e->ty.t = VT_NUM;
	} else if (t->t == T_ID) {
		struct scopevar *v = find_var(ps, t->s, t->len);
		const struct field *f;
		if (v != NULL) {
			e = new_expr(ps, E_SLOT, &t->pos);
			e->slot = v->slot;
			e->ty = v->ty;
		} else if ((f = find_field(root_fields, t->s, t->len))) {
			e = new_expr(ps, E_ROOT, &t->pos);
			e->field = f;
			e->ty.t = f->t;
			e->ty.k = f->k;
		} else {
			struct names ns = {0};
			struct buf b;
			char *name = xstrndup(t->s, t->len);
			for (size_t i = ps->nvars; i-- > 0;) {
				char *n = pool_strndup(&ps->ts->pool,
				                       ps->vars[i].name,
				                       ps->vars[i].len);
				names_add(&ns, n);
			}
			for (const struct field *g = root_fields; g->name; g++)
				names_add(&ns, g->name);
			buf_init(&b);
			suggest(&b, name, &ns);
			terr(ps->ts, &t->pos, "unknown variable \"%s\"%s", name,
			     b.data);
			free(name);
			buf_free(&b);
			return NULL;
		}
		ps->tok++;
	} else {
		terr(ps->ts, &t->pos, "expected a value, found %s",
		     tok_show(t, tmp, sizeof(tmp)));
		return NULL;
	}
	/* Each field or filter wraps the expression so far: a level. */
	int chained = 0;
	while (e != NULL) {
		struct tok *op = cur(ps);
		bool ok;
		if (!tok_is(op, T_OP, ".") && !tok_is(op, T_OP, "|"))
			break;
		if (!enter_nested(ps, op)) {
			e = NULL;
			break;
		}
		chained++;
		ps->tok++;
		ok = op->s[0] == '.' ? parse_field(ps, &e)
		                     : parse_filter(ps, &e);
		if (!ok)
			e = NULL;
	}
	ps->depth -= chained;
	return e;
}

static struct expr *
parse_unary(struct parser *ps)
{
	struct tok *t = cur(ps);

	/* -4 | abs is the filter applied to -4, so a negative number is
	 * one literal. */
	if (tok_is(t, T_OP, "-") && t[1].t == T_NUM) {
		struct expr *e;
		ps->tok++;
		t[1].num = -t[1].num;
		e = parse_primary(ps);
		t[1].num = -t[1].num;
		return e;
	}
	if (accept(ps, T_OP, "-")) {
		struct expr *e = new_expr(ps, E_NEG, &t->pos);
		if (!enter_nested(ps, t))
			return NULL;
		e->a = parse_unary(ps);
		ps->depth--;
		if (e->a == NULL)
			return NULL;
		if (e->a->ty.t != VT_NUM && e->a->ty.t != VT_ANY) {
			terr(ps->ts, &t->pos, "only a number can be negated");
			return NULL;
		}
		e->ty.t = VT_NUM;
		return e;
	}
	return parse_primary(ps);
}

static struct expr *parse_arith(struct parser *, int level);

/* l op (the operand that follows), both numbers. */
static struct expr *
arith_step(struct parser *ps, int level, const char *op, struct expr *l,
           const struct tok *t)
{
	struct expr *e = new_expr(ps, E_ARITH, &t->pos);

	e->a = l;
	e->b = level == 1 ? parse_unary(ps) : parse_arith(ps, 1);
	if (e->b == NULL)
		return NULL;
	for (int k = 0; k < 2; k++) {
		struct expr *x = k ? e->b : e->a;
		if (x->ty.t != VT_NUM && x->ty.t != VT_ANY) {
			terr(ps->ts, &x->pos,
			     "\"%s\" calculates with numbers, not %s", op,
			     vt_names[x->ty.t]);
			return NULL;
		}
	}
	strcpy(e->op, op);
	e->ty.t = VT_NUM;
	return e;
}

static struct expr *
parse_arith(struct parser *ps, int level)
{
	static const char *ops[2][3] = {{"+", "-", NULL}, {"*", "/", NULL}};
	struct expr *l = level == 1 ? parse_unary(ps) : parse_arith(ps, 1);
	int chained = 0; /* a + b + c is (a + b) + c: one level each */

	while (l != NULL) {
		struct tok *t = cur(ps);
		const char *op = NULL;
		for (int k = 0; ops[level][k]; k++)
			if (tok_is(t, T_OP, ops[level][k]))
				op = ops[level][k];
		if (op == NULL)
			break;
		if (!enter_nested(ps, t)) {
			l = NULL;
			break;
		}
		chained++;
		ps->tok++;
		l = arith_step(ps, level, op, l, t);
	}
	ps->depth -= chained;
	return l;
}

/* A word compared with a field that has a fixed set of words must be
 * one of them: a typo in "delayed" would otherwise match nothing. */
static bool
check_word(struct parser *ps, const struct expr *f, const struct expr *lit)
{
	if (f->k != E_FIELD || f->field->keys == NULL || lit->k != E_LIT ||
	    lit->lit.t != VT_STR)
		return true;
	for (const char *const *w = f->field->keys; *w; w++)
		if (strcmp(*w, lit->lit.u.s) == 0)
			return true;
	struct names ns = {0};
	struct buf b;
	for (const char *const *w = f->field->keys; *w; w++)
		names_add(&ns, *w);
	buf_init(&b);
	suggest(&b, lit->lit.u.s, &ns);
	terr(ps->ts, &lit->pos, "\"%s\" is not a value of %s%s", lit->lit.u.s,
	     f->field->name, b.data);
	buf_free(&b);
	return false;
}

static struct expr *
parse_cmp(struct parser *ps)
{
	static const char *ops[] = {"==", "!=", "<=", ">=", "<", ">", NULL};
	struct expr *l = parse_arith(ps, 0);
	struct tok *t;

	if (l == NULL)
		return NULL;
	t = cur(ps);
	if (tok_is(t, T_ID, "in") ||
	    (tok_is(t, T_ID, "not") && tok_is(t + 1, T_ID, "in"))) {
		bool neg = t->s[0] == 'n';
		struct expr *e = new_expr(ps, E_IN, &t->pos), *list[32];
		size_t n = 0;
		ps->tok += neg ? 2 : 1;
		if (!expect(ps, T_OP, "[", "a list in [brackets] after in"))
			return NULL;
		do {
			if (n == 32) {
				terr(ps->ts, &cur(ps)->pos,
				     "at most 32 values in a list");
				return NULL;
			}
			if ((list[n] = parse_arith(ps, 0)) == NULL ||
			    !check_word(ps, l, list[n]))
				return NULL;
			n++;
		} while (accept(ps, T_OP, ","));
		if (!expect(ps, T_OP, "]", "\"]\" to close the list"))
			return NULL;
		e->a = l;
		e->args = palloc(ps, n * sizeof(*list));
		memcpy(e->args, list, n * sizeof(*list));
		e->nargs = n;
		e->ty.t = VT_BOOL;
		if (neg) {
			struct expr *x = new_expr(ps, E_NOT, &t->pos);
			x->a = e;
			x->ty.t = VT_BOOL;
			e = x;
		}
		return e;
	}
	for (int k = 0; ops[k]; k++)
		if (tok_is(t, T_OP, ops[k])) {
			struct expr *e = new_expr(ps, E_CMP, &t->pos);
			ps->tok++;
			e->a = l;
			if ((e->b = parse_arith(ps, 0)) == NULL)
				return NULL;
			if (!check_word(ps, e->a, e->b) ||
			    !check_word(ps, e->b, e->a))
				return NULL;
			enum vt ta = e->a->ty.t, tb = e->b->ty.t;
			if (ta != tb && ta != VT_ANY && tb != VT_ANY &&
			    ta != VT_NONE && tb != VT_NONE) {
				terr(ps->ts, &t->pos,
				     "cannot compare %s with %s", vt_names[ta],
				     vt_names[tb]);
				return NULL;
			}
			strcpy(e->op, ops[k]);
			e->ty.t = VT_BOOL;
			return e;
		}
	return l;
}

static struct expr *
parse_not(struct parser *ps)
{
	struct tok *t = cur(ps);

	if (tok_is(t, T_ID, "not") && !tok_is(t + 1, T_ID, "in")) {
		ps->tok++;
		struct expr *e = new_expr(ps, E_NOT, &t->pos);
		if (!enter_nested(ps, t))
			return NULL;
		e->a = parse_not(ps);
		ps->depth--;
		if (e->a == NULL)
			return NULL;
		e->ty.t = VT_BOOL;
		return e;
	}
	return parse_cmp(ps);
}

static struct expr *
parse_logic(struct parser *ps, bool is_or)
{
	struct expr *l = is_or ? parse_logic(ps, false) : parse_not(ps);
	int chained = 0; /* as in parse_arith() */

	while (l != NULL) {
		struct tok *t = cur(ps);
		if (!tok_is(t, T_ID, is_or ? "or" : "and"))
			break;
		if (!enter_nested(ps, t)) {
			l = NULL;
			break;
		}
		chained++;
		ps->tok++;
		struct expr *e = new_expr(ps, is_or ? E_OR : E_AND, &t->pos);
		e->a = l;
		e->b = is_or ? parse_logic(ps, false) : parse_not(ps);
		e->ty.t = VT_BOOL;
		l = e->b == NULL ? NULL : e;
	}
	ps->depth -= chained;
	return l;
}

static struct expr *
parse_expr(struct parser *ps)
{
	return parse_logic(ps, true);
}

/* Statements */

static struct op *parse_seq(struct parser *, const char *const *ends,
                            struct tok **endtok);

static struct op *
new_op(struct parser *ps, enum opk k, const struct src_pos *pos)
{
	struct op *o = palloc(ps, sizeof(*o));
	o->k = k;
	o->pos = *pos;
	return o;
}

static bool
end_of_tag(struct parser *ps)
{
	char tmp[64];

	if (cur(ps)->t == T_CLOSE)
		return true;
	terr(ps->ts, &cur(ps)->pos,
	     "expected the end of the tag \"%%}\", "
	     "found %s",
	     tok_show(cur(ps), tmp, sizeof(tmp)));
	return false;
}

static void
push_open(struct parser *ps, const char *name, const struct src_pos *pos)
{
	if (ps->nopen < MAX_DEPTH) {
		ps->open[ps->nopen] = name;
		ps->openpos[ps->nopen] = *pos;
	}
	ps->nopen++;
}

static const char *const tag_names[] = {
    "if",      "elif",      "else", "endif", "for",      "endfor", "set",
    "include", "component", "toc",  "block", "endblock", NULL};

static bool
bad_tag(struct parser *ps, struct tok *t)
{
	struct names ns = {0};
	struct buf b;
	char *name = xstrndup(t->s, t->len);

	for (const char *const *n = tag_names; *n; n++)
		names_add(&ns, *n);
	buf_init(&b);
	suggest(&b, name, &ns);
	terr(ps->ts, &t->pos, "unknown tag \"%s\"%s", name, b.data);
	free(name);
	buf_free(&b);
	return false;
}

static struct op *parse_file_ops(struct tmpl_set *, struct tfile *,
                                 struct parser *outer);

/* A path is allowed if relative, made of plain names, ending in .tmpl. */
static bool
include_path_ok(const char *p)
{
	size_t n = strlen(p);

	if (n == 0 || p[0] == '/' || n < 6 || strcmp(p + n - 5, ".tmpl") != 0)
		return false;
	for (const char *s = p; *s;) {
		const char *e = strchr(s, '/');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (len == 0 || (len == 1 && s[0] == '.') ||
		    (len == 2 && s[0] == '.' && s[1] == '.'))
			return false;
		s += len + (e ? 1 : 0);
	}
	return strchr(p, '\\') == NULL;
}

static struct op *
parse_component(struct parser *ps, struct tok *tag)
{
	struct tok *t = cur(ps);
	const struct component *c;
	struct op *o;

	if (t->t != T_ID) {
		terr(ps->ts, &t->pos, "expected the component's name");
		return NULL;
	}
	char *name = xstrndup(t->s, t->len);
	c = component_find(name);
	if (c == NULL) {
		struct names ns = {0};
		struct buf b;
		const char *n;
		for (size_t i = 0; (n = component_name(i)) != NULL; i++)
			names_add(&ns, n);
		buf_init(&b);
		suggest(&b, name, &ns);
		terr(ps->ts, &t->pos, "unknown component \"%s\"%s", name,
		     b.data);
		buf_free(&b);
		free(name);
		return NULL;
	}
	free(name);
	ps->tok++;
	o = new_op(ps, OP_COMPONENT, &tag->pos);
	o->comp = c;
	size_t np = 0;
	while (c->params[np].name)
		np++;
	o->cargs = palloc(ps, (np + 1) * sizeof(*o->cargs));
	while (cur(ps)->t != T_CLOSE) {
		struct tok *a = cur(ps);
		size_t k;
		if (a->t != T_ID) {
			terr(ps->ts, &a->pos,
			     "expected an argument as name=value");
			return NULL;
		}
		for (k = 0; k < np; k++)
			if (strlen(c->params[k].name) == a->len &&
			    memcmp(c->params[k].name, a->s, a->len) == 0)
				break;
		if (k == np) {
			struct names ns = {0};
			struct buf b;
			char *an = xstrndup(a->s, a->len);
			for (size_t i = 0; i < np; i++)
				names_add(&ns, c->params[i].name);
			buf_init(&b);
			suggest(&b, an, &ns);
			terr(ps->ts, &a->pos,
			     "the component \"%s\" has no argument \"%s\"%s",
			     c->name, an, b.data);
			free(an);
			buf_free(&b);
			return NULL;
		}
		if (o->cargs[k] != NULL) {
			terr(ps->ts, &a->pos,
			     "the argument \"%s\" is given "
			     "twice",
			     c->params[k].name);
			return NULL;
		}
		ps->tok++;
		if (!expect(ps, T_OP, "=", "\"=\" after the argument's name"))
			return NULL;
		struct expr *e = parse_expr(ps);
		if (e == NULL)
			return NULL;
		/* the argument's type */
		static const struct {
			enum vt t;
			enum kind k;
			const char *what;
		} want[] = {
		    [CT_MILESTONES] = {VT_LIST, K_MILESTONE,
		                       "a list of milestones"},
		    [CT_INDICATORS] = {VT_LIST, K_INDICATOR,
		                       "a list of indicators"},
		    [CT_ASPECTS] = {VT_LIST, K_ASPECT, "a list of aspects"},
		    [CT_ASPECT] = {VT_OBJ, K_ASPECT, "an aspect"},
		    [CT_INDICATOR] = {VT_OBJ, K_INDICATOR, "an indicator"},
		    [CT_STRING] = {VT_STR, 0, "a text"},
		    [CT_NUMBER] = {VT_NUM, 0, "a number"},
		    [CT_BOOL] = {VT_BOOL, 0, "true or false"},
		};
		enum comp_type ct = c->params[k].type;
		bool fits = e->ty.t == VT_ANY ||
		            (e->ty.t == want[ct].t &&
		             (want[ct].k == 0 || e->ty.k == want[ct].k));
		if (!fits) {
			terr(ps->ts, &e->pos,
			     "the argument \"%s\" of \"%s\" must be %s",
			     c->params[k].name, c->name, want[ct].what);
			return NULL;
		}
		o->cargs[k] = e;
	}
	for (size_t k = 0; k < np; k++)
		if (c->params[k].required && o->cargs[k] == NULL) {
			terr(ps->ts, &tag->pos,
			     "the component \"%s\" needs the argument \"%s\"",
			     c->name, c->params[k].name);
			return NULL;
		}
	return o;
}

static const char *const block_classes[] = {"titlepage", "notice", "summary",
                                            "note", NULL};

/* One statement tag; returns its op (or NULL on error).  *endtok is
 * set instead when the tag is one of `ends`. */
static struct op *
parse_stmt(struct parser *ps, const char *const *ends, struct tok **endtok,
           bool *is_end)
{
	struct item *it = &ps->f->items[ps->item];
	struct tok *t;
	struct op *o = NULL;

	*is_end = false;
	if (it->ntoks == 0) /* a comment */
		return NULL;
	t = &it->toks[0];
	ps->tok = 0;
	if (t->t != T_ID) {
		terr(ps->ts, &t->pos,
		     "a tag starts with its name, such as "
		     "if, for or include");
		return NULL;
	}
	for (const char *const *e = ends; e && *e; e++)
		if (tok_is(t, T_ID, *e)) {
			*is_end = true;
			*endtok = t;
			ps->tok = 1;
			return NULL;
		}
	ps->tok = 1;
	if (tok_is(t, T_ID, "if")) {
		static const char *const ifends[] = {"elif", "else", "endif",
		                                     NULL};
		struct expr *conds[64];
		struct op *bodies[64];
		size_t n = 0;
		struct tok *end = t;
		o = new_op(ps, OP_IF, &t->pos);
		for (;;) {
			if (n == 64) {
				terr(ps->ts, &end->pos,
				     "at most 64 elif in one if");
				return NULL;
			}
			if ((conds[n] = parse_expr(ps)) == NULL ||
			    !end_of_tag(ps))
				return NULL;
			ps->item++;
			push_open(ps, "if", &t->pos);
			bodies[n] = parse_seq(ps, ifends, &end);
			ps->nopen--;
			if (ps->ts->stop)
				return NULL;
			n++;
			if (end == NULL) {
				terr(ps->ts, &t->pos,
				     "this {%% if %%} is not "
				     "closed: add {%% endif "
				     "%%}");
				return NULL;
			}
			if (tok_is(end, T_ID, "elif"))
				continue;
			if (tok_is(end, T_ID, "else")) {
				static const char *const elseends[] = {"endif",
				                                       NULL};
				struct tok *e2 = NULL;
				if (!end_of_tag(ps))
					return NULL;
				ps->item++;
				push_open(ps, "if", &t->pos);
				o->els = parse_seq(ps, elseends, &e2);
				ps->nopen--;
				if (ps->ts->stop)
					return NULL;
				if (e2 == NULL) {
					terr(ps->ts, &t->pos,
					     "this {%% if %%} is not closed: "
					     "add {%% endif %%}");
					return NULL;
				}
			}
			if (!end_of_tag(ps))
				return NULL;
			break;
		}
		o->conds = palloc(ps, n * sizeof(*conds));
		o->bodies = palloc(ps, n * sizeof(*bodies));
		memcpy(o->conds, conds, n * sizeof(*conds));
		memcpy(o->bodies, bodies, n * sizeof(*bodies));
		o->nconds = n;
		return o;
	}
	if (tok_is(t, T_ID, "for")) {
		static const char *const forends[] = {"else", "endfor", NULL};
		struct tok *name = cur(ps), *end = NULL;
		struct sortkey keys[8];
		size_t nkeys = 0, save = ps->nvars;
		o = new_op(ps, OP_FOR, &t->pos);
		if (name->t != T_ID) {
			terr(ps->ts, &name->pos,
			     "expected a name after for: "
			     "{%% for m in milestones %%}");
			return NULL;
		}
		ps->tok++;
		if (!expect(ps, T_ID, "in", "\"in\" after the loop's name") ||
		    (o->e = parse_expr(ps)) == NULL)
			return NULL;
		if (o->e->ty.t != VT_LIST) {
			terr(ps->ts, &o->e->pos,
			     "for needs a list, such as milestones or "
			     "aspect.children; this is %s",
			     o->e->ty.t == VT_OBJ ? kind_names[o->e->ty.k]
			                          : vt_names[o->e->ty.t]);
			return NULL;
		}
		if ((o->slot = new_var(ps, name,
		                       (struct stype){VT_OBJ, o->e->ty.k})) < 0)
			return NULL;
		static const struct tok looptok = {T_ID, "loop", 4, 0, {0}};
		o->loopslot =
		    new_var(ps, &looptok, (struct stype){VT_OBJ, K_LOOP});
		if (accept(ps, T_ID, "where") &&
		    (o->where = parse_expr(ps)) == NULL)
			return NULL;
		if (accept(ps, T_ID, "sort")) {
			if (!expect(ps, T_ID, "by", "\"by\" after sort"))
				return NULL;
			do {
				if (nkeys == 8) {
					terr(ps->ts, &cur(ps)->pos,
					     "at most 8 sort keys");
					return NULL;
				}
				if ((keys[nkeys].e = parse_expr(ps)) == NULL)
					return NULL;
				keys[nkeys].desc = accept(ps, T_ID, "desc");
				if (!keys[nkeys].desc)
					accept(ps, T_ID, "asc");
				nkeys++;
			} while (accept(ps, T_OP, ","));
		}
		if (accept(ps, T_ID, "limit")) {
			if ((o->limit = parse_expr(ps)) == NULL)
				return NULL;
			if (o->limit->ty.t != VT_NUM) {
				terr(ps->ts, &o->limit->pos,
				     "limit needs a number");
				return NULL;
			}
		}
		if (!end_of_tag(ps))
			return NULL;
		o->sort = palloc(ps, (nkeys + 1) * sizeof(*keys));
		memcpy(o->sort, keys, nkeys * sizeof(*keys));
		o->nsort = nkeys;
		ps->item++;
		push_open(ps, "for", &t->pos);
		o->body = parse_seq(ps, forends, &end);
		ps->nopen--;
		ps->nvars = save;
		if (ps->ts->stop)
			return NULL;
		if (end != NULL && tok_is(end, T_ID, "else")) {
			static const char *const e2[] = {"endfor", NULL};
			if (!end_of_tag(ps))
				return NULL;
			ps->item++;
			push_open(ps, "for", &t->pos);
			o->els = parse_seq(ps, e2, &end);
			ps->nopen--;
			if (ps->ts->stop)
				return NULL;
		}
		if (end == NULL) {
			terr(ps->ts, &t->pos,
			     "this {%% for %%} is not closed: "
			     "add {%% endfor %%}");
			return NULL;
		}
		return end_of_tag(ps) ? o : NULL;
	}
	if (tok_is(t, T_ID, "set")) {
		struct tok *name = cur(ps);
		o = new_op(ps, OP_SET, &t->pos);
		if (name->t != T_ID) {
			terr(ps->ts, &name->pos, "expected a name after set");
			return NULL;
		}
		ps->tok++;
		if (!expect(ps, T_OP, "=", "\"=\" after the name") ||
		    (o->e = parse_expr(ps)) == NULL || !end_of_tag(ps))
			return NULL;
		if ((o->slot = new_var(ps, name, o->e->ty)) < 0)
			return NULL;
		return o;
	}
	if (tok_is(t, T_ID, "include")) {
		struct tok *p = cur(ps);
		if (p->t != T_STR) {
			terr(ps->ts, &p->pos,
			     "include takes a file name in "
			     "quotes: {%% include "
			     "\"partials/x.tmpl\" %%}");
			return NULL;
		}
		ps->tok++;
		if (!end_of_tag(ps))
			return NULL;
		if (!include_path_ok(p->s)) {
			terr(ps->ts, &p->pos,
			     "\"%s\" is not allowed: an include names a .tmpl "
			     "file inside the templates folder, relative to "
			     "it, without \"..\" or a leading \"/\"",
			     p->s);
			return NULL;
		}
		for (int k = 0; k < ps->ts->incdepth; k++)
			if (strcmp(ps->ts->incstack[k], p->s) == 0) {
				terr(ps->ts, &p->pos,
				     "\"%s\" includes itself (through the "
				     "includes in between)",
				     p->s);
				return NULL;
			}
		if (ps->ts->incdepth >= MAX_DEPTH - 1) {
			terr(ps->ts, &p->pos, "includes nested too deeply");
			return NULL;
		}
		struct tfile *f = load_file(ps->ts, p->s, &p->pos);
		if (f == NULL)
			return NULL;
		o = new_op(ps, OP_SEQ, &t->pos);
		ps->ts->incstack[ps->ts->incdepth++] = p->s;
		o->body = parse_file_ops(ps->ts, f, ps);
		ps->ts->incdepth--;
		return ps->ts->stop ? NULL : o;
	}
	if (tok_is(t, T_ID, "component")) {
		o = parse_component(ps, t);
		return o != NULL && end_of_tag(ps) ? o : NULL;
	}
	if (tok_is(t, T_ID, "toc")) {
		o = new_op(ps, OP_TOC, &t->pos);
		o->depth = 2;
		if (accept(ps, T_ID, "depth")) {
			struct tok *n = cur(ps);
			if (!expect(ps, T_OP, "=", "\"=\" after depth"))
				return NULL;
			n = cur(ps);
			if (n->t != T_NUM || n->num < 1 || n->num > 6) {
				terr(ps->ts, &n->pos,
				     "depth is a number from "
				     "1 to 6");
				return NULL;
			}
			o->depth = (int)n->num;
			ps->tok++;
		}
		return end_of_tag(ps) ? o : NULL;
	}
	if (tok_is(t, T_ID, "block")) {
		static const char *const bends[] = {"endblock", NULL};
		struct tok *n = cur(ps), *end = NULL;
		const char *const *c = block_classes;
		if (n->t == T_ID)
			for (; *c; c++)
				if (tok_is(n, T_ID, *c))
					break;
		if (n->t != T_ID || *c == NULL) {
			struct names ns = {0};
			struct buf b;
			char *name =
			    n->t == T_ID ? xstrndup(n->s, n->len) : xstrdup("");
			for (c = block_classes; *c; c++)
				names_add(&ns, *c);
			buf_init(&b);
			suggest(&b, name, &ns);
			terr(ps->ts, &n->pos, "unknown block \"%s\"%s", name,
			     b.data);
			free(name);
			buf_free(&b);
			return NULL;
		}
		ps->tok++;
		if (!end_of_tag(ps))
			return NULL;
		o = new_op(ps, OP_BLOCK, &t->pos);
		o->text = *c;
		ps->item++;
		push_open(ps, "block", &t->pos);
		o->body = parse_seq(ps, bends, &end);
		ps->nopen--;
		if (ps->ts->stop)
			return NULL;
		if (end == NULL) {
			terr(ps->ts, &t->pos,
			     "this {%% block %%} is not "
			     "closed: add {%% endblock %%}");
			return NULL;
		}
		return end_of_tag(ps) ? o : NULL;
	}
	for (const char *const *e = tag_names; *e; e++)
		if (tok_is(t, T_ID, *e)) {
			if (ps->nopen > 0) {
				const char *ob = ps->open[ps->nopen - 1];
				terr(ps->ts, &t->pos,
				     "{%% %s %%} does not belong here: the "
				     "open block is the {%% %s %%} of line "
				     "%u, which ends with {%% end%s %%}",
				     *e, ob, ps->openpos[ps->nopen - 1].line,
				     ob);
			} else
				terr(ps->ts, &t->pos,
				     "{%% %s %%} without the block it belongs "
				     "to",
				     *e);
			return NULL;
		}
	bad_tag(ps, t);
	return NULL;
}

/* Operations up to one of the tags in `ends` (which is left as the
 * current item, its name consumed) or the end of the file (*endtok =
 * NULL). */
static struct op *
parse_seq(struct parser *ps, const char *const *ends, struct tok **endtok)
{
	struct op *head = NULL, **tail = &head;
	size_t save = ps->nvars;

	*endtok = NULL;
	if (++ps->depth > MAX_DEPTH) {
		size_t k = ps->item > 0 ? ps->item - 1 : 0;
		terr(ps->ts, &ps->f->items[k].pos,
		     "blocks are nested too deeply");
		ps->ts->stop = true;
		return NULL;
	}
	/*
	 * A placeholder with an error is left out and the parse goes on,
	 * so that one run reports every wrong placeholder; after a wrong
	 * statement the blocks' nesting is unknown, and it stops.
	 */
	while (ps->item < ps->f->nitems && !ps->ts->stop) {
		struct item *it = &ps->f->items[ps->item];
		struct op *o = NULL;
		bool is_end = false;
		unsigned errors = ps->ts->nerrors;

		switch (it->t) {
		case IT_TEXT:
			ps->item++;
			if (it->len == 0)
				continue;
			o = new_op(ps, OP_TEXT, &it->pos);
			o->text = it->s;
			o->len = it->len;
			break;
		case IT_EXPR:
			ps->tok = 0;
			o = new_op(ps, OP_PRINT, &it->pos);
			if ((o->e = parse_expr(ps)) == NULL ||
			    !expect(ps, T_CLOSE, "",
			            "\"}}\" to close the "
			            "placeholder")) {
				ps->item++;
				continue;
			}
			ps->item++;
			if (o->e->ty.t == VT_LIST || o->e->ty.t == VT_OBJ) {
				terr(ps->ts, &o->e->pos,
				     "%s cannot be printed; take one of its "
				     "fields or loop over it with for",
				     o->e->ty.t == VT_LIST
				         ? "a list"
				         : kind_names[o->e->ty.k]);
				continue;
			}
			break;
		case IT_STMT:
			o = parse_stmt(ps, ends, endtok, &is_end);
			if (is_end) {
				ps->depth--;
				ps->nvars = save;
				return head;
			}
			/* past the tag (or the last tag of its block) */
			ps->item++;
			if (o == NULL && ps->ts->nerrors == errors)
				continue; /* a comment */
			if (o == NULL)
				ps->ts->stop = true;
			break;
		}
		if (o == NULL)
			break;
		*tail = o;
		tail = &o->next;
	}
	ps->depth--;
	ps->nvars = save;
	return head;
}

static struct op *
parse_file_ops(struct tmpl_set *ts, struct tfile *f, struct parser *outer)
{
	struct parser *ps = xcalloc(1, sizeof(*ps));
	struct tok *end;
	struct op *body;

	ps->ts = ts;
	ps->f = f;
	if (outer != NULL) {
		/* An include sees the variables of the place it is
		 * included from. */
		memcpy(ps->vars, outer->vars,
		       outer->nvars * sizeof(ps->vars[0]));
		ps->nvars = outer->nvars;
		ps->depth = outer->depth;
	}
	body = parse_seq(ps, NULL, &end);
	free(ps);
	return body;
}

/* ------------------------------------------------------------------ */
/* Evaluation */

static void
plist_push(struct plist *l, const void *p)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = p;
}

static struct aext *
aext_of(const struct rctx *c, const struct aspect *a)
{
	uintptr_t i = (uintptr_t)strmap_get(&c->aidx, a->id);

	return i ? &c->aext[i - 1] : NULL;
}

/* Per-aspect lists, built once in one pass over the milestones and
 * indicators, so that `aspect.milestones` costs nothing per use.  The
 * counts are analysis.c's (aspect.count, model.totals). */
static void
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

static void
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

static bool
truth(const struct val *v)
{
	switch (v->t) {
	case VT_NONE:
		return false;
	case VT_BOOL:
		return v->u.b;
	case VT_NUM:
		return v->u.n != 0;
	case VT_STR:
	case VT_STATUS:
	case VT_MD:
		return v->u.s[0] != '\0';
	case VT_LIST:
		return v->u.list.n > 0;
	default:
		return true;
	}
}

/* -1, 0, 1; *ok false when the two cannot be ordered. */
static int
compare(const struct val *a, const struct val *b, bool *ok)
{
	*ok = true;
	if (a->t == VT_NONE || b->t == VT_NONE) {
		*ok = a->t == b->t;
		return a->t == b->t ? 0 : (a->t == VT_NONE ? -1 : 1);
	}
	if (a->t != b->t) {
		*ok = false;
		return 0;
	}
	switch (a->t) {
	case VT_BOOL:
		return (int)a->u.b - (int)b->u.b;
	case VT_NUM:
		return a->u.n < b->u.n ? -1 : a->u.n > b->u.n;
	case VT_STR:
	case VT_STATUS:
	case VT_MD: {
		int r = strcmp(a->u.s, b->u.s);
		return r < 0 ? -1 : r > 0;
	}
	case VT_DATE:
		return date_cmp(a->u.d, b->u.d);
	case VT_OBJ:
		return a->u.obj == b->u.obj ? 0
		                            : (a->u.obj < b->u.obj ? -1 : 1);
	default:
		*ok = false;
		return 0;
	}
}

static bool eval(struct rctx *, const struct expr *, struct val *);

static bool
eval_count(struct rctx *c, const struct expr *e, struct val *v)
{
	struct val list, cond;
	size_t n = 0;

	if (!eval(c, e->a, &list))
		return false;
	if (list.t == VT_LIST)
		for (size_t i = 0; i < list.u.list.n; i++) {
			v_obj(&c->slots[e->slot], list.k, list.u.list.items[i]);
			if (e->b != NULL) {
				if (!eval(c, e->b, &cond))
					return false;
				if (!truth(&cond))
					continue;
			}
			n++;
		}
	v_num(v, (double)n);
	return true;
}

static bool
eval(struct rctx *c, const struct expr *e, struct val *v)
{
	struct val a, b;
	bool ok;
	int r;

	memset(v, 0, sizeof(*v));
	switch (e->k) {
	case E_LIT:
		*v = e->lit;
		return true;
	case E_SLOT:
		*v = c->slots[e->slot];
		return true;
	case E_ROOT:
		e->field->get(c, NULL, v);
		return true;
	case E_FIELD:
		if (!eval(c, e->a, &a))
			return false;
		if (a.t != VT_OBJ) {
			v_none(v); /* a field of nothing is nothing */
			return true;
		}
		e->field->get(c, a.u.obj, v);
		v->prose = e->prose && v->t == VT_STR;
		return true;
	case E_DATEPART:
		if (!eval(c, e->a, &a))
			return false;
		if (a.t != VT_DATE)
			v_none(v);
		else
			v_num(v, e->part == 0   ? a.u.d.y
			         : e->part == 1 ? a.u.d.m
			                        : a.u.d.d);
		return true;
	case E_NOT:
		if (!eval(c, e->a, &a))
			return false;
		v_bool(v, !truth(&a));
		return true;
	case E_AND:
	case E_OR:
		if (!eval(c, e->a, &a))
			return false;
		if (truth(&a) == (e->k == E_OR)) {
			v_bool(v, e->k == E_OR);
			return true;
		}
		if (!eval(c, e->b, &b))
			return false;
		v_bool(v, truth(&b));
		return true;
	case E_CMP:
		if (!eval(c, e->a, &a) || !eval(c, e->b, &b))
			return false;
		r = compare(&a, &b, &ok);
		if (e->op[0] == '=')
			v_bool(v, ok && r == 0);
		else if (e->op[0] == '!')
			v_bool(v, !ok || r != 0);
		else if (!ok || a.t == VT_NONE || b.t == VT_NONE)
			v_bool(v, false);
		else if (e->op[0] == '<')
			v_bool(v, e->op[1] == '=' ? r <= 0 : r < 0);
		else
			v_bool(v, e->op[1] == '=' ? r >= 0 : r > 0);
		return true;
	case E_IN:
		if (!eval(c, e->a, &a))
			return false;
		for (size_t i = 0; i < e->nargs; i++) {
			if (!eval(c, e->args[i], &b))
				return false;
			if (compare(&a, &b, &ok) == 0 && ok) {
				v_bool(v, true);
				return true;
			}
		}
		v_bool(v, false);
		return true;
	case E_ARITH:
		if (!eval(c, e->a, &a) || !eval(c, e->b, &b))
			return false;
		if (a.t != VT_NUM || b.t != VT_NUM) {
			v_none(v);
			return true;
		}
		switch (e->op[0]) {
		case '+':
			v_num(v, a.u.n + b.u.n);
			break;
		case '-':
			v_num(v, a.u.n - b.u.n);
			break;
		case '*':
			v_num(v, a.u.n * b.u.n);
			break;
		default:
			if (b.u.n == 0)
				v_none(v);
			else
				v_num(v, a.u.n / b.u.n);
		}
		return true;
	case E_NEG:
		if (!eval(c, e->a, &a))
			return false;
		if (a.t == VT_NUM)
			v_num(v, -a.u.n);
		else
			v_none(v);
		return true;
	case E_FILTER: {
		struct val args[3];
		const struct filter *f = e->filter;
		if (!eval(c, e->a, v))
			return false;
		for (size_t i = 0; i < e->nargs; i++)
			if (!eval(c, e->args[i], &args[i]))
				return false;
		if (f->fn == f_default)
			return f_default(c, e, v, args);
		if (v->t == VT_NONE)
			return true; /* nothing stays nothing */
		if (!(f->in & B(v->t))) {
			diag_error(&e->pos, "the filter \"%s\" cannot take %s",
			           f->name, vt_names[v->t]);
			return false;
		}
		for (size_t i = 0; i < e->nargs; i++)
			if (f->argt[i] != VT_ANY && args[i].t != f->argt[i]) {
				diag_error(&e->args[i]->pos,
				           "argument %zu of \"%s\" must be "
				           "%s, not %s",
				           i + 1, f->name, vt_names[f->argt[i]],
				           vt_names[args[i].t]);
				return false;
			}
		return f->fn(c, e, v, args);
	}
	case E_COUNT:
		return eval_count(c, e, v);
	}
	return false;
}

/* Output */

static void
out_line(struct outctx *o, const struct src_pos *p)
{
	if (o->nlines == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 256;
		o->lines = xrealloc(o->lines, o->cap * sizeof(*o->lines));
	}
	o->lines[o->nlines++] = *p;
}

static bool
at_line_start(const struct outctx *o)
{
	return o->text.len == 0 || o->text.data[o->text.len - 1] == '\n';
}

/* Appends s; `literal`: s is template text starting at *pos, so the
 * place moves with it; otherwise every line of s comes from *pos. */
static void
out_put(struct outctx *o, const char *s, size_t n, const struct src_pos *pos,
        bool literal)
{
	struct src_pos p = *pos;

	while (n > 0) {
		const char *nl = memchr(s, '\n', n);
		size_t seg = nl ? (size_t)(nl - s) + 1 : n;
		if (at_line_start(o))
			out_line(o, &p);
		buf_append(&o->text, s, seg);
		if (literal)
			advance_pos(&p, s, seg);
		s += seg;
		n -= seg;
	}
}

static size_t
frag_push(struct rctx *c, struct pr_node *holder)
{
	if (c->frags.n == c->fcap) {
		c->fcap = c->fcap ? c->fcap * 2 : 64;
		c->frags.v =
		    xrealloc(c->frags.v, c->fcap * sizeof(*c->frags.v));
	}
	c->frags.v[c->frags.n] = holder;
	return c->frags.n++;
}

static void
out_inline_frag(struct rctx *c, struct pr_node *holder,
                const struct src_pos *pos)
{
	char m[48];
	size_t i = frag_push(c, holder);

	snprintf(m, sizeof(m), MK_INLINE "%zu" MK_END, i);
	out_put(c->out, m, strlen(m), pos, false);
}

static void
out_block_frag(struct rctx *c, struct pr_node *holder,
               const struct src_pos *pos)
{
	char m[48];
	struct outctx *o = c->out;
	size_t i = frag_push(c, holder);

	/* a paragraph of its own: a blank line before and after */
	if (!at_line_start(o)) {
		size_t k = o->text.len;
		while (k > 0 && o->text.data[k - 1] != '\n')
			k--;
		if (!is_blank(o->text.data + k, o->text.len - k)) {
			diag_error(pos, "this tag makes a block (a table, a "
			                "list or the contents) and must stand "
			                "on a line of its own");
			c->failed = true;
		}
	}
	if (o->text.len > 0 && !at_line_start(o))
		out_put(o, "\n", 1, pos, false);
	if (o->text.len > 1 && o->text.data[o->text.len - 2] != '\n')
		out_put(o, "\n", 1, pos, false);
	snprintf(m, sizeof(m), MK_BLOCK "%zu" MK_END "\n\n", i);
	out_put(o, m, strlen(m), pos, false);
}

static bool
out_value(struct rctx *c, const struct val *v, const struct src_pos *pos)
{
	struct outctx *o = c->out;

	buf_reset(&c->tmp);
	switch (v->t) {
	case VT_NONE:
		return true;
	case VT_BOOL:
		buf_puts(&c->tmp, locale_str(c->loc, v->u.b ? "bool.true"
		                                            : "bool.false"));
		break;
	case VT_NUM:
		/* Years and small counts read best without grouping
		 * ("2026", not "2.026"); | number groups always. */
		if (v->u.n == floor(v->u.n) && fabs(v->u.n) < 10000) {
			buf_printf(&c->tmp, "%s%.0f", v->u.n < 0 ? "−" : "",
			           fabs(v->u.n));
		} else
			locale_number(c->loc, v->u.n,
			              v->u.n == floor(v->u.n)             ? 0
			              : v->u.n * 10 == floor(v->u.n * 10) ? 1
			                                                  : 2,
			              &c->tmp);
		break;
	case VT_STR:
		buf_puts(&c->tmp, v->u.s);
		break;
	case VT_DATE:
		locale_date(c->loc, v->u.d, &c->tmp);
		break;
	case VT_MD:
		out_put(o, v->u.s, strlen(v->u.s), pos, false);
		return true;
	case VT_STATUS: {
		const char *g = key_group(v->u.s);
		char key[64];
		struct pr_node *holder = pr_node_new(c->doc, PR_PARA, pos);
		struct pr_node *st = pr_new_status(c->doc, pos, v->u.s);
		snprintf(key, sizeof(key), "%s.%s", g ? g : "status", v->u.s);
		pr_append_text(c->doc, st, pos, locale_str(c->loc, key));
		pr_node_append(holder, st);
		out_inline_frag(c, holder, pos);
		return true;
	}
	default:
		diag_error(pos, "this value cannot be printed");
		return false;
	}
	struct buf esc;
	buf_init(&esc);
	if (v->prose && c->text_lang != NULL && c->tmp.len > 0) {
		buf_putc(&esc, '[');
		markup_escape(&esc, c->tmp.data, true);
		buf_printf(&esc, "](lang:%s)", c->text_lang);
	} else
		markup_escape(&esc, c->tmp.data ? c->tmp.data : "",
		              at_line_start(o));
	out_put(o, esc.data ? esc.data : "", esc.len, pos, false);
	buf_free(&esc);
	return true;
}

static bool run_ops(struct rctx *, const struct op *);

/* Merge sort of item indexes by precomputed keys: stable, n log n
 * comparisons, no evaluation inside the comparison. */
struct sortctx {
	const struct val *keys; /* n * nkeys */
	const struct sortkey *sk;
	size_t nkeys;
};

static int
sort_cmp(const struct sortctx *s, size_t a, size_t b)
{
	for (size_t k = 0; k < s->nkeys; k++) {
		bool ok;
		int r = compare(&s->keys[a * s->nkeys + k],
		                &s->keys[b * s->nkeys + k], &ok);
		if (!ok) /* different kinds: nothing first */
			r = s->keys[a * s->nkeys + k].t == VT_NONE ? -1 : 1;
		if (r != 0)
			return s->sk[k].desc ? -r : r;
	}
	return 0;
}

/* Text sorts as a reader expects: without regard to case, with ä
 * beside a and ß as ss (DIN 5007-1), not by byte values that put Ä
 * after Z. */
static const char *
sort_key(struct rctx *c, const char *s)
{
	static const char *const fold[][2] = {
	    {"ä", "a"}, {"ö", "o"},  {"ü", "u"}, {"Ä", "a"}, {"Ö", "o"},
	    {"Ü", "u"}, {"ß", "ss"}, {"é", "e"}, {"è", "e"}, {"É", "e"}};
	size_t nf = sizeof(fold) / sizeof(fold[0]);

	buf_reset(&c->tmp);
	while (*s) {
		size_t k;
		for (k = 0; k < nf; k++) {
			size_t n = strlen(fold[k][0]);
			if (strncmp(s, fold[k][0], n) == 0) {
				buf_puts(&c->tmp, fold[k][1]);
				s += n;
				break;
			}
		}
		if (k < nf)
			continue;
		char ch = *s++;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		buf_putc(&c->tmp, ch);
	}
	return tmp_str(c);
}

static void
merge_sort(const struct sortctx *s, size_t *v, size_t *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t h = n / 2, i = 0, j = h, k = 0;
	merge_sort(s, v, tmp, h);
	merge_sort(s, v + h, tmp, n - h);
	while (i < h && j < n)
		tmp[k++] = sort_cmp(s, v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

static bool
run_for(struct rctx *c, const struct op *o)
{
	struct val list, cond;
	const void **items = NULL;
	size_t n = 0, i;
	size_t *idx = NULL, *tmp = NULL;
	struct val *keys = NULL;
	struct loopinfo li = {0, 0};
	bool ok = false;

	if (!eval(c, o->e, &list))
		return false;
	if (list.t != VT_LIST) {
		list.u.list.n = 0;
		list.k = o->e->ty.k;
	}
	items = xmalloc((list.u.list.n + 1) * sizeof(*items));
	for (i = 0; i < list.u.list.n; i++) {
		const void *it = list.u.list.items[i];
		if (o->where != NULL) {
			v_obj(&c->slots[o->slot], list.k, it);
			if (!eval(c, o->where, &cond))
				goto out;
			if (!truth(&cond))
				continue;
		}
		items[n++] = it;
	}
	if (o->nsort > 0 && n > 1) {
		struct sortctx s = {NULL, o->sort, o->nsort};
		keys = xcalloc(n * o->nsort, sizeof(*keys));
		idx = xmalloc(n * sizeof(*idx));
		tmp = xmalloc(n * sizeof(*tmp));
		for (i = 0; i < n; i++) {
			idx[i] = i;
			v_obj(&c->slots[o->slot], list.k, items[i]);
			for (size_t k = 0; k < o->nsort; k++) {
				struct val *kv = &keys[i * o->nsort + k];
				if (!eval(c, o->sort[k].e, kv))
					goto out;
				if (kv->t == VT_STR)
					kv->u.s = sort_key(c, kv->u.s);
			}
		}
		s.keys = keys;
		merge_sort(&s, idx, tmp, n);
		for (i = 0; i < n; i++)
			tmp[i] = (size_t)(uintptr_t)items[idx[i]];
		for (i = 0; i < n; i++)
			items[i] = (const void *)(uintptr_t)tmp[i];
	}
	if (o->limit != NULL) {
		struct val lim;
		if (!eval(c, o->limit, &lim))
			goto out;
		if (lim.t == VT_NUM && lim.u.n >= 0 && lim.u.n < (double)n)
			n = (size_t)lim.u.n;
	}
	li.length = n;
	v_obj(&c->slots[o->loopslot], K_LOOP, &li);
	for (i = 0; i < n; i++) {
		li.index = i;
		v_obj(&c->slots[o->slot], list.k, items[i]);
		if (!run_ops(c, o->body))
			goto out;
	}
	if (n == 0 && o->els != NULL && !run_ops(c, o->els))
		goto out;
	ok = true;
out:
	free(items);
	free(idx);
	free(tmp);
	free(keys);
	return ok;
}

static bool
run_component(struct rctx *c, const struct op *o)
{
	const struct component *comp = o->comp;
	struct comp_arg args[16];
	struct comp_ctx ctx = {c->doc, c->m, c->loc, &o->pos, c->text_lang};
	size_t k;

	memset(args, 0, sizeof(args));
	for (k = 0; comp->params[k].name && k < 16; k++) {
		struct val v;
		if (o->cargs[k] == NULL)
			continue;
		if (!eval(c, o->cargs[k], &v))
			return false;
		switch (v.t) {
		case VT_NONE:
			continue;
		case VT_LIST:
			args[k].items = v.u.list.items;
			args[k].n = v.u.list.n;
			break;
		case VT_OBJ:
			args[k].obj = v.u.obj;
			break;
		case VT_STR:
		case VT_MD:
			args[k].str = v.u.s;
			break;
		case VT_NUM:
			args[k].num = v.u.n;
			break;
		case VT_BOOL:
			args[k].b = v.u.b;
			break;
		default:
			break;
		}
		args[k].set = true;
	}
	struct pr_node *holder = pr_new_div(c->doc, &o->pos, "component");
	if (!comp->run(&ctx, args, holder)) {
		diag_error(&o->pos,
		           "the component \"%s\" could not be built "
		           "here",
		           comp->name);
		return false;
	}
	out_block_frag(c, holder, &o->pos);
	return true;
}

static bool
run_block(struct rctx *c, const struct op *o)
{
	struct outctx sub = {0}, *saved = c->out;
	struct markup_src src;
	bool ok;

	c->out = &sub;
	ok = run_ops(c, o->body);
	c->out = saved;
	if (ok) {
		struct pr_node *wrap = pr_new_div(c->doc, &o->pos, "block");
		struct pr_node *div = pr_new_div(c->doc, &o->pos, o->text);
		src.text = sub.text.data ? sub.text.data : "";
		src.len = sub.text.len;
		src.lines = sub.lines;
		src.nlines = sub.nlines;
		ok = markup_build(c->doc, div, &src, &c->frags);
		pr_node_append(wrap, div);
		if (ok)
			out_block_frag(c, wrap, &o->pos);
	}
	buf_free(&sub.text);
	free(sub.lines);
	return ok;
}

static bool
run_ops(struct rctx *c, const struct op *o)
{
	struct val v;

	for (; o != NULL; o = o->next) {
		switch (o->k) {
		case OP_TEXT:
			out_put(c->out, o->text, o->len, &o->pos, true);
			break;
		case OP_PRINT:
			if (!eval(c, o->e, &v) || !out_value(c, &v, &o->pos))
				return false;
			break;
		case OP_IF: {
			size_t i;
			for (i = 0; i < o->nconds; i++) {
				if (!eval(c, o->conds[i], &v))
					return false;
				if (truth(&v))
					break;
			}
			if (!run_ops(c, i < o->nconds ? o->bodies[i] : o->els))
				return false;
			break;
		}
		case OP_FOR:
			if (!run_for(c, o))
				return false;
			break;
		case OP_SET:
			if (!eval(c, o->e, &c->slots[o->slot]))
				return false;
			break;
		case OP_SEQ:
			if (!run_ops(c, o->body))
				return false;
			break;
		case OP_COMPONENT:
			if (!run_component(c, o))
				return false;
			break;
		case OP_TOC: {
			struct pr_node *holder =
			    pr_new_div(c->doc, &o->pos, "toc");
			struct pr_node *toc =
			    pr_node_new(c->doc, PR_TOC, &o->pos);
			toc->u.toc.depth = o->depth;
			pr_node_append(holder, toc);
			out_block_frag(c, holder, &o->pos);
			break;
		}
		case OP_BLOCK:
			if (!run_block(c, o))
				return false;
			break;
		}
		if (c->failed)
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------ */
/* The interface */

struct tmpl_set *
tmpl_load(const char *templates_dir, const char *lang)
{
	struct tmpl_set *ts = xcalloc(1, sizeof(*ts));
	struct buf b;
	int err;
	PCRE2_SIZE eoff;
	struct tfile *f;

	pool_init(&ts->pool);
	buf_init(&b);
	if (lang == NULL || lang[0] == '\0' || strchr(lang, '/') ||
	    strchr(lang, '.')) {
		diag_error(NULL,
		           "the report language \"%s\" is not a plain "
		           "language tag such as de or en",
		           lang ? lang : "");
		goto fail;
	}
	buf_printf(&b, "%s/%s", templates_dir, lang);
	ts->dir = buf_detach(&b);
	ts->realdir = realpath(ts->dir, NULL);
	if (ts->realdir == NULL) {
		diag_syserr(ts->dir,
		            "there are no templates for the language "
		            "\"%s\"",
		            lang);
		goto fail;
	}
	if ((ts->loc = locale_load(ts->dir)) == NULL)
		goto fail;
	ts->re_open =
	    pcre2_compile((PCRE2_SPTR) "\\{[{%#]", PCRE2_ZERO_TERMINATED, 0,
	                  &err, &eoff, NULL);
	ts->re_tok = pcre2_compile(
	    (PCRE2_SPTR) "\\s*+(?:(\"(?:[^\"\\\\\\n]|\\\\.)*+\")"
	                 "|(\\d+(?:\\.\\d+)?)(?![A-Za-z_])"
	                 "|([A-Za-z_][A-Za-z0-9_]*)"
	                 "|(%\\}|\\}\\}|==|!=|<=|>=|[<>()\\[\\],.|=+\\-*/]))",
	    PCRE2_ZERO_TERMINATED, 0, &err, &eoff, NULL);
	if (ts->re_open == NULL || ts->re_tok == NULL) {
		diag(DIAG_SYSTEM, NULL,
		     "the template lexer's patterns do not "
		     "compile (pcre2 error %d)",
		     err);
		goto fail;
	}
	ts->md = pcre2_match_data_create(8, NULL);
	f = load_file(ts, "report.tmpl", NULL);
	if (f == NULL)
		goto fail;
	ts->incstack[ts->incdepth++] = "report.tmpl";
	ts->body = parse_file_ops(ts, f, NULL);
	if (ts->failed)
		goto fail;
	return ts;
fail:
	buf_free(&b);
	tmpl_free(ts);
	return NULL;
}

void
tmpl_free(struct tmpl_set *ts)
{
	if (ts == NULL)
		return;
	free_files(ts);
	locale_free(ts->loc);
	pcre2_code_free(ts->re_open);
	pcre2_code_free(ts->re_tok);
	pcre2_match_data_free(ts->md);
	pool_free(&ts->pool);
	free(ts->dir);
	free(ts->realdir);
	free(ts);
}

/* The title the report shows (title page, running header, window
 * title): the settings' when the report is in the inputs' language,
 * else the locale's doc.title, since a title in another language would
 * head the whole report in the wrong one. */
static const char *
report_title(const struct settings *s, const struct locale *loc)
{
	if (s->title == NULL ||
	    (s->lang != NULL && strcmp(s->lang, locale_lang(loc)) != 0))
		return locale_str(loc, "doc.title");
	return s->title;
}

static void
set_metadata(struct pr_doc *doc, const struct model *m,
             const struct locale *loc)
{
	const struct settings *s = &m->settings;
	struct buf b;
	char year[16];

	buf_init(&b);
	snprintf(year, sizeof(year), "%d", s->year);
	buf_puts(&b, report_title(s, loc));
	if (strstr(b.data, year) == NULL)
		buf_printf(&b, " %s", year);
	if (s->draft) {
		/* Every title a reader sees (PDF Info and XMP, the HTML's
		 * <title>, the running header) says it is a draft. */
		buf_printf(&b, " (%s)", locale_str(loc, "draft.title"));
		doc->draft_mark = pr_strdup(doc, locale_str(loc, "draft.mark"));
		doc->draft_notice =
		    pr_strdup(doc, locale_str(loc, "draft.notice"));
	}
	doc->title = pr_strdup(doc, b.data);
	doc->lang = pr_strdup(doc, locale_lang(loc));
	doc->large_print = s->large_print;
	doc->author = s->organisation ? pr_strdup(doc, s->organisation) : NULL;
	if (s->lang != NULL && strcmp(s->lang, doc->lang) != 0)
		doc->author_lang = pr_strdup(doc, s->lang);
	buf_reset(&b);
	buf_puts(&b, locale_str(loc, "doc.subject"));
	if (s->committee)
		buf_printf(&b, " – %s", s->committee);
	doc->subject = pr_strdup(doc, b.data);
	doc->keywords = pr_strdup(doc, locale_str(loc, "doc.keywords"));
	doc->running_header = doc->title;
	doc->page_word = pr_strdup(doc, locale_str(loc, "page.word"));
	doc->of_word = pr_strdup(doc, locale_str(loc, "page.of"));
	doc->toc_title = pr_strdup(doc, locale_str(loc, "toc.title"));
	doc->skip_text = pr_strdup(doc, locale_str(loc, "html.skip_link"));
	doc->date_y = s->session_date.y;
	doc->date_m = s->session_date.m;
	doc->date_d = s->session_date.d;
	buf_free(&b);
}

struct pr_doc *
tmpl_render(const struct tmpl_set *ts, const struct model *m)
{
	struct rctx c;
	struct outctx out = {0};
	struct markup_src src;
	unsigned errors = diag_count(DIAG_ERROR);
	bool ok;

	memset(&c, 0, sizeof(c));
	c.ts = ts;
	c.m = m;
	c.loc = ts->loc;
	c.doc = pr_doc_new();
	pool_init(&c.pool);
	buf_init(&c.tmp);
	c.slots = xcalloc(ts->nslots + 1, sizeof(*c.slots));
	c.out = &out;
	if (m->settings.lang != NULL && m->settings.lang[0] != '\0' &&
	    strcmp(m->settings.lang, locale_lang(ts->loc)) != 0 &&
	    strspn(m->settings.lang, "abcdefghijklmnopqrstuvwxyz"
	                             "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") ==
	        strlen(m->settings.lang))
		c.text_lang = m->settings.lang;
	/* Set before the components run: pr_append_input() compares. */
	c.doc->lang = pr_strdup(c.doc, locale_lang(ts->loc));
	prepare(&c);
	ok = run_ops(&c, ts->body);
	if (ok) {
		src.text = out.text.data ? out.text.data : "";
		src.len = out.text.len;
		src.lines = out.lines;
		src.nlines = out.nlines;
		ok = markup_build(c.doc, c.doc->root, &src, &c.frags);
	}
	if (ok)
		ok = markup_mark_abbrs(c.doc, m->glossary, m->nglossary,
		                       m->settings.lang);
	if (ok)
		set_metadata(c.doc, m, ts->loc);
	unprepare(&c);
	free(c.frags.v);
	free(c.slots);
	free(out.lines);
	buf_free(&out.text);
	buf_free(&c.tmp);
	pool_free(&c.pool);
	if (!ok || diag_count(DIAG_ERROR) > errors) {
		pr_doc_free(c.doc);
		return NULL;
	}
	return c.doc;
}
