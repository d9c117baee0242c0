/*
 * forms.c - one spreadsheet form per responsible unit, prefilled from
 * the inputs, for the units to fill in with Excel or LibreOffice Calc
 * (docs/operations.md, "The yearly cycle").
 *
 * A form has a first sheet in plain words (what to do, by when, whom
 * to ask, what is still missing), a sheet of the unit's milestones and
 * one of its indicators.  What the unit may not change (ids, titles,
 * planned dates, earlier years' values) is in locked cells of protected
 * sheets; what it fills in has typed cells with validation, so that
 * most mistakes are refused while typing.  A hidden sheet names the
 * unit and the year and records every protected cell with a checksum,
 * so that import.c can refuse a form of another unit or year, or one
 * whose protected cells were changed, naming the cell.
 *
 * The files are written by libxlsxwriter, under temporary names beside
 * the final ones, and renamed once every form is complete.
 */
#include "forms.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "inputs.h"
#include "locale.h"
#include "sheetlib.h"

/* ------------------------------------------------------------------ */
/* Shared with import.c.                                              */

static int
unitcmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* German umlauts and ß as file names write them; other letters beyond
 * ASCII become a dash like any other character. */
static void
slugify(const char *s, struct buf *out)
{
	static const struct {
		const char *from, *to;
	} tr[] = {{"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "ae"},
	          {"Ö", "oe"}, {"Ü", "ue"}, {"ß", "ss"}, {"é", "e"},
	          {"è", "e"},  {"à", "a"},  {"ç", "c"}};
	bool dash = false;
	size_t i;

	while (*s != '\0' && out->len < 60) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (dash && out->len > 0)
				buf_putc(out, '-');
			dash = false;
			buf_putc(out, c >= 'A' && c <= 'Z' ? c + 32 : c);
			s++;
			continue;
		}
		for (i = 0; i < sizeof(tr) / sizeof(tr[0]); i++)
			if (strncmp(s, tr[i].from, strlen(tr[i].from)) == 0)
				break;
		if (i < sizeof(tr) / sizeof(tr[0])) {
			if (dash && out->len > 0)
				buf_putc(out, '-');
			dash = false;
			buf_puts(out, tr[i].to);
			s += strlen(tr[i].from);
			continue;
		}
		dash = true;
		s++;
		while ((*s & 0xC0) == 0x80)
			s++;
	}
	if (out->len == 0)
		buf_puts(out, "unit");
}

void
form_units(const struct model *m, struct form_units *u)
{
	size_t i, j, n = 0;
	const char **all;

	all = xmalloc((m->nmilestones + m->nindicators + 1) * sizeof(*all));
	for (i = 0; i < m->nmilestones; i++)
		if (m->milestones[i]->unit != NULL)
			all[n++] = m->milestones[i]->unit;
	for (i = 0; i < m->nindicators; i++)
		if (m->indicators[i]->responsible != NULL)
			all[n++] = m->indicators[i]->responsible;
	if (n > 1)
		qsort(all, n, sizeof(*all), unitcmp);
	for (i = j = 0; i < n; i++)
		if (j == 0 || strcmp(all[j - 1], all[i]) != 0)
			all[j++] = all[i];
	u->names = all;
	u->n = j;
	u->slugs = xcalloc(j + 1, sizeof(*u->slugs));
	for (i = 0; i < j; i++) {
		struct buf b;
		size_t k, same = 1;

		buf_init(&b);
		slugify(unit_display(model_find_unit(m, all[i]), all[i]), &b);
		for (k = 0; k < i; k++)
			if (strncmp(u->slugs[k], b.data, b.len) == 0 &&
			    (u->slugs[k][b.len] == '\0' ||
			     u->slugs[k][b.len] == '-'))
				same++;
		if (same > 1)
			buf_printf(&b, "-%zu", same);
		u->slugs[i] = buf_detach(&b);
	}
}

void
form_units_free(struct form_units *u)
{
	for (size_t i = 0; i < u->n; i++)
		free(u->slugs[i]);
	free(u->slugs);
	free(u->names);
}

const char *
form_measure_word(const char *lang)
{
	return strcmp(lang, "de") == 0 ? "Gegenmaßnahme" : "Countermeasure";
}

static void
put_trimmed(struct buf *out, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\n'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	buf_append(out, s, n);
}

void
form_split_explanation(const char *expl, const char *word, struct buf *cause,
                       struct buf *measure)
{
	size_t wl = strlen(word);
	const char *p;

	buf_reset(cause);
	buf_reset(measure);
	if (expl == NULL)
		return;
	for (p = expl; (p = strstr(p, word)) != NULL; p++)
		if (p[wl] == ':')
			break;
	if (p == NULL) {
		put_trimmed(cause, expl, strlen(expl));
		return;
	}
	put_trimmed(cause, expl, (size_t)(p - expl));
	put_trimmed(measure, p + wl + 1, strlen(p + wl + 1));
}

