/*
 * fixture_model.h - a small model built in C for the template tests:
 * two resolution points (01 and 02 with the aspects 02a and 02b), six
 * milestones in every status, three indicators (on course, off course,
 * without data), a glossary, two sources and a previous snapshot.
 * The derived facts come from analysis_run(), their one producer.
 * The tests of tests/templates/ all run against this model.
 */
#ifndef PR_FIXTURE_MODEL_H
#define PR_FIXTURE_MODEL_H

#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "model.h"

static struct aspect *
fx_aspect(struct model *m, const char *id, const char *title,
          struct aspect *parent)
{
	struct aspect *a = pool_alloc(&m->pool, sizeof(*a));

	memset(a, 0, sizeof(*a));
	a->id = id;
	a->title = title;
	a->description = "Beschreibung";
	a->unit = "Amt 12";
	a->parent = parent;
	if (parent != NULL) {
		parent->children =
		    realloc(parent->children, (parent->nchildren + 1) *
		                                  sizeof(*parent->children));
		parent->children[parent->nchildren++] = a;
	}
	m->aspects = realloc(m->aspects, (m->naspects + 1) * sizeof(a));
	m->aspects[m->naspects++] = a;
	return a;
}

static struct milestone *
fx_ms(struct model *m, const char *id, struct aspect *a, const char *title,
      enum ms_status st, struct pr_date planned, struct pr_date due)
{
	struct milestone *ms = pool_alloc(&m->pool, sizeof(*ms));

	memset(ms, 0, sizeof(*ms));
	ms->id = id;
	ms->aspect = a;
	ms->aspect_id = a->id;
	ms->title = title;
	ms->status = st;
	ms->planned = planned;
	if (st == MS_DONE) {
		ms->completed = due;
		ms->progress = 100;
	} else if (date_cmp(due, planned) != 0)
		ms->forecast = due;
	m->milestones =
	    realloc(m->milestones, (m->nmilestones + 1) * sizeof(ms));
	m->milestones[m->nmilestones++] = ms;
	return ms;
}

static struct indicator *
fx_ind(struct model *m, const char *id, struct aspect *a, const char *title,
       int nvalues, const double *values)
{
	struct indicator *i = pool_alloc(&m->pool, sizeof(*i));

	memset(i, 0, sizeof(*i));
	i->id = id;
	i->aspect = a;
	i->aspect_id = a->id;
	i->title = title;
	i->unit = "Dienste";
	i->direction = 1;
	i->decimals = 0;
	i->baseline_year = 2024;
	i->baseline = values && nvalues ? values[0] : 0;
	i->target_year = 2030;
	i->target = 120;
	i->values = calloc((size_t)nvalues + 1, sizeof(*i->values));
	for (int k = 0; k < nvalues; k++) {
		i->values[k].year = 2024 + k;
		i->values[k].value = values[k];
	}
	i->nvalues = (size_t)nvalues;
	m->indicators =
	    realloc(m->indicators, (m->nindicators + 1) * sizeof(i));
	m->indicators[m->nindicators++] = i;
	return i;
}

static void
fx_build(struct model *m)
{
	/* I1: path 3 (2024) to 120 (2030) is at 42 in 2026: 45 is on
	 * course.  I2: 38 is below the baseline 40: off course.  I3: its
	 * baseline year 2027 is after the reporting year: no data. */
	static const double v1[] = {3, 30, 45}, v2[] = {40, 38};
	static struct ms_prev prev_done = {
	    MS_IN_PROGRESS, {2026, 6, 30}, {0, 0, 0}, {0, 0, 0}, 60};
	struct aspect *p1, *p2, *a, *b;
	struct milestone *ms;

	model_init(m);
	m->settings.organisation = "Stadt Musterstadt";
	m->settings.title = "Fortschrittsbericht Digitalisierung";
	m->settings.committee = "Ausschuss für Digitales";
	m->settings.session_date = (struct pr_date){2027, 2, 28};
	m->settings.year = 2026;
	m->settings.cutoff = (struct pr_date){2026, 12, 31};
	m->settings.lang = "de";
	m->settings.contact_name = "Amt für IT";
	m->settings.contact_email = "barrierefrei@example.org";
	m->settings.horizon_start = 2026;
	m->settings.horizon_end = 2030;
	m->settings.sample = true;

	p1 = fx_aspect(m, "01", "Homepage und Online-Dienste", NULL);
	p2 = fx_aspect(m, "02", "Umsetzungsstrategie", NULL);
	a = fx_aspect(m, "02a", "Interne Prozesse", p2);
	b = fx_aspect(m, "02b", "Schulungen", p2);
	a->narrative = "Erster Absatz.\n\nZweiter Absatz mit *Sternen*.";

	ms =
	    fx_ms(m, "M1", p1, "Neue Homepage", MS_DONE,
	          (struct pr_date){2026, 6, 30}, (struct pr_date){2026, 5, 15});
	ms->prev = &prev_done;
	fx_ms(m, "M2", a, "E-Akte einführen", MS_DELAYED,
	      (struct pr_date){2026, 9, 30}, (struct pr_date){2027, 3, 31})
	    ->explanation = "Vergabe verzögert; zweite Ausschreibung läuft.";
	fx_ms(m, "M3", a, "Workflow *Rechnung* & <Freigabe>", MS_AT_RISK,
	      (struct pr_date){2027, 6, 30}, (struct pr_date){2027, 6, 30})
	    ->explanation = "Personal fehlt.";
	fx_ms(m, "M4", b, "Schulungskonzept", MS_IN_PROGRESS,
	      (struct pr_date){2027, 3, 31}, (struct pr_date){2027, 3, 31})
	    ->progress = 40;
	fx_ms(m, "M5", b, "Lernplattform", MS_PLANNED,
	      (struct pr_date){2028, 1, 31}, (struct pr_date){2028, 1, 31});
	fx_ms(m, "M6", p1, "App überarbeiten", MS_CANCELLED,
	      (struct pr_date){2026, 3, 31}, (struct pr_date){2026, 3, 31})
	    ->explanation = "Beschlusspunkt gestrichen.";

	fx_ind(m, "I1", p1, "Online-Dienste", 3, v1);
	fx_ind(m, "I2", a, "Bearbeitungszeit OZG-Anträge", 2, v2);
	fx_ind(m, "I3", b, "Geschulte Mitarbeitende", 0, NULL)->baseline_year =
	    2027;

	m->glossary = calloc(2, sizeof(*m->glossary));
	m->glossary[0] =
	    (struct glossary_entry){"OZG", "Onlinezugangsgesetz", NULL, {0}};
	m->glossary[1] =
	    (struct glossary_entry){"IT", "Informationstechnik", NULL, {0}};
	m->nglossary = 2;
	m->sources = calloc(2, sizeof(*m->sources));
	m->sources[0] = (struct source_entry){
	    "s1", "Statistikamt", "https://example.org/stat", {0}};
	m->sources[1] = (struct source_entry){"s2", "Fachverfahren", NULL, {0}};
	m->nsources = 2;
	m->prev.present = true;
	m->prev.year = 2025;
	m->prev.removed_ids = calloc(1, sizeof(char *));
	m->prev.removed_titles = calloc(1, sizeof(char *));
	m->prev.removed_ids[0] = "M0";
	m->prev.removed_titles[0] = "Altes Vorhaben";
	m->prev.nremoved = 1;
	model_index(m);
	analysis_run(m);
}

#endif
