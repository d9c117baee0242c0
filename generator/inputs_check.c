/*
 * inputs_check.c - the checks that need all input files at once
 * (references between files, plan against status, the reporting year),
 * and the December list of what each responsible unit still owes.
 *
 * Each check looks at one milestone or indicator and finds what it
 * refers to through the model's hash maps, so the whole pass is linear
 * in the size of the inputs.  docs/inputs.md lists every check with its
 * level; keep the two in step.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "i18n.h"
#include "inputs.h"
#include "inputs_priv.h"

static const char *
fmt_date(struct pr_date d, char buf[static 16])
{
	snprintf(buf, 16, "%04u-%02u-%02u", (unsigned)d.y % 10000u,
	         (unsigned)d.m % 100u, (unsigned)d.d % 100u);
	return buf;
}

/* The date a milestone is now due (analysis.c's rule). */
static struct pr_date
due_date(const struct milestone *ms)
{
	return analysis_due(ms->completed, ms->forecast, ms->planned);
}

/* What a milestone that must explain itself lacks: both parts, or one
 * of cause and countermeasure.  The old single explanation counts as
 * both.  A milestone finished late needs only its cause: nothing is
 * left to counter. */
enum lacking { LACKS_NOTHING, LACKS_MEASURE, LACKS_CAUSE, LACKS_BOTH };

/* The words for what is owed, in the December list. */
static const char *const lacking_words[] = {NULL, N_("a countermeasure"),
                                            N_("a cause"),
                                            N_("a cause and a countermeasure")};

static enum lacking
reasons_lacking(const struct milestone *ms)
{
	bool cause = has_text(ms->cause);
	bool measure = has_text(ms->countermeasure);
	bool done = ms->status_pos.line != 0 && ms->status == MS_DONE;

	if (has_text(ms->explanation) || (cause && (measure || done)))
		return LACKS_NOTHING;
	if (cause)
		return LACKS_MEASURE;
	if (measure || done)
		return LACKS_CAUSE;
	return LACKS_BOTH;
}

/* Why a milestone needs cause and countermeasure it does not have;
 * NULL if it has them or needs none.  `where` gets the place to point
 * at. */
static const char *
owed_explanation(const struct milestone *ms, const struct src_pos **where,
                 struct buf *why)
{
	struct pr_date due = due_date(ms);
	char a[16], b[16];

	if (reasons_lacking(ms) == LACKS_NOTHING)
		return NULL;
	buf_reset(why);
	if (ms->status_pos.line != 0 &&
	    (ms->status == MS_DELAYED || ms->status == MS_AT_RISK ||
	     ms->status == MS_CANCELLED)) {
		buf_printf(why, _("the status is %s"),
		           ms_status_key(ms->status));
		*where = &ms->status_pos;
		return why->data;
	}
	if (ms->planned.y && due.y && date_cmp(due, ms->planned) > 0) {
		bool done = ms->completed.y != 0;

		buf_printf(why,
		           done ? _("the completion date %s lies after the "
		                    "planned date %s")
		                : _("the forecast date %s lies after the "
		                    "planned date %s"),
		           fmt_date(due, a), fmt_date(ms->planned, b));
		*where = done ? &ms->completed_pos : &ms->forecast_pos;
		if ((*where)->line == 0)
			*where = &ms->pos;
		return why->data;
	}
	return NULL;
}

/* A reference to an id that is not defined, with a likely meant one. */
static void
unknown_ref(const struct src_pos *pos, const char *kind, const char *id,
            const char *suggestion, const char *where)
{
	if (suggestion != NULL)
		diag_error(
		    pos,
		    "unknown %s \"%s\"; did you mean \"%s\"? the %ss are "
		    "defined under %s",
		    _(kind), id, suggestion, _(kind), where);
	else
		diag_error(pos,
		           "unknown %s \"%s\"; the %ss are defined under %s",
		           _(kind), id, _(kind), where);
}

/* The ids of the declared units or topics, for "did you mean". */
struct known {
	const char **ids;
	size_t n;
	const char *kind, *where; /* "unit", "units" */
};

/* The unit or topic `id` names (written at pos, as a value of key), or
 * NULL after reporting it unknown. */