void
form_join_explanation(const char *cause, const char *measure, const char *word,
                      struct buf *out)
{
	buf_reset(out);
	if (cause != NULL && *cause != '\0')
		buf_puts(out, cause);
	if (measure != NULL && *measure != '\0')
		buf_printf(out, "%s%s: %s", out->len ? " " : "", word, measure);
}

uint64_t
form_hash(uint64_t h, const char *s)
{
	/* The terminating NUL too, so that "ab","c" differs from "a","bc". */
	do {
		h ^= (unsigned char)*s;
		h *= 1099511628211ull;
	} while (*s++ != '\0');
	return h;
}

void
form_col_name(unsigned col, char out[8])
{
	char tmp[8], *p = tmp + sizeof(tmp);

	*--p = '\0';
	for (col++; col > 0 && p > tmp; col = (col - 1) / 26)
		*--p = (char)('A' + (col - 1) % 26);
	memcpy(out, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* ------------------------------------------------------------------ */
/* The words of a form.                                               */

/* The formats below are the tables' own constant strings, one per
 * language, each with the same conversions as the other. */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"

struct words {
	const char *intro_sheet, *ms_sheet, *ind_sheet;
	const char *ms_head[FMC__N];
	const char *ind_head[FIC__N];
	const char *value_head, *source_head;
	const char *title;        /* "%s: …" organisation */
	const char *for_unit;     /* "Rückmeldung von: %s" */
	const char *unit_contact; /* "Ansprechperson: %s", the unit's */
	const char *what[4];      /* paragraphs, %d the year */
	const char *due;          /* "Bitte bis %s zurücksenden …" */
	const char *ask;          /* "Fragen beantwortet: %s" */
	const char *missing;      /* heading */
	const char *nothing;      /* nothing missing */
	const char *never, *stale, *expl, *novalue;
	const char *date_err, *int_err, *num_err, *list_err, *err_title;
	const char *date_fmt; /* number format of dates */
};

static const struct words de = {
    "Anleitung",
    "Meilensteine",
    "Kennzahlen",
    {"Kennung", "Meilenstein", "Geplant", "Prognose", "Status",
     "Fortschritt in %", "Erledigt am", "Ursache", "Gegenmaßnahme",
     "Stand vom"},
    {"Kennung", "Kennzahl", "Einheit", "Nachkommastellen", "Richtung"},
    "Wert %d",
    "Quelle",
    "%s: Abfrage zum Fortschrittsbericht %d",
    "Rückmeldung von: %s",
    "Ansprechperson in Ihrer Einheit: %s",
    {"Bitte tragen Sie im Blatt „Meilensteine“ für jeden Meilenstein den "
     "Stand zum %s ein: Status, Fortschritt, eine neue Prognose, wenn "
     "sich der Termin verschiebt, das Datum der Erledigung und unter "
     "„Stand vom“ das heutige Datum.",
     "Ist ein Meilenstein verzögert, gefährdet oder abgebrochen, oder "
     "liegt die Prognose nach dem geplanten Termin, nennen Sie die "
     "Ursache und die Gegenmaßnahme.",
     "Im Blatt „Kennzahlen“ tragen Sie den Wert für %d und seine Quelle "
     "ein. Die Werte früherer Jahre stehen zum Vergleich daneben.",
     "Grau hinterlegte Zellen sind geschützt und bleiben unverändert. "
     "Speichern Sie die Datei als XLSX oder ODS; Name und Blätter "
     "dürfen bleiben, wie sie sind."},
    "Bitte senden Sie die ausgefüllte Datei bis zum %s zurück.",
    "Fragen beantwortet: %s",
    "Was noch fehlt:",
    "Es fehlt nichts; bitte prüfen Sie trotzdem, ob alles noch stimmt.",
    "Meilenstein %s „%s“: noch nie aktualisiert",
    "Meilenstein %s „%s“: zuletzt am %s aktualisiert",
    "Meilenstein %s „%s“: Ursache und Gegenmaßnahme fehlen",
    "Kennzahl %s „%s“: kein Wert für %d",
    "Bitte ein Datum eingeben, etwa 2026-12-31.",
    "Bitte eine ganze Zahl von 0 bis 100 eingeben.",
    "Bitte eine Zahl eingeben.",
    "Bitte einen Status aus der Liste wählen.",
    "Ungültige Eingabe",
    "yyyy-mm-dd",
};

static const struct words en = {
    "Instructions",
    "Milestones",
    "Indicators",
    {"Id", "Milestone", "Planned", "Forecast", "Status", "Progress in %",
     "Completed on", "Cause", "Countermeasure", "As of"},
    {"Id", "Indicator", "Unit", "Decimals", "Direction"},
    "Value %d",
    "Source",
    "%s: progress report %d, request for information",
    "Answer from: %s",
    "Contact in your unit: %s",
    {"In the sheet \"Milestones\", enter the state of each milestone as "
     "of %s: status, progress, a new forecast if the date moves, the "
     "date of completion and, under \"As of\", today's date.",
     "If a milestone is delayed, at risk or cancelled, or its forecast "
     "lies after the planned date, give the cause and the "
     "countermeasure.",
     "In the sheet \"Indicators\", enter the value for %d and its source. "
     "The values of earlier years are shown beside it.",
     "Grey cells are protected and stay as they are. Save the file as "
     "XLSX or ODS; keep its sheets as they are."},
    "Please send the completed file back by %s.",
    "Questions: %s",
    "Still missing:",
    "Nothing is missing; please check all the same that everything is "
    "still right.",
    "Milestone %s \"%s\": never updated",
    "Milestone %s \"%s\": last updated on %s",
    "Milestone %s \"%s\": cause and countermeasure missing",
    "Indicator %s \"%s\": no value for %d",
    "Please enter a date, such as 2026-12-31.",
    "Please enter a whole number from 0 to 100.",
    "Please enter a number.",
    "Please choose a status from the list.",
    "Invalid entry",
    "yyyy-mm-dd",
};

/* ------------------------------------------------------------------ */
/* Writing one form.                                                  */

struct form {
	const struct model *m;
	const struct locale *loc;
	const struct words *w;
	const char *unit;
	lxw_workbook *wb;
	lxw_worksheet *mark;
	lxw_row_t mark_row;
	uint64_t hash;
	lxw_format *head, *locked, *locked_date, *locked_wrap, *open,
	    *open_date, *open_wrap, *title, *para, *open_num[7], *locked_num[7];
	struct buf tmp;
};

static lxw_datetime
lxw_date(struct pr_date d)
{
	lxw_datetime t = {d.y, d.m, d.d, 0, 0, 0};

	return t;
}

/* Records a protected cell's value in the hidden sheet and the hash. */
static void
record(struct form *f, const char *sheet, lxw_row_t row, lxw_col_t col,
       const char *value)
{
	char c[8], ref[16];

	form_col_name(col, c);
	snprintf(ref, sizeof(ref), "%s%u", c, (unsigned)row + 1);
	sheet_lib.worksheet_write_string(f->mark, f->mark_row, 0, "cell", NULL);
	sheet_lib.worksheet_write_string(f->mark, f->mark_row, 1, sheet, NULL);
	sheet_lib.worksheet_write_string(f->mark, f->mark_row, 2, ref, NULL);
	sheet_lib.worksheet_write_string(f->mark, f->mark_row, 3, value, NULL);
	f->mark_row++;
	f->hash = form_hash(f->hash, sheet);
	f->hash = form_hash(f->hash, ref);
	f->hash = form_hash(f->hash, value);
}

static void
mark_pair(struct form *f, const char *key, const char *value)
{
	sheet_lib.worksheet_write_string(f->mark, f->mark_row, 0, key, NULL);
	sheet_lib.worksheet_write_string(f->mark, f->mark_row, 1, value, NULL);
	f->mark_row++;
	f->hash = form_hash(f->hash, key);
	f->hash = form_hash(f->hash, value);
}

/* A protected text cell, recorded. */
static void
locked_text(struct form *f, lxw_worksheet *ws, const char *sheet, lxw_row_t r,
            lxw_col_t c, const char *s, lxw_format *fmt)
{
	sheet_lib.worksheet_write_string(ws, r, c, s ? s : "", fmt);
	record(f, sheet, r, c, s ? s : "");
}

static void
text_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
          lxw_format *fmt)
{
	if (s != NULL && *s != '\0')
		sheet_lib.worksheet_write_string(ws, r, c, s, fmt);
	else
		sheet_lib.worksheet_write_blank(ws, r, c, fmt);
}

static void
date_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, struct pr_date d,
          lxw_format *fmt)
{
	if (d.y != 0) {
		lxw_datetime t = lxw_date(d);

		sheet_lib.worksheet_write_datetime(ws, r, c, &t, fmt);
	} else
		sheet_lib.worksheet_write_blank(ws, r, c, fmt);
}

