/*
 * model.h - the report's data: what the inputs say (inputs.c), enriched
 * with the previous year's snapshot (history.c) and with derived facts
 * about plan against actual (analysis.c).
 *
 * The model owns every string it points to; they live in `pool` and go
 * away with model_free().  Nothing in here knows about templates, the
 * document tree or any output format.
 */
#ifndef PR_MODEL_H
#define PR_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "util.h"

/* A calendar date; y == 0 means "absent". */
struct pr_date {
	int y, m, d;
};

enum ms_status {
	MS_PLANNED,
	MS_IN_PROGRESS,
	MS_DONE,
	MS_DELAYED,
	MS_AT_RISK,
	MS_CANCELLED,
	MS_STATUS__MAX
};

/* Plan against actual for one milestone (analysis.c). */
enum ms_schedule {
	SCHED_ON_TIME,   /* forecast or completion not after the plan */
	SCHED_POSTPONED, /* forecast or completion after the planned date */
	SCHED_OVERDUE, /* due before the cut-off and neither done nor cancelled
	                */
	SCHED__MAX
};

/* Plan against actual at the cut-off, one category per milestone, the
 * first that applies (analysis.c, docs/facts.md). */
enum ms_plan {
	PLAN_CANCELLED,
	PLAN_DONE_ON_TIME,
	PLAN_DONE_LATE,
	PLAN_OVERDUE,
	PLAN_OPEN_POSTPONED,
	PLAN_OPEN_ON_SCHEDULE,
	PLAN__MAX
};

/* An indicator's course (docs/facts.md). */
enum ind_course { COURSE_ON, COURSE_OFF, COURSE_NO_DATA, COURSE__MAX };

/* Whether an indicator's target is reachable on its current trend. */
enum ind_trend {
	TREND_NONE,        /* no value after the baseline year yet */
	TREND_REACHED,     /* the target is reached already */
	TREND_REACHABLE,   /* the projection meets the target */
	TREND_UNREACHABLE, /* the projection misses it */
	TREND__MAX
};

/* Counts over a set of milestones and indicators (analysis.c): an
 * aspect with its children, or the whole report. */
struct fact_counts {
	unsigned milestones;
	unsigned by_status[MS_STATUS__MAX];
	unsigned by_schedule[SCHED__MAX];
	unsigned by_plan[PLAN__MAX];
	unsigned completed_since, newly_critical, newly_delayed;
	unsigned newly_at_risk, recovered, newly_postponed, brought_forward;
	unsigned newly_cancelled, added;
	unsigned removed; /* the whole report only: prev.nremoved */
	/* The lists the report gives (docs/facts.md, "Lists"). */
	unsigned done_in_year, open_risks, needs_explanation, due_next_year;
	int max_postponed_months; /* of the postponed ones */
	unsigned indicators, by_course[COURSE__MAX], by_trend[TREND__MAX];
	unsigned with_current;  /* indicators with a value for the year */
	unsigned baseline_only; /* whose latest value is the baseline's */
};

struct glossary_entry {
	const char *term;      /* "OZG" */
	const char *expansion; /* "Onlinezugangsgesetz" */
	const char *lang;      /* language of the expansion, NULL: report's */
	struct src_pos pos;
};

struct source_entry {
	const char *id;
	const char *title;
	const char *url; /* NULL if none */
	struct src_pos pos;
};

/* An organisational unit (docs/inputs.md, "units"): what responsible
 * and involved name by id. */
struct org_unit {
	const char *id;
	const char *name;
	const char *short_name; /* may be NULL */
	/* Whom the December list and the forms name; each may be NULL. */
	const char *contact_name, *contact_email, *contact_phone;
	struct src_pos pos;
};

/* A cross-cutting topic (Green IT...) milestones and indicators carry. */
struct topic {
	const char *id;
	const char *name;
	struct src_pos pos;
};

/* Ids written in a list (involved: [...], topics: [...]), each at its
 * place; refs[] are the units or topics inputs_check.c found for them,
 * NULL for an unknown one. */
struct idlist {
	const char **ids;
	struct src_pos *pos;
	const void **refs;
	size_t n;
};

