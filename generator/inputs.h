/*
 * inputs.h - reading the departments' YAML (and CSV) files into the
 * model, with every problem reported at file:line:col.
 */
#ifndef PR_INPUTS_H
#define PR_INPUTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model.h"

/*
 * Reads every *.yaml and *.yml file in `dir` (in name order), then
 * every *.csv file of yearly indicator values, into `m` (which
 * model_init() prepared), resolves references, runs all cross-checks
 * and calls model_index().  The input format and every check are in
 * docs/inputs.md.
 *
 * The reporting year is `year` if it is not 0 (--year), else the
 * settings' reporting_year, else the last completed calendar year
 * (UTC); the checks about the future and overdue milestones use it.
 *
 * Problems go to diag(); returns false if any was an error (or a system
 * failure).  The model then holds what could be read, with the bad
 * values left out: fit for inputs_print_missing() and model_free(), not
 * for a report.
 */
bool inputs_load(struct model *m, const char *dir, int year);

/*
 * The same, with updates that import.c has read from forms and not yet
 * written: each stands in for the file updates/<year>/<name> of the
 * inputs folder, so that the forms are checked with every rule before
 * anything is written.  The overlays' nodes (and the file names in
 * their places) must outlive the model.
 */
struct ynode;
struct inputs_overlay {
	int year;
	const char *name; /* "kaemmerei.yaml" */
	const struct ynode *root;
};
bool inputs_load_with(struct model *m, const char *dir, int year,
                      const struct inputs_overlay *ov, size_t nov);

/*
 * For the coordinating office in December: per responsible unit (in
 * byte order), the milestones not updated since the reporting year
 * began (done and cancelled ones excepted), the explanations still
 * owed and the indicators without a value for the year.  Prints to
 * `out`; the same model gives the same text.  False if `out` could not
 * be written (errno tells why).
 */
bool inputs_print_missing(const struct model *m, FILE *out);

/* The same list for other uses (the forms' first sheet): sorted by
 * unit, milestones before indicators, then by id. */
enum missing_kind {
	MISSING_NEVER_UPDATED, /* no date in updated */
	MISSING_STALE,         /* updated before the reporting year */
	MISSING_EXPLANATION,   /* why: the reason, in English */
	MISSING_VALUE          /* no value for the reporting year */
};
struct missing_item {
	const char *unit;         /* the unit's id, or its text */
	const struct org_unit *u; /* the declared unit, or NULL */
	enum missing_kind kind;
	const struct milestone *ms;  /* or NULL */
	const struct indicator *ind; /* or NULL */
	char *why;
};
size_t inputs_missing(const struct model *m, struct missing_item **out);
void inputs_missing_free(struct missing_item *, size_t);
/* check's warnings about the indicators' values, after analysis_run():
 * no value for the reporting year, a value for the baseline year that
 * differs from the baseline.  Not build's, which runs from cron. */
void inputs_warn_values(const struct model *m);
/* check's warning about settings without the accessibility statement's
 * facts (BITV 2.0 § 7). */
void inputs_warn_statement(const struct model *m);
/* build --easy and check --easy: the resolution points and listed
 * milestones without their easy-language wording, after analysis_run(). */
void inputs_warn_easy(const struct model *m);

/*
 * After the PDF stage found characters its fonts lack: names every
 * input value that holds one of them, at its file and place, as an
 * error, so that staff can fix the input rather than hunt for it.
 */
void inputs_report_chars(const struct model *m, const unsigned *cps, size_t n);

#endif