/* Characters of UTF-8 text. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0'; s++)
		n += (*s & 0xC0) != 0x80;
	return n;
}

/* Spreadsheet programs do not grow a row for wrapped text written by
 * another program; a height for the longest text keeps it readable.
 * `width` is the column's width in characters. */
static void
fit_lines(unsigned *lines, const char *s, double width)
{
	unsigned n = (unsigned)((double)chars(s) / (width * 0.9)) + 1;

	if (n > *lines)
		*lines = n;
}

static void
row_height(lxw_worksheet *ws, lxw_row_t r, unsigned lines)
{
	if (lines > 1)
		sheet_lib.worksheet_set_row(
		    ws, r, 15.0 * (lines > 15 ? 15 : lines), NULL);
}

/* Printed on A4 across, as wide as the page, headings on every page. */
static void
page_setup(lxw_worksheet *ws, bool heads)
{
	sheet_lib.worksheet_set_landscape(ws);
	sheet_lib.worksheet_set_paper(ws, 9);
	sheet_lib.worksheet_fit_to_pages(ws, 1, 0);
	if (heads)
		sheet_lib.worksheet_repeat_rows(ws, 0, 0);
}

static void
validate_dates(struct form *f, lxw_worksheet *ws, lxw_row_t r0, lxw_row_t r1,
               lxw_col_t c)
{
	lxw_data_validation dv = {0};

	dv.validate = LXW_VALIDATION_TYPE_DATE;
	dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	dv.minimum_datetime = (lxw_datetime){1900, 1, 1, 0, 0, 0};
	dv.maximum_datetime = (lxw_datetime){2200, 12, 31, 0, 0, 0};
	dv.error_title = (char *)f->w->err_title;
	dv.error_message = (char *)f->w->date_err;
	sheet_lib.worksheet_data_validation_range(ws, r0, c, r1, c, &dv);
}