static const void *
lookup(struct loader *ld, const struct known *k, const char *id,
       const struct src_pos *pos, const char *key)
{
	const struct model *m = ld->m;
	const void *found = k->kind[0] == 'u'
	                        ? (const void *)model_find_unit(m, id)
	                        : (const void *)model_find_topic(m, id);
	struct buf b;

	if (found != NULL)
		return found;
	buf_init(&b);
	/* Inputs written before the units list name a unit by its name. */
	for (size_t i = 0; k->kind[0] == 'u' && i < m->nunits; i++)
		if (strcmp(m->units[i]->name, id) == 0) {
			diag_error(pos,
			           "\"%s\" in \"%s\" is the name of the unit "
			           "\"%s\"; write its id instead",
			           id, key, m->units[i]->id);
			buf_free(&b);
			return NULL;
		}
	if (k->n == 0) {
		/* Whole sentences, one per kind, for the translation. */
		if (k->kind[0] == 'u')
			diag_error(
			    pos,
			    "unknown unit \"%s\" in \"%s\"; the inputs "
			    "declare no units: list them under \"units\" "
			    "(see docs/inputs.md)",
			    id, key);
		else
			diag_error(
			    pos,
			    "unknown topic \"%s\" in \"%s\"; the inputs "
			    "declare no topics: list them under \"topics\" "
			    "(see docs/inputs.md)",
			    id, key);
		buf_free(&b);
		return NULL;
	}
	if (budget(ld))
		did_you_mean(&b, id, k->ids, k->n);
	if (k->kind[0] == 'u')
		diag_error(pos, "unknown unit \"%s\" in \"%s\"%s", id, key,
		           b.data);
	else
		diag_error(pos, "unknown topic \"%s\" in \"%s\"%s", id, key,
		           b.data);
	buf_free(&b);
	return NULL;
}

static void
resolve_list(struct loader *ld, const struct known *k, struct idlist *l,
             const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		l->refs[i] = lookup(ld, k, l->ids[i], &l->pos[i], key);
}

/* A responsible unit as written: an id of a declared unit, or, when
 * the inputs declare none, free text (as before units existed), said
 * once per run so that such inputs keep working. */
static const struct org_unit *
resolve_unit(struct loader *ld, const struct known *k, const char *unit,
             const struct src_pos *pos, bool *told)
{
	if (unit == NULL || pos->line == 0)
		return NULL;
	if (k->n == 0) {
		if (!*told)
			diag_warning(
			    pos,
			    "\"responsible\" is free text (\"%s\") because "
			    "the inputs declare no units; declare them under "
			    "\"units\" (id, name, short_name, contact) and "
			    "name them by id here, so that the December list "
			    "and the forms group by unit reliably (see "
			    "docs/inputs.md)",
			    unit);
		*told = true;
		return NULL;
	}
	return lookup(ld, k, unit, pos, "responsible");
}

static void
check_units(struct loader *ld)
{
	struct model *m = ld->m;
	struct known ku = {NULL, m->nunits, "unit", "units"};
	struct known kt = {NULL, m->ntopics, "topic", "topics"};
	bool told = false;
	size_t i;

	ku.ids = xcalloc(m->nunits + 1, sizeof(*ku.ids));
	for (i = 0; i < m->nunits; i++)
		ku.ids[i] = m->units[i]->id;
	kt.ids = xcalloc(m->ntopics + 1, sizeof(*kt.ids));
	for (i = 0; i < m->ntopics; i++)
		kt.ids[i] = m->topics[i]->id;
	/* In input order, so a point's unit is known before its aspects
	 * inherit it. */
	for (i = 0; i < m->naspects; i++) {
		struct aspect *a = m->aspects[i];

		if (a->parent != NULL && a->unit == a->parent->unit)
			a->unit_ref = a->parent->unit_ref;
		else
			a->unit_ref =
			    resolve_unit(ld, &ku, a->unit, &a->unit_pos, &told);
		resolve_list(ld, &ku, &a->involved, "involved");
	}
	for (i = 0; i < m->nmilestones; i++) {
		struct milestone *ms = m->milestones[i];

		ms->unit_ref =
		    resolve_unit(ld, &ku, ms->unit, &ms->unit_pos, &told);
		resolve_list(ld, &ku, &ms->involved, "involved");
		resolve_list(ld, &kt, &ms->topics, "topics");
	}
	for (i = 0; i < m->nindicators; i++) {
		struct indicator *ind = m->indicators[i];

		ind->responsible_ref = resolve_unit(
		    ld, &ku, ind->responsible, &ind->responsible_pos, &told);
		resolve_list(ld, &ku, &ind->involved, "involved");
		resolve_list(ld, &kt, &ind->topics, "topics");
	}
	free(ku.ids);
	free(kt.ids);
}

