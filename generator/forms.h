/*
 * forms.h - the yearly round trip with the responsible units: one
 * spreadsheet form per unit, prefilled from the inputs (forms.c), and
 * the filled-in forms read back into one update file per unit
 * (import.c, sheet_read.c).  docs/operations.md tells the cycle,
 * docs/inputs.md the update files.
 */
#ifndef PR_FORMS_H
#define PR_FORMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "util.h"

/* The hidden sheet that identifies a form; its name is the same in
 * every language. */
#define FORM_MARK_SHEET "progress-report"
#define FORM_MAGIC      "progress-report form"
#define FORM_VERSION    1

/* Columns of the milestones sheet (0-based); row 1 holds the headers,
 * each milestone a row from row 2 on. */
enum form_ms_col {
	FMC_ID,
	FMC_TITLE,
	FMC_PLANNED,
	FMC_FORECAST,
	FMC_STATUS,
	FMC_PROGRESS,
	FMC_COMPLETED,
	FMC_CAUSE,
	FMC_MEASURE,
	FMC_UPDATED,
	FMC__N
};
/* Columns of the indicators sheet: these, then one per earlier year
 * (the hidden sheet gives the first and the count), then the reporting
 * year's value and its source. */
enum form_ind_col {
	FIC_ID,
	FIC_TITLE,
	FIC_UNIT,
	FIC_DECIMALS,
	FIC_DIR,
	FIC__N
};

/* The responsible units of the milestones and indicators, sorted by
 * byte order, each with a file name made of its name ("Kämmerei" ->
 * "kaemmerei"), unique among them.  malloc'd arrays; the names are the
 * model's, the slugs malloc'd. */
struct form_units {
	const char **names;
	char **slugs;
	size_t n;
};
void form_units(const struct model *, struct form_units *);
void form_units_free(struct form_units *);

/* "Ursache: … Gegenmaßnahme: …" in one explanation: the part before
 * the word for countermeasure and the part after it (either may be
 * empty), and back.  `measure_word` is "Gegenmaßnahme" or
 * "Countermeasure". */
const char *form_measure_word(const char *lang);
void form_split_explanation(const char *expl, const char *measure_word,
                            struct buf *cause, struct buf *measure);
void form_join_explanation(const char *cause, const char *measure,
                           const char *measure_word, struct buf *out);

/* FNV-1a over the protected cells' record, so that a change of the
 * hidden sheet itself is found too. */
uint64_t form_hash(uint64_t h, const char *s);
#define FORM_HASH_INIT 1469598103934665603ull

/* A spreadsheet column's letters, "A" for 0. */
void form_col_name(unsigned col, char out[8]);

/*
 * progress-report forms: one form per unit into `outdir`, named
 * YEAR-SLUG.xlsx, each written under a temporary name and renamed
 * once all are complete.  `created` dates the files' properties (the
 * build date).  False on failure (reported).
 */
bool forms_write(const struct model *, const char *templates,
                 const char *outdir, struct pr_date due, long long created);

/*
 * progress-report import: reads the forms (XLSX or ODS), checks every
 * cell and, with the update files standing in for those on disk, the
 * whole inputs; only when no form has an error, writes each unit's
 * update file inputs/updates/YEAR/SLUG.yaml atomically (a file whose
 * bytes would not change is left alone).  Returns the exit status.
 */
int forms_import(const char *inputs, int year, char *const files[],
                 size_t nfiles);

#endif