static void
milestones_sheet(struct form *f, lxw_worksheet *ws, const char **labels)
{
	const struct model *m = f->m;
	const char *sheet = f->w->ms_sheet;
	lxw_row_t r = 1;
	struct buf cause, measure;
	const char *word = form_measure_word(locale_lang(f->loc));
	lxw_protection prot = {0};
	size_t i;
	int c;

	buf_init(&cause);
	buf_init(&measure);
	for (c = 0; c < FMC__N; c++)
		sheet_lib.worksheet_write_string(ws, 0, (lxw_col_t)c,
		                                 f->w->ms_head[c], f->head);
	for (i = 0; i < m->nmilestones; i++) {
		const struct milestone *ms = m->milestones[i];
		unsigned lines;
		char d[16];

		if (ms->unit == NULL || strcmp(ms->unit, f->unit) != 0)
			continue;
		locked_text(f, ws, sheet, r, FMC_ID, ms->id, f->locked);
		locked_text(f, ws, sheet, r, FMC_TITLE, ms->title,
		            f->locked_wrap);
		date_cell(ws, r, FMC_PLANNED, ms->planned, f->locked_date);
		snprintf(d, sizeof(d), "%04d-%02d-%02d", ms->planned.y,
		         ms->planned.m, ms->planned.d);
		record(f, sheet, r, FMC_PLANNED, ms->planned.y ? d : "");
		date_cell(ws, r, FMC_FORECAST, ms->forecast, f->open_date);
		text_cell(ws, r, FMC_STATUS, labels[ms->status], f->open);
		sheet_lib.worksheet_write_number(ws, r, FMC_PROGRESS,
		                                 ms->progress, f->open_num[0]);
		date_cell(ws, r, FMC_COMPLETED, ms->completed, f->open_date);
		if (ms->explanation != NULL)
			form_split_explanation(ms->explanation, word, &cause,
			                       &measure);
		else {
			buf_reset(&cause);
			buf_reset(&measure);
			buf_puts(&cause, ms->cause ? ms->cause : "");
			buf_puts(&measure,
			         ms->countermeasure ? ms->countermeasure : "");
		}
		text_cell(ws, r, FMC_CAUSE, cause.data, f->open_wrap);
		text_cell(ws, r, FMC_MEASURE, measure.data, f->open_wrap);
		date_cell(ws, r, FMC_UPDATED, ms->updated, f->open_date);
		lines = 1;
		fit_lines(&lines, ms->title, 40);
		fit_lines(&lines, cause.data, 40);
		fit_lines(&lines, measure.data, 40);
		row_height(ws, r, lines);
		r++;
	}
	if (r > 1) {
		lxw_data_validation dv = {0};

		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = (char **)labels;
		dv.error_title = (char *)f->w->err_title;
		dv.error_message = (char *)f->w->list_err;
		sheet_lib.worksheet_data_validation_range(
		    ws, 1, FMC_STATUS, r - 1, FMC_STATUS, &dv);
		memset(&dv, 0, sizeof(dv));
		dv.validate = LXW_VALIDATION_TYPE_INTEGER;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_number = 0;
		dv.maximum_number = 100;
		dv.error_title = (char *)f->w->err_title;
		dv.error_message = (char *)f->w->int_err;
		sheet_lib.worksheet_data_validation_range(
		    ws, 1, FMC_PROGRESS, r - 1, FMC_PROGRESS, &dv);
		validate_dates(f, ws, 1, r - 1, FMC_FORECAST);
		validate_dates(f, ws, 1, r - 1, FMC_COMPLETED);
		validate_dates(f, ws, 1, r - 1, FMC_UPDATED);
	}
	sheet_lib.worksheet_set_column(ws, FMC_ID, FMC_ID, 12, NULL);
	sheet_lib.worksheet_set_column(ws, FMC_TITLE, FMC_TITLE, 40, NULL);
	sheet_lib.worksheet_set_column(ws, FMC_PLANNED, FMC_FORECAST, 12, NULL);
	sheet_lib.worksheet_set_column(ws, FMC_STATUS, FMC_STATUS, 16, NULL);
	sheet_lib.worksheet_set_column(ws, FMC_PROGRESS, FMC_COMPLETED, 15,
	                               NULL);
	sheet_lib.worksheet_set_column(ws, FMC_CAUSE, FMC_MEASURE, 40, NULL);
	sheet_lib.worksheet_set_column(ws, FMC_UPDATED, FMC_UPDATED, 12, NULL);
	sheet_lib.worksheet_freeze_panes(ws, 1, 2);
	page_setup(ws, true);
	prot.format_columns = 1;
	prot.format_rows = 1;
	sheet_lib.worksheet_protect(ws, NULL, &prot);
	buf_free(&cause);
	buf_free(&measure);
}