static void
check_refs(struct loader *ld)
{
	struct model *m = ld->m;
	const char **srcids;
	const char *s;
	size_t i;

	check_units(ld);
	for (i = 0; i < m->nmilestones; i++) {
		struct milestone *ms = m->milestones[i];

		if (ms->aspect_id == NULL)
			continue;
		ms->aspect = model_find_aspect(m, ms->aspect_id);
		if (ms->aspect == NULL) {
			s = budget(ld) ? suggest_aspect(m, ms->aspect_id)
			               : NULL;
			unknown_ref(&ms->aspect_pos, "aspect", ms->aspect_id, s,
			            "structure");
			continue;
		}
		if (ms->unit == NULL) {
			ms->unit = ms->aspect->unit;
			ms->unit_ref = ms->aspect->unit_ref;
		}
	}
	for (i = 0; i < m->nindicators; i++) {
		struct indicator *ind = m->indicators[i];

		if (ind->aspect_id == NULL)
			continue;
		ind->aspect = model_find_aspect(m, ind->aspect_id);
		if (ind->aspect == NULL) {
			s = budget(ld) ? suggest_aspect(m, ind->aspect_id)
			               : NULL;
			unknown_ref(&ind->aspect_pos, "aspect", ind->aspect_id,
			            s, "structure");
			continue;
		}
		if (ind->responsible == NULL) {
			ind->responsible = ind->aspect->unit;
			ind->responsible_ref = ind->aspect->unit_ref;
		}
	}
	srcids = xcalloc(m->nsources + 1, sizeof(*srcids));
	for (i = 0; i < m->nsources; i++)
		srcids[i] = m->sources[i].id;
	for (i = 0; i < m->nindicators; i++) {
		struct indicator *ind = m->indicators[i];

		if (ind->source_id == NULL ||
		    strmap_get(&ld->sources, ind->source_id) != NULL)
			continue;
		s = budget(ld) ? suggest(ind->source_id, srcids, m->nsources)
		               : NULL;
		unknown_ref(&ind->source_id_pos, "source", ind->source_id, s,
		            "sources");
		ind->source_id = NULL;
	}
	free(srcids);
}

static void
check_milestone(struct loader *ld, struct milestone *ms, struct buf *why)
{
	const struct settings *st = &ld->m->settings;
	bool known = ms->status_pos.line != 0;
	const struct src_pos *where = &ms->pos;
	struct pr_date due = due_date(ms);
	const char *w;
	char a[16], b[16];

	if (ms->aspect != NULL && ms->unit == NULL)
		diag_error(&ms->pos,
		           "the milestone \"%s\" has no responsible unit: "
		           "give \"responsible\" here or on its aspect",
		           ms->id);
	if (ms->completed.y && known && ms->status != MS_DONE)
		diag_error(&ms->completed_pos,
		           "a completion date is given but the status is %s; "
		           "set the status to done or remove the date",
		           ms_status_key(ms->status));
	if (ms->completed.y && !ld->year_guessed &&
	    date_cmp(ms->completed, st->cutoff) > 0)
		diag_error(&ms->completed_pos,
		           "the completion date %s lies after the data cut-off "
		           "%s",
		           fmt_date(ms->completed, a), fmt_date(st->cutoff, b));
	if (known && ms->status == MS_DONE) {
		if (ms->progress_pos.line != 0 && ms->progress < 100)
			diag_error(&ms->progress_pos,
			           "the status is done but the progress is "
			           "%d%%; a finished milestone has progress "
			           "100",
			           ms->progress);
		if (!ms->completed.y)
			diag_warning(&ms->status_pos,
			             "the status is done but no completion "
			             "date is given (completed: YYYY-MM-DD)");
	} else if (known && ms->status != MS_CANCELLED && ms->progress == 100)
		diag_warning(&ms->progress_pos,
		             "the progress is 100%% but the status is %s; set "
		             "the status to done or give the real progress",
		             ms_status_key(ms->status));
	/* One whole sentence each, so that a translation of the messages
	 * gets each as one. */
	if ((w = owed_explanation(ms, &where, why)) != NULL) {
		enum lacking r = reasons_lacking(ms);

		if (r == LACKS_MEASURE)
			diag_error(
			    where,
			    "%s, so a countermeasure is required too: the "
			    "cause is given, but not what is done about "
			    "it",
			    w);
		else if (r == LACKS_CAUSE && (ms->countermeasure == NULL ||
		                              ms->countermeasure[0] == '\0'))
			diag_error(where,
			           "%s, so a cause is required: why it "
			           "was finished late",
			           w);
		else if (r == LACKS_CAUSE)
			diag_error(where,
			           "%s, so a cause is required too: the "
			           "countermeasure is given, but not why the "
			           "milestone deviates",
			           w);
		else
			diag_error(where,
			           "%s, so a cause (why it deviates) and a "
			           "countermeasure (what is done about it) are "
			           "required",
			           w);
	}
	if (known && !ld->year_guessed && ms->status != MS_DONE &&
	    ms->status != MS_CANCELLED && !ms->completed.y && due.y &&
	    date_cmp(due, st->cutoff) < 0)
		diag_warning(ms->forecast.y ? &ms->forecast_pos : &ms->pos,
		             "the milestone \"%s\" is overdue: it was due on "
		             "%s, before the data cut-off %s, and is not done; "
		             "update its status or forecast",
		             ms->id, fmt_date(due, a), fmt_date(st->cutoff, b));
}