struct settings {
	const char *organisation;
	const char *title;
	const char *subtitle; /* may be NULL */
	const char *committee;
	struct pr_date session_date;
	int year;                 /* reporting year */
	struct pr_date cutoff;    /* data cut-off date */
	const char *lang;         /* "de", "en" */
	struct src_pos lang_pos;  /* of the value, for "no such templates" */
	const char *contact_name; /* accessibility feedback */
	const char *contact_email;
	const char *contact_phone;      /* may be NULL */
	const char *contact_url;        /* may be NULL */
	const char *output_basename;    /* "progress-report-%Y" expanded */
	int horizon_start, horizon_end; /* strategy horizon, e.g. 2026..2030 */
	bool sample;               /* sample data: say so on the title page */
	const char *sample_notice; /* may be NULL: the templates' default */
	/* publication: absolute http(s) URLs, each may be NULL. */
	const char *files_url; /* base of the published files */
	const char *oparl_url; /* base of their OParl objects */
	const char *license;
	/* accessibility_statement: each may be NULL (date: y == 0). */
	const char *conformance; /* "full", "partial", "none" */
	struct pr_date assessed;
	const char *assessment_method, *limitations;
	const char *enforcement_name, *enforcement_url;
	/* The strategy's adoption and this report's council paper; each
	 * may be NULL (date: y == 0). */
	struct pr_date adopted;
	const char *adoption_paper;
	const char *council_paper;
	bool draft; /* build --draft: marked, written under its own name */
	bool easy;  /* build --easy: the report in easy language */
	bool large_print;   /* build --large-print: larger type, own name */
	struct src_pos pos; /* the settings file */
};

/* A resolution point ("01") or one of its aspects ("02a"). */
struct aspect {
	const char *id;
	const char *title;
	const char *short_title; /* may be NULL */
	const char *description;
	const char *unit; /* responsible unit: its id, or free text
	                   * when the inputs declare no units */
	const struct org_unit *unit_ref; /* the declared unit, or NULL */
	struct src_pos unit_pos;         /* of the value (line 0: none) */
	struct idlist involved;          /* of units */
	struct aspect *parent;           /* NULL for a resolution point */
	struct aspect **children;
	size_t nchildren;
	const char *narrative;  /* longer text for the report, may be NULL */
	const char *easy_title; /* in easy language (build --easy), or NULL */
	struct src_pos pos;
	/* Derived (analysis.c): counts of this aspect with its children,
	 * and by status of the milestones filed under it alone. */
	struct fact_counts count;
	unsigned own_by_status[MS_STATUS__MAX];
	/* A resolution point's state in one word, from its milestones
	 * (docs/facts.md, "At a glance"). */
	enum ms_status overall;
};

/* A milestone as stored in last year's snapshot (history.c). */
struct ms_prev {
	enum ms_status status;
	struct pr_date planned, forecast, completed;
	int progress;
};

struct milestone {
	const char *id;
	const char *aspect_id;
	struct aspect *aspect; /* resolved by inputs.c */
	const char *title;
	const char *description;
	const char *unit; /* as struct aspect's */
	const struct org_unit *unit_ref;
	struct src_pos unit_pos;
	struct idlist involved, topics;
	struct pr_date planned;   /* baseline from the adopted strategy */
	struct pr_date forecast;  /* current forecast, may be absent */
	struct pr_date completed; /* completion date, may be absent */
	enum ms_status status;
	int progress; /* percent, 0..100 */
	/* Why it deviates and what is done about it; each may be NULL.
	 * explanation is the older single text holding both. */
	const char *cause, *countermeasure, *explanation;
	struct src_pos cause_pos, countermeasure_pos, explanation_pos;
	/* In easy language for build --easy; each may be NULL. */
	const char *easy_title, *easy_explanation;
	bool highlight;         /* the inputs put it first at a glance */
	struct pr_date updated; /* date of last update */
	struct src_pos pos;     /* the milestone's mapping */
	struct src_pos aspect_pos, status_pos;
	/* Where further values were written (line 0 if absent). */
	struct src_pos progress_pos, forecast_pos, completed_pos;

	/* Derived (analysis.c). */
	enum ms_schedule schedule;
	enum ms_plan plan;
	int postponed_months; /* due date against plan, in whole months */
	struct pr_date due;   /* completion, else forecast, else planned */

	/* From the previous year's snapshot (history.c); prev == NULL
	 * when the milestone is new or there is no previous snapshot. */
	const struct ms_prev *prev;
	bool completed_since; /* done now, not done before */
	bool newly_critical;  /* delayed or at risk now, not before */
	bool newly_delayed, newly_at_risk; /* the two parts of it */
	bool recovered;       /* delayed or at risk before, now neither (nor
	                       * cancelled) */
	bool brought_forward; /* open, due date earlier than last year's */
	bool newly_postponed; /* due date later than last year's */
	bool newly_cancelled;
	int moved_months; /* due date against last year's, months */
	/* Derived from the above (analysis.c). */
	bool new_since; /* not in the previous snapshot */
	/* Which of the report's lists it belongs in (docs/facts.md). */
	bool done_in_year;       /* done, completed in the reporting year */
	bool open_risk;          /* delayed, at risk, or open and overdue */
	bool needs_explanation;  /* a deviation the report explains */
	bool due_next_year;      /* open, due in the year after */
	struct pr_date prev_due; /* last year's due date; absent if !prev */
	/* Its place among the year's three key results and the three
	 * biggest risks, 1..3, or 0 (docs/facts.md, "At a glance"). */
	int result_rank, risk_rank;
};