/* The earlier years the unit's indicators have values for. */
static void
value_years(const struct form *f, int *first, int *n)
{
	int lo = 0, hi = 0;
	size_t i, k;

	for (i = 0; i < f->m->nindicators; i++) {
		const struct indicator *ind = f->m->indicators[i];

		if (ind->responsible == NULL ||
		    strcmp(ind->responsible, f->unit) != 0)
			continue;
		for (k = 0; k < ind->nvalues; k++) {
			int y = ind->values[k].year;

			if (y >= f->m->settings.year)
				continue;
			if (lo == 0 || y < lo)
				lo = y;
			if (y > hi)
				hi = y;
		}
	}
	/* Four years are enough to see a trend and keep the sheet narrow. */
	if (lo != 0 && hi - lo > 3)
		lo = hi - 3;
	*first = lo;
	*n = lo ? hi - lo + 1 : 0;
}

static void
indicators_sheet(struct form *f, lxw_worksheet *ws, int y0, int ny)
{
	const struct model *m = f->m;
	const char *sheet = f->w->ind_sheet;
	const int year = m->settings.year;
	lxw_col_t vcol = (lxw_col_t)(FIC__N + ny), scol = vcol + 1;
	lxw_protection prot = {0};
	lxw_row_t r = 1;
	size_t i, k;
	int c;

	for (c = 0; c < FIC__N; c++)
		sheet_lib.worksheet_write_string(ws, 0, (lxw_col_t)c,
		                                 f->w->ind_head[c], f->head);
	for (c = 0; c < ny; c++) {
		buf_reset(&f->tmp);
		buf_printf(&f->tmp, "%d", y0 + c);
		sheet_lib.worksheet_write_string(ws, 0, (lxw_col_t)(FIC__N + c),
		                                 f->tmp.data, f->head);
	}
	buf_reset(&f->tmp);
	buf_printf(&f->tmp, f->w->value_head, year);
	sheet_lib.worksheet_write_string(ws, 0, vcol, f->tmp.data, f->head);
	sheet_lib.worksheet_write_string(ws, 0, scol, f->w->source_head,
	                                 f->head);
	for (i = 0; i < m->nindicators; i++) {
		const struct indicator *ind = m->indicators[i];
		int dec = ind->decimals < 0   ? 0
		          : ind->decimals > 6 ? 6
		                              : ind->decimals;
		unsigned lines;
		char key[32];

		if (ind->responsible == NULL ||
		    strcmp(ind->responsible, f->unit) != 0)
			continue;
		locked_text(f, ws, sheet, r, FIC_ID, ind->id, f->locked);
		locked_text(f, ws, sheet, r, FIC_TITLE, ind->title,
		            f->locked_wrap);
		locked_text(f, ws, sheet, r, FIC_UNIT, ind->unit, f->locked);
		sheet_lib.worksheet_write_number(ws, r, FIC_DECIMALS, dec,
		                                 f->locked);
		snprintf(key, sizeof(key), "%d", dec);
		record(f, sheet, r, FIC_DECIMALS, key);
		snprintf(key, sizeof(key), "direction.%s",
		         ind->direction < 0 ? "lower" : "higher");
		locked_text(f, ws, sheet, r, FIC_DIR, locale_str(f->loc, key),
		            f->locked);
		for (c = 0; c < ny; c++) {
			lxw_col_t col = (lxw_col_t)(FIC__N + c);

			for (k = 0; k < ind->nvalues; k++)
				if (ind->values[k].year == y0 + c)
					break;
			if (k == ind->nvalues) {
				sheet_lib.worksheet_write_blank(ws, r, col,
				                                f->locked);
				record(f, sheet, r, col, "");
				continue;
			}
			sheet_lib.worksheet_write_number(ws, r, col,
			                                 ind->values[k].value,
			                                 f->locked_num[dec]);
			buf_reset(&f->tmp);
			buf_printf(&f->tmp, "%.6f", ind->values[k].value);
			record(f, sheet, r, col, f->tmp.data);
		}
		for (k = 0; k < ind->nvalues; k++)
			if (ind->values[k].year == year)
				break;
		if (k < ind->nvalues)
			sheet_lib.worksheet_write_number(ws, r, vcol,
			                                 ind->values[k].value,
			                                 f->open_num[dec]);
		else
			sheet_lib.worksheet_write_blank(ws, r, vcol,
			                                f->open_num[dec]);
		text_cell(ws, r, scol, ind->source, f->open_wrap);
		lines = 1;
		fit_lines(&lines, ind->title, 40);
		fit_lines(&lines, ind->source, 40);
		row_height(ws, r, lines);
		r++;
	}
	if (r > 1) {
		lxw_data_validation dv = {0};

		dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
		dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
		dv.minimum_number = -999999999999.0;
		dv.maximum_number = 999999999999.0;
		dv.error_title = (char *)f->w->err_title;
		dv.error_message = (char *)f->w->num_err;
		sheet_lib.worksheet_data_validation_range(ws, 1, vcol, r - 1,
		                                          vcol, &dv);
	}
	sheet_lib.worksheet_set_column(ws, FIC_ID, FIC_ID, 20, NULL);
	sheet_lib.worksheet_set_column(ws, FIC_TITLE, FIC_TITLE, 40, NULL);
	sheet_lib.worksheet_set_column(ws, FIC_UNIT, FIC_DIR, 14, NULL);
	if (ny > 0)
		sheet_lib.worksheet_set_column(ws, FIC__N, vcol - 1, 10, NULL);
	sheet_lib.worksheet_set_column(ws, vcol, vcol, 12, NULL);
	sheet_lib.worksheet_set_column(ws, scol, scol, 40, NULL);
	sheet_lib.worksheet_freeze_panes(ws, 1, 2);
	page_setup(ws, true);
	prot.format_columns = 1;
	prot.format_rows = 1;
	sheet_lib.worksheet_protect(ws, NULL, &prot);
}