static void
check_indicator(struct loader *ld, struct indicator *ind)
{
	int year = ld->m->settings.year;
	bool base = ind->baseline_pos.line != 0;
	bool target = ind->target_pos.line != 0;
	size_t i;

	for (i = 0; i < ind->nvalues && !ld->year_guessed; i++)
		if (ind->values[i].year > year)
			diag_error(
			    &ind->values[i].pos,
			    "a value for %d, after the reporting year "
			    "%d; values for the future are not known yet",
			    ind->values[i].year, year);
	if (!base || !target)
		return;
	if (ind->target_year <= ind->baseline_year)
		diag_error(&ind->target_pos,
		           "the target year %d is not after the baseline "
		           "year %d",
		           ind->target_year, ind->baseline_year);
	if (ind->direction > 0 && ind->target < ind->baseline)
		diag_error(&ind->target_pos,
		           "the target %g is below the baseline %g, but the "
		           "direction is higher (higher is better)",
		           ind->target, ind->baseline);
	else if (ind->direction < 0 && ind->target > ind->baseline)
		diag_error(&ind->target_pos,
		           "the target %g is above the baseline %g, but the "
		           "direction is lower (lower is better)",
		           ind->target, ind->baseline);
}

void
inputs_check(struct loader *ld)
{
	struct model *m = ld->m;
	struct buf why;
	size_t i;

	check_refs(ld);
	buf_init(&why);
	for (i = 0; i < m->nmilestones; i++)
		check_milestone(ld, m->milestones[i], &why);
	buf_free(&why);
	for (i = 0; i < m->nindicators; i++)
		check_indicator(ld, m->indicators[i]);
}

/* Whether two input values differ, as the decimals they were written
 * as (at most 6 places). */
static bool
values_differ(double a, double b)
{
	return llround(a * 1e6) != llround(b * 1e6);
}

void
inputs_warn_statement(const struct model *m)
{
	if (m->settings.conformance == NULL && m->settings.pos.file != NULL)
		diag_warning(
		    &m->settings.pos,
		    "the settings have no accessibility_statement "
		    "block, so the report's accessibility statement "
		    "lacks what BITV 2.0 § 7 asks for: the conformance "
		    "status, the date of the assessment and the "
		    "enforcement procedure (see docs/inputs.md)");
}

