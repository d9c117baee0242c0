/*
 * locale.h - the words and number and date formats of one report
 * language, read from report-templates/<lang>/locale.yaml so that a
 * translation needs no C.
 */
#ifndef PR_LOCALE_H
#define PR_LOCALE_H

#include <stdbool.h>

#include "model.h"
#include "util.h"

struct locale;

/* Reads dir/locale.yaml; problems go to diag(); NULL on error. */
struct locale *locale_load(const char *dir);
void locale_free(struct locale *);

/* A word by key ("status.done", "month.2", "chart.target"); the key
 * itself if missing (and a warning once). */
const char *locale_str(const struct locale *, const char *key);
const char *locale_lang(const struct locale *);
/* The word for key, or NULL (no warning) when the locale has none. */
const char *locale_get(const struct locale *, const char *key);
/* The locale's file, for messages. */
const char *locale_file(const struct locale *);

/* s with the long words of the locale's list easy.words split as the
 * list writes them ("Verwaltungs·digitalisierung"), for the
 * easy-language report: the list says where, nothing is guessed.  A word
 * matches at the start of a word of s, so inflected forms split too. */
void locale_split_words(const struct locale *, const char *s, struct buf *out);

/* The 15 significant digits of |v| (dig[15] is NUL) and its decimal
 * exponent, as printf's "%.14e" gives them: 0 gives 15 zeros and 0. */
int locale_digits(double v, char dig[16]);

/* 1234.5 with 1 decimal: "1.234,5" (de) or "1,234.5" (en). */
void locale_number(const struct locale *, double v, int decimals,
                   struct buf *out);
/* The same with a sign: "+3,0", "−2,0", and "±0,0" for what prints as
 * zero. */
void locale_signed(const struct locale *, double v, int decimals,
                   struct buf *out);
/* "28. Februar 2027" (de) or "28 February 2027" (en). */
void locale_date(const struct locale *, struct pr_date, struct buf *out);
/* "Februar 2027" */
void locale_month_year(const struct locale *, struct pr_date, struct buf *out);

#endif