static void
intro_sheet(struct form *f, lxw_worksheet *ws, struct pr_date due)
{
	const struct model *m = f->m;
	const struct settings *st = &m->settings;
	const struct words *w = f->w;
	struct missing_item *v;
	size_t n = inputs_missing(m, &v), i, shown = 0;
	unsigned lines;
	lxw_row_t r = 0;
	struct buf date;
	char d[16];
	int k;

	buf_init(&date);
	sheet_lib.worksheet_set_column(ws, 0, 0, 100, NULL);
	buf_reset(&f->tmp);
	buf_printf(&f->tmp, w->title, st->organisation, st->year);
	sheet_lib.worksheet_write_string(ws, r++, 0, f->tmp.data, f->title);
	const struct org_unit *u = model_find_unit(m, f->unit);
	buf_reset(&f->tmp);
	buf_printf(&f->tmp, w->for_unit, unit_display(u, f->unit));
	sheet_lib.worksheet_write_string(ws, r++, 0, f->tmp.data, f->head);
	if (u != NULL && u->contact_name != NULL) {
		buf_reset(&date);
		buf_puts(&date, u->contact_name);
		if (u->contact_email)
			buf_printf(&date, ", %s", u->contact_email);
		if (u->contact_phone)
			buf_printf(&date, ", %s", u->contact_phone);
		buf_reset(&f->tmp);
		buf_printf(&f->tmp, w->unit_contact, date.data);
		sheet_lib.worksheet_write_string(ws, r++, 0, f->tmp.data,
		                                 f->para);
	}
	r++;
	for (k = 0; k < 4; k++) {
		buf_reset(&f->tmp);
		buf_reset(&date);
		locale_date(f->loc, st->cutoff, &date);
		if (k == 0)
			buf_printf(&f->tmp, w->what[k], date.data);
		else if (k == 2)
			buf_printf(&f->tmp, w->what[k], st->year);
		else
			buf_puts(&f->tmp, w->what[k]);
		lines = 1;
		fit_lines(&lines, f->tmp.data, 100);
		row_height(ws, r, lines);
		sheet_lib.worksheet_write_string(ws, r++, 0, f->tmp.data,
		                                 f->para);
	}
	r++;
	buf_reset(&date);
	locale_date(f->loc, due, &date);
	buf_reset(&f->tmp);
	buf_printf(&f->tmp, w->due, date.data);
	sheet_lib.worksheet_write_string(ws, r++, 0, f->tmp.data, f->head);
	buf_reset(&f->tmp);
	buf_reset(&date);
	buf_puts(&date, st->contact_name ? st->contact_name : "");
	if (st->contact_email)
		buf_printf(&date, ", %s", st->contact_email);
	if (st->contact_phone)
		buf_printf(&date, ", %s", st->contact_phone);
	buf_printf(&f->tmp, w->ask, date.data);
	sheet_lib.worksheet_write_string(ws, r++, 0, f->tmp.data, f->para);
	r++;
	sheet_lib.worksheet_write_string(ws, r++, 0, w->missing, f->head);
	for (i = 0; i < n; i++) {
		const struct milestone *ms = v[i].ms;
		const struct indicator *ind = v[i].ind;

		if (strcmp(v[i].unit, f->unit) != 0)
			continue;
		buf_reset(&f->tmp);
		switch (v[i].kind) {
		case MISSING_NEVER_UPDATED:
			buf_printf(&f->tmp, w->never, ms->id,
			           ms->title ? ms->title : "");
			break;
		case MISSING_STALE:
			snprintf(d, sizeof(d), "%04d-%02d-%02d", ms->updated.y,
			         ms->updated.m, ms->updated.d);
			buf_printf(&f->tmp, w->stale, ms->id,
			           ms->title ? ms->title : "", d);
			break;
		case MISSING_EXPLANATION:
			buf_printf(&f->tmp, w->expl, ms->id,
			           ms->title ? ms->title : "");
			break;
		case MISSING_VALUE:
			buf_printf(&f->tmp, w->novalue, ind->id,
			           ind->title ? ind->title : "", st->year);
			break;
		}
		buf_reset(&date);
		buf_printf(&date, "– %s", f->tmp.data);
		sheet_lib.worksheet_write_string(ws, r++, 0, date.data,
		                                 f->para);
		shown++;
	}
	if (shown == 0)
		sheet_lib.worksheet_write_string(ws, r++, 0, w->nothing,
		                                 f->para);
	inputs_missing_free(v, n);
	page_setup(ws, false);
	sheet_lib.worksheet_protect(ws, NULL, NULL);
	buf_free(&date);
}