void
inputs_warn_values(const struct model *m)
{

	int year = m->settings.year;

	for (size_t i = 0; i < m->nindicators; i++) {
		const struct indicator *ind = m->indicators[i];

		if (!ind->has_current && ind->latest_year != 0)
			diag_warning(
			    &ind->pos,
			    "the indicator \"%s\" has no value for the "
			    "reporting year %d; the report shows the "
			    "value of %d",
			    ind->id, year, ind->latest_year);
		else if (!ind->has_current)
			diag_warning(
			    &ind->pos,
			    "the indicator \"%s\" has no value for the "
			    "reporting year %d, and none before it",
			    ind->id, year);
		for (size_t k = 0; k < ind->nvalues; k++) {
			const struct year_value *v = &ind->values[k];

			if (v->year != ind->baseline_year ||
			    !values_differ(v->value, ind->baseline))
				continue;
			diag_warning(&ind->pos,
			             "the value %g for %d, the baseline year, "
			             "given at %s:%u:%u, differs from the "
			             "baseline %g; the report uses the value",
			             v->value, v->year,
			             v->pos.file ? v->pos.file : "?",
			             v->pos.line, v->pos.col, ind->baseline);
		}
	}
}

/* The easy-language report names the resolution points and the
 * milestones of its lists (docs/facts.md) in the words staff wrote for
 * it; without them it falls back to the normal wording, which breaks its
 * rules, so the build says where an easy text is missing. */
void
inputs_warn_easy(const struct model *m)
{
	for (size_t i = 0; i < m->naspects; i++) {
		const struct aspect *a = m->aspects[i];

		if (a->parent == NULL && a->easy_title == NULL)
			diag_warning(&a->pos,
			             "the resolution point \"%s\" has no "
			             "easy_title; the easy-language report "
			             "shows its title instead",
			             a->id);
	}
	for (size_t i = 0; i < m->nmilestones; i++) {
		const struct milestone *ms = m->milestones[i];
		bool shown =
		    ms->done_in_year || ms->open_risk || ms->due_next_year;

		if (shown && ms->easy_title == NULL)
			diag_warning(&ms->pos,
			             "the milestone \"%s\" has no easy_title; "
			             "the easy-language report shows its title "
			             "instead",
			             ms->id);
		if (ms->open_risk && ms->easy_explanation == NULL)
			diag_warning(&ms->pos,
			             "the milestone \"%s\" is late or at risk "
			             "and has no easy_explanation; the "
			             "easy-language report cannot say why",
			             ms->id);
	}
}

/* ------------------------------------------------------------------ */
/* What is missing, per responsible unit.                             */

static int
missingcmp(const void *a, const void *b)
{
	const struct missing_item *x = a, *y = b;
	const char *ix = x->ms ? x->ms->id : x->ind->id;
	const char *iy = y->ms ? y->ms->id : y->ind->id;
	int c;

	if ((c = strcmp(x->unit, y->unit)) != 0)
		return c;
	if ((x->ms == NULL) != (y->ms == NULL))
		return x->ms == NULL ? 1 : -1;
	if ((c = strcmp(ix, iy)) != 0)
		return c;
	return (int)x->kind - (int)y->kind;
}

static void
owe(struct missing_item **v, size_t *n, const char *unit,
    const struct org_unit *u, enum missing_kind kind,
    const struct milestone *ms, const struct indicator *ind)
{
	if ((*n & (*n - 1)) == 0)
		*v = xrealloc(*v, (*n ? *n * 2 : 4) * sizeof(**v));
	(*v)[*n] = (struct missing_item){
	    unit ? unit : "(no responsible unit)", u, kind, ms, ind, NULL};
	(*n)++;
}

