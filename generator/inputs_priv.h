/*
 * inputs_priv.h - what the files of the inputs stage share:
 * inputs.c (folder, YAML schema), inputs_csv.c (yearly values from
 * CSV) and inputs_check.c (cross-checks and the December list).
 * Not for use outside the stage.
 */
#ifndef PR_INPUTS_PRIV_H
#define PR_INPUTS_PRIV_H

#include <stdbool.h>

#include "model.h"
#include "suggest.h"

/* Limits of numbers in the inputs, stated in messages and docs. */
#define NUM_MAX_INT  12 /* digits before the decimal point */
#define NUM_MAX_FRAC 6  /* digits after it */

/*
 * An indicator's `csv:` mapping: where in a delivered table (GENESIS,
 * Open SDG, a spreadsheet) its yearly values are.  Strings live in the
 * model's pool.
 */
struct csv_map {
	struct indicator *ind;
	struct src_pos pos; /* the csv: block */
	const char *file;   /* a name in the inputs folder, no '/' */
	struct src_pos file_pos;
	const char *encoding; /* iconv name, or NULL: detect */
	bool wide;            /* one column per year, else a long table */
	const char *year_col, *value_col; /* long tables */
	size_t nrows;                     /* rows: column -> required cell */
	const char **row_col, **row_val;
	bool seen; /* the file was found in the folder */
};

/* The loader's state for one inputs_load() run. */
struct loader {
	struct model *m;
	int year_arg; /* --year, 0 if not given */
	bool have_settings;
	struct src_pos settings_pos;
	bool have_year, have_cutoff;
	struct src_pos cutoff_pos;
	bool settings_failed; /* an error inside the settings */
	/* No --year, and the settings that would give the year failed or
	 * are missing: the clock's year is a guess, and checks against it
	 * (future values, cut-off, overdue) would report false errors. */
	bool year_guessed;
	/* One id space for points, aspects, milestones and indicators:
	 * id -> struct src_pos * of its first use. */
	struct strmap ids;
	struct strmap glossary;      /* term -> struct src_pos * */
	struct strmap sources;       /* id -> struct src_pos * */
	struct strmap units, topics; /* id -> struct src_pos * */
	unsigned suggestions;        /* searches for "did you mean" so far */
	struct csv_map *maps;        /* malloc'd */
	size_t nmaps;
	bool terms_told; /* "too many glossary terms" reported */
};

/* Searching all ids for a near one costs time linear in their number;
 * after SUGGEST_BUDGET unknown references (a file full of wrong ids),
 * the rest are reported without a suggestion, keeping a run linear. */
#define SUGGEST_BUDGET 100
static inline bool
budget(struct loader *ld)
{
	return ld->suggestions++ < SUGGEST_BUDGET;
}
/* Same, over the model's aspects or indicators. */
const char *suggest_aspect(const struct model *, const char *word);
const char *suggest_indicator(const struct model *, const char *word);

/* Strict numbers: "-12", "3.5"; see NUM_MAX_*.  Returns false and
 * leaves *out alone if `s` is not such a number. */
bool parse_number(const char *s, double *out);
/* A year from 1900 to 2200, four digits. */
bool parse_year(const char *s, int *out);
/* Reports at pos why s, read as year y, month m and a day that
 * date_valid() refuses, is not a date, in the words of the YAML dates wherever
 * it was written; `form` is the form s was written in, translated
 * ("YYYY-MM-DD"). */
void date_refuse(const struct src_pos *pos, const char *s, int y, int m,
                 const char *form);

/* Adds one yearly value to an indicator (inputs_csv.c uses it too). */
void add_value(struct loader *, struct indicator *, int year, double value,
               const struct src_pos *);

/* inputs_csv.c: reads one CSV file of yearly values, through the
 * mappings that name it if there are any. */
void csv_read_values(struct loader *, const char *path);
/* After all files: a mapping whose file is not in the folder. */
void csv_check_maps(struct loader *);

/* inputs_check.c: cross-checks over the whole model, once the files
 * are read and the reporting year is known. */
void inputs_check(struct loader *);

#endif