static lxw_format *
new_format(lxw_workbook *wb, bool open, const char *num, bool wrap)
{
	lxw_format *fmt = sheet_lib.workbook_add_format(wb);

	if (open)
		sheet_lib.format_set_unlocked(fmt);
	else
		sheet_lib.format_set_bg_color(fmt, 0xE4E4E4);
	if (num != NULL)
		sheet_lib.format_set_num_format(fmt, num);
	if (wrap)
		sheet_lib.format_set_text_wrap(fmt);
	sheet_lib.format_set_align(fmt, LXW_ALIGN_VERTICAL_TOP);
	sheet_lib.format_set_border(fmt, LXW_BORDER_THIN);
	sheet_lib.format_set_border_color(fmt, 0xA0A0A0);
	return fmt;
}

static bool
write_form(const struct model *m, const struct locale *loc, const char *unit,
           const char *path, struct pr_date due, long long created)
{
	const struct settings *st = &m->settings;
	const char *lang = locale_lang(loc);
	const struct words *w = strcmp(lang, "de") == 0 ? &de : &en;
	lxw_doc_properties props = {0};
	const char *labels[MS_STATUS__MAX + 1];
	lxw_worksheet *intro, *wms, *wind;
	struct form f = {0};
	lxw_error err;
	int y0, ny, i;
	char key[64];

	f.m = m;
	f.loc = loc;
	f.w = w;
	f.unit = unit;
	f.hash = FORM_HASH_INIT;
	buf_init(&f.tmp);
	for (i = 0; i < MS_STATUS__MAX; i++) {
		snprintf(key, sizeof(key), "status.%s",
		         ms_status_key((enum ms_status)i));
		labels[i] = locale_str(loc, key);
	}
	labels[MS_STATUS__MAX] = NULL;
	f.wb = sheet_lib.workbook_new(path);
	if (f.wb == NULL) {
		diag_syserr(path, "cannot create the form");
		buf_free(&f.tmp);
		return false;
	}
	f.head = sheet_lib.workbook_add_format(f.wb);
	sheet_lib.format_set_bold(f.head);
	sheet_lib.format_set_text_wrap(f.head);
	sheet_lib.format_set_align(f.head, LXW_ALIGN_VERTICAL_TOP);
	f.title = sheet_lib.workbook_add_format(f.wb);
	sheet_lib.format_set_bold(f.title);
	sheet_lib.format_set_font_size(f.title, 14);
	f.para = sheet_lib.workbook_add_format(f.wb);
	sheet_lib.format_set_text_wrap(f.para);
	sheet_lib.format_set_align(f.para, LXW_ALIGN_VERTICAL_TOP);
	f.locked = new_format(f.wb, false, NULL, false);
	f.locked_wrap = new_format(f.wb, false, NULL, true);
	f.locked_date = new_format(f.wb, false, w->date_fmt, false);
	f.open = new_format(f.wb, true, NULL, false);
	f.open_wrap = new_format(f.wb, true, NULL, true);
	f.open_date = new_format(f.wb, true, w->date_fmt, false);
	for (i = 0; i <= 6; i++) {
		static const char *const nf[] = {"0",       "0.0",    "0.00",
		                                 "0.000",   "0.0000", "0.00000",
		                                 "0.000000"};

		f.open_num[i] = new_format(f.wb, true, nf[i], false);
		f.locked_num[i] = new_format(f.wb, false, nf[i], false);
	}

	intro = sheet_lib.workbook_add_worksheet(f.wb, w->intro_sheet);
	wms = sheet_lib.workbook_add_worksheet(f.wb, w->ms_sheet);
	wind = sheet_lib.workbook_add_worksheet(f.wb, w->ind_sheet);
	f.mark = sheet_lib.workbook_add_worksheet(f.wb, FORM_MARK_SHEET);
	sheet_lib.worksheet_hide(f.mark);
	sheet_lib.worksheet_protect(f.mark, NULL, NULL);

	mark_pair(&f, FORM_MAGIC, "1");
	mark_pair(&f, "unit", unit);
	snprintf(key, sizeof(key), "%d", st->year);
	mark_pair(&f, "year", key);
	mark_pair(&f, "language", lang);
	mark_pair(&f, "milestones", w->ms_sheet);
	mark_pair(&f, "indicators", w->ind_sheet);
	value_years(&f, &y0, &ny);
	snprintf(key, sizeof(key), "%d", y0);
	mark_pair(&f, "first_year", key);
	snprintf(key, sizeof(key), "%d", ny);
	mark_pair(&f, "years", key);
	for (i = 0; i < MS_STATUS__MAX; i++) {
		sheet_lib.worksheet_write_string(f.mark, f.mark_row, 0,
		                                 "status", NULL);
		sheet_lib.worksheet_write_string(f.mark, f.mark_row, 1,
		                                 labels[i], NULL);
		sheet_lib.worksheet_write_string(
		    f.mark, f.mark_row, 2, ms_status_key((enum ms_status)i),
		    NULL);
		f.mark_row++;
		f.hash = form_hash(f.hash, labels[i]);
	}

	intro_sheet(&f, intro, due);
	milestones_sheet(&f, wms, labels);
	indicators_sheet(&f, wind, y0, ny);
	snprintf(key, sizeof(key), "%016llx", (unsigned long long)f.hash);
	sheet_lib.worksheet_write_string(f.mark, f.mark_row, 0, "checksum",
	                                 NULL);
	sheet_lib.worksheet_write_string(f.mark, f.mark_row, 1, key, NULL);
	sheet_lib.worksheet_activate(wms);

	buf_reset(&f.tmp);
	buf_printf(&f.tmp, w->title, st->organisation, st->year);
	props.title = f.tmp.data;
	props.author = (char *)st->organisation;
	props.company = (char *)st->organisation;
	props.created = (time_t)created;
	sheet_lib.workbook_set_properties(f.wb, &props);
	err = sheet_lib.workbook_close(f.wb);
	buf_free(&f.tmp);
	if (err != LXW_NO_ERROR) {
		struct src_pos pos = {path, 0, 0};

		diag(DIAG_SYSTEM, &pos, "cannot write the form: %s",
		     sheet_lib.lxw_strerror(err));
		return false;
	}
	return true;
}