size_t
inputs_missing(const struct model *m, struct missing_item **out)
{
	const struct settings *st = &m->settings;
	struct pr_date begin = {st->year, 1, 1};
	struct missing_item *v = NULL;
	const struct src_pos *where;
	size_t n = 0, i, k;
	struct buf why;
	const char *w;

	buf_init(&why);
	for (i = 0; i < m->nmilestones; i++) {
		const struct milestone *ms = m->milestones[i];
		bool closed =
		    ms->status_pos.line != 0 &&
		    (ms->status == MS_DONE || ms->status == MS_CANCELLED);

		if (!closed && !ms->updated.y)
			owe(&v, &n, ms->unit, ms->unit_ref,
			    MISSING_NEVER_UPDATED, ms, NULL);
		else if (!closed && date_cmp(ms->updated, begin) < 0)
			owe(&v, &n, ms->unit, ms->unit_ref, MISSING_STALE, ms,
			    NULL);
		if ((w = owed_explanation(ms, &where, &why)) != NULL) {
			owe(&v, &n, ms->unit, ms->unit_ref, MISSING_EXPLANATION,
			    ms, NULL);
			struct buf b;

			buf_init(&b);
			buf_printf(&b, _("%s owed (%s)"),
			           _(lacking_words[reasons_lacking(ms)]), w);
			v[n - 1].why = buf_detach(&b);
		}
	}
	for (i = 0; i < m->nindicators; i++) {
		const struct indicator *ind = m->indicators[i];

		for (k = 0; k < ind->nvalues; k++)
			if (ind->values[k].year == st->year)
				break;
		if (k == ind->nvalues)
			owe(&v, &n, ind->responsible, ind->responsible_ref,
			    MISSING_VALUE, NULL, ind);
	}
	buf_free(&why);
	if (n > 1)
		qsort(v, n, sizeof(*v), missingcmp);
	*out = v;
	return n;
}

void
inputs_missing_free(struct missing_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].why);
	free(v);
}

/* prefix and s on a line of out; s escaped as in messages, so that a
 * value cannot forge a line of the list or a terminal sequence. */
static void
put_line(FILE *out, const char *prefix, const char *s)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, prefix);
	diag_escape(&b, s);
	buf_putc(&b, '\n');
	fwrite(b.data, 1, b.len, out);
	buf_free(&b);
}

/* A unit's heading in the list: a declared unit by id and name, with
 * whom to ask there; free text as it is written. */
static void
put_unit(FILE *out, const struct missing_item *it)
{
	const struct org_unit *u = it->u;
	struct buf b;

	if (u == NULL) {
		put_line(out, "\n", it->unit);
		return;
	}
	buf_init(&b);
	buf_printf(&b, "%s: %s", u->id, u->name);
	put_line(out, "\n", b.data);
	if (u->contact_name != NULL || u->contact_email != NULL) {
		buf_reset(&b);
		buf_puts(&b, u->contact_name ? u->contact_name : "");
		if (u->contact_email != NULL)
			buf_printf(&b, "%s%s", b.len ? ", " : "",
			           u->contact_email);
		if (u->contact_phone != NULL)
			buf_printf(&b, ", %s", u->contact_phone);
		put_line(out, _("  contact: "), b.data);
	}
	buf_free(&b);
}

bool
inputs_print_missing(const struct model *m, FILE *out)
{
	const struct settings *st = &m->settings;
	struct pr_date begin = {st->year, 1, 1};
	struct missing_item *v;
	size_t n = inputs_missing(m, &v), i;
	char d1[16], d2[16];
	struct buf b;

	if (n == 0)
		fprintf(out,
		        _("Nothing is missing or stale for the reporting year "
		          "%d.\n"),
		        st->year);
	else
		fprintf(out,
		        _("Missing or stale for the reporting year %d, by "
		          "responsible unit:\n"),
		        st->year);
	buf_init(&b);
	for (i = 0; i < n; i++) {
		const struct milestone *ms = v[i].ms;
		const char *t = ms ? (ms->title ? ms->title : "")
		                   : (v[i].ind->title ? v[i].ind->title : "");

		buf_reset(&b);
		switch (v[i].kind) {
		case MISSING_NEVER_UPDATED:
			buf_printf(&b,
			           _("milestone %s \"%s\": never updated "
			             "(no date in updated)"),
			           ms->id, t);
			break;
		case MISSING_STALE:
			buf_printf(&b,
			           _("milestone %s \"%s\": last updated %s, "
			             "before %s"),
			           ms->id, t, fmt_date(ms->updated, d1),
			           fmt_date(begin, d2));
			break;
		case MISSING_EXPLANATION:
			buf_printf(&b, _("milestone %s \"%s\": %s"), ms->id, t,
			           v[i].why);
			break;
		case MISSING_VALUE:
			buf_printf(&b,
			           _("indicator %s \"%s\": no value for %d"),
			           v[i].ind->id, t, st->year);
			break;
		}
		if (i == 0 || strcmp(v[i].unit, v[i - 1].unit) != 0)
			put_unit(out, &v[i]);
		put_line(out, "  - ", b.data);
	}
	buf_free(&b);
	inputs_missing_free(v, n);
	return fflush(out) == 0 && !ferror(out);
}