struct year_value {
	int year;
	double value;
	struct src_pos pos;
};

struct indicator {
	const char *id;
	const char *aspect_id;
	struct aspect *aspect;
	const char *title;
	const char *unit; /* "Dienste", "%" */
	int direction;    /* +1 higher is better, -1 lower is better */
	int decimals;
	int baseline_year;
	double baseline;
	int target_year;
	double target;
	struct year_value *values; /* ascending by year; gaps allowed */
	size_t nvalues;
	const char *source_id;   /* may be NULL */
	const char *source;      /* free text, may be NULL */
	const char *note;        /* may be NULL */
	const char *responsible; /* responsible unit; the aspect's if not
	                          * given (inputs.c fills it in) */
	const struct org_unit *responsible_ref;
	struct src_pos responsible_pos;
	struct idlist involved, topics;
	struct src_pos pos;
	struct src_pos aspect_pos;
	/* Where further values were written (line 0 if absent). */
	struct src_pos baseline_pos, target_pos, source_id_pos;

	/* Derived (analysis.c), defined in docs/facts.md. */
	bool has_current; /* a value for the reporting year */
	double current;
	int latest_year; /* latest year with a value (the baseline counts),
	                  * 0 if none */
	double latest;
	bool baseline_only; /* latest_year is the baseline year */
	double expected;    /* on the linear path, at latest_year */
	double progress;    /* share of the way from baseline to target */
	enum ind_course course;
	bool on_course;
	bool target_reached;
	/* The value before the latest one, from the inputs' series. */
	bool has_change;
	int earlier_year;
	double earlier;
	double change;        /* latest - earlier */
	bool has_change_pct;  /* false when earlier is 0 */
	double change_pct;    /* change / |earlier| * 100 */
	enum ind_trend trend; /* the target on the current trend */
	bool has_projection;  /* latest_year after the baseline year */
	double projection;    /* the trend's value at the target year */
	double trend_rate;    /* the trend's change per year */
	bool has_required;    /* latest_year before the target year */
	double required_rate; /* yearly change still needed */

	/* From the previous snapshot (history.c). */
	bool has_prev;
	double prev;    /* previous reporting year's value */
	bool new_since; /* not in the previous snapshot */
};

/* What the history knows about the year before the reporting year. */
struct prev_snapshot {
	bool present;
	int year;
	/* Milestones of the previous snapshot missing from the inputs. */
	const char **removed_ids;
	const char **removed_titles;
	size_t nremoved;
};

struct model {
	struct pool pool;
	struct settings settings;
	struct aspect **aspects; /* every point and aspect, in input order */
	size_t naspects;
	struct milestone **milestones; /* in input order */
	size_t nmilestones;
	struct indicator **indicators;
	size_t nindicators;
	struct glossary_entry *glossary;
	size_t nglossary;
	struct source_entry *sources;
	size_t nsources;
	struct org_unit **units; /* declared units, in input order */
	size_t nunits;
	struct topic **topics;
	size_t ntopics;
	struct prev_snapshot prev;
	struct fact_counts totals; /* over the whole report (analysis.c) */
	/* Input files read, for the log and the data-sources appendix. */
	const char **files;
	size_t nfiles;
	/* Lookup by id; filled by model_index(). */
	struct strmap aspect_ids, milestone_ids, indicator_ids;
	struct strmap unit_ids, topic_ids;
};

void model_init(struct model *);
void model_free(struct model *);
/* (Re)builds the id maps; the first of duplicate ids wins. */
void model_index(struct model *);

struct aspect *model_find_aspect(const struct model *, const char *id);
struct milestone *model_find_milestone(const struct model *, const char *id);
struct indicator *model_find_indicator(const struct model *, const char *id);
struct org_unit *model_find_unit(const struct model *, const char *id);
struct topic *model_find_topic(const struct model *, const char *id);
/* The name to show for a responsible unit: the declared unit's name,
 * else the text as written (NULL stays NULL). */
const char *unit_display(const struct org_unit *, const char *text);

/* Stable English keys used in inputs, the history and templates. */
const char *ms_status_key(enum ms_status); /* "in_progress" */
bool ms_status_from_key(const char *, enum ms_status *);
const char *ms_schedule_key(enum ms_schedule); /* "postponed" */
const char *ms_plan_key(enum ms_plan);         /* "done_late" */
/* An indicator's course as analysis.c decided it: "on_course",
 * "off_course", "no_data". */
const char *indicator_course_key(const struct indicator *);
const char *indicator_trend_key(enum ind_trend); /* "unreachable" */

/* Dates. */
bool date_valid(int y, int m, int d);
int date_cmp(struct pr_date, struct pr_date); /* absent sorts first */
/* Whole months from a to b (b later: positive), by calendar month. */
int date_months_between(struct pr_date a, struct pr_date b);

#endif