/* Syncs a finished file, so that a rename never exposes an empty one. */
static bool
sync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool ok;

	if (fd < 0) {
		diag_syserr(path, "cannot open the written form");
		return false;
	}
	ok = fsync(fd) == 0;
	if (!ok)
		diag_syserr(path, "cannot sync the form");
	close(fd);
	return ok;
}

bool
forms_write(const struct model *m, const char *templates, const char *outdir,
            struct pr_date due, long long created)
{
	struct form_units u;
	struct locale *loc;
	struct buf dir, *tmp, *fin;
	bool ok = true;
	size_t i;
	int dfd;

	buf_init(&dir);
	if (!sheetlib_write(&dir)) {
		diag(DIAG_SYSTEM, NULL, "%s: writing the forms needs it",
		     dir.data);
		buf_free(&dir);
		return false;
	}
	buf_reset(&dir);
	buf_printf(&dir, "%s/%s", templates, m->settings.lang);
	loc = locale_load(dir.data);
	buf_free(&dir);
	if (loc == NULL)
		return false;
	if (mkdir(outdir, 0777) != 0 && errno != EEXIST) {
		diag_syserr(outdir, "cannot create the folder for the forms");
		locale_free(loc);
		return false;
	}
	form_units(m, &u);
	tmp = xcalloc(u.n + 1, sizeof(*tmp));
	fin = xcalloc(u.n + 1, sizeof(*fin));
	for (i = 0; i < u.n && ok; i++) {
		buf_init(&tmp[i]);
		buf_init(&fin[i]);
		buf_printf(&fin[i], "%s/%d-%s.xlsx", outdir, m->settings.year,
		           u.slugs[i]);
		buf_printf(&tmp[i], "%s/.%d-%s.xlsx.%ld.tmp", outdir,
		           m->settings.year, u.slugs[i], (long)getpid());
		ok =
		    write_form(m, loc, u.names[i], tmp[i].data, due, created) &&
		    sync_path(tmp[i].data);
	}
	for (i = 0; i < u.n && ok; i++)
		if (rename(tmp[i].data, fin[i].data) != 0) {
			diag_syserr(fin[i].data,
			            "cannot put the form in place");
			ok = false;
		}
	if (ok && (dfd = open(outdir, O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	for (i = 0; i < u.n; i++) {
		if (!ok && tmp[i].data != NULL)
			unlink(tmp[i].data);
		if (ok)
			diag_log("wrote %s", fin[i].data);
		buf_free(&tmp[i]);
		buf_free(&fin[i]);
	}
	free(tmp);
	free(fin);
	form_units_free(&u);
	locale_free(loc);
	return ok;
}