/* The first of cps[] that s holds, or 0. */
static unsigned
holds_char(const char *s, const unsigned *cps, size_t n)
{
	unsigned cp;
	int len;

	if (s == NULL)
		return 0;
	while ((len = utf8_decode(s, &cp)) > 0) {
		for (size_t i = 0; i < n; i++)
			if (cps[i] == cp)
				return cp;
		s += len;
	}
	return 0;
}

static void
report_char(const struct src_pos *pos, const char *field, const char *what,
            const char *id, const char *s, const unsigned *cps, size_t n)
{
	unsigned cp = holds_char(s, cps, n);

	if (cp == 0)
		return;
	diag_error(pos,
	           "the %s of %s%s%s contains the character U+%04X, which "
	           "the report's font (DejaVu Sans) lacks; replace it with "
	           "a character the font has (Latin, Greek, Cyrillic and "
	           "common symbols)",
	           field, _(what), id ? " " : "", id ? id : "", cp);
}

void
inputs_report_chars(const struct model *m, const unsigned *cps, size_t n)
{
	const struct settings *st = &m->settings;
	size_t i;

	if (n == 0)
		return;
	const char *sfields[][2] = {
	    {"organisation", st->organisation},
	    {"title", st->title},
	    {"subtitle", st->subtitle},
	    {"committee", st->committee},
	    {"sample_notice", st->sample_notice},
	    {"contact name", st->contact_name},
	    {"council_paper", st->council_paper},
	    {"adoption paper", st->adoption_paper},
	};
	for (i = 0; i < sizeof(sfields) / sizeof(sfields[0]); i++)
		report_char(&st->pos, sfields[i][0], "the settings", NULL,
		            sfields[i][1], cps, n);
	for (i = 0; i < m->naspects; i++) {
		const struct aspect *a = m->aspects[i];
		const char *f[][2] = {{"title", a->title},
		                      {"short_title", a->short_title},
		                      {"description", a->description},
		                      {"responsible unit", a->unit},
		                      {"narrative", a->narrative}};

		for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
			report_char(&a->pos, f[k][0], "aspect", a->id, f[k][1],
			            cps, n);
	}
	for (i = 0; i < m->nmilestones; i++) {
		const struct milestone *ms = m->milestones[i];
		const char *f[][2] = {{"title", ms->title},
		                      {"description", ms->description},
		                      {"responsible unit", ms->unit},
		                      {"explanation", ms->explanation},
		                      {"cause", ms->cause},
		                      {"countermeasure", ms->countermeasure}};

		for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
			report_char(&ms->pos, f[k][0], "milestone", ms->id,
			            f[k][1], cps, n);
	}
	for (i = 0; i < m->nindicators; i++) {
		const struct indicator *ind = m->indicators[i];
		const char *f[][2] = {{"title", ind->title},
		                      {"unit", ind->unit},
		                      {"source", ind->source},
		                      {"note", ind->note}};

		for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++)
			report_char(&ind->pos, f[k][0], "indicator", ind->id,
			            f[k][1], cps, n);
	}
	for (i = 0; i < m->nglossary; i++) {
		report_char(&m->glossary[i].pos, "term", "glossary entry",
		            m->glossary[i].term, m->glossary[i].term, cps, n);
		report_char(&m->glossary[i].pos, "expansion", "glossary entry",
		            m->glossary[i].term, m->glossary[i].expansion, cps,
		            n);
	}
	for (i = 0; i < m->nsources; i++)
		report_char(&m->sources[i].pos, "title", "source",
		            m->sources[i].id, m->sources[i].title, cps, n);
	for (i = 0; i < m->nunits; i++) {
		const struct org_unit *u = m->units[i];

		report_char(&u->pos, "name", "unit", u->id, u->name, cps, n);
		report_char(&u->pos, "short_name", "unit", u->id, u->short_name,
		            cps, n);
		report_char(&u->pos, "contact name", "unit", u->id,
		            u->contact_name, cps, n);
	}
	for (i = 0; i < m->ntopics; i++)
		report_char(&m->topics[i]->pos, "name", "topic",
		            m->topics[i]->id, m->topics[i]->name, cps, n);
}
