/*
 * import.c - filled-in forms back into the inputs.
 *
 * Each form is read whole (sheet_read.c) and checked in three steps:
 * that it is a form of this tool for a unit of the inputs and for the
 * reporting year, with its hidden record intact; that no protected
 * cell was changed; and then every answer, by turning each form into
 * the update it would write (a tree of the same nodes the YAML reader
 * makes, each placed at its cell) and loading the inputs with those
 * updates standing in for the files on disk, so that the rules of
 * `check` apply as they are, and every message names FORM:SHEET!CELL.
 *
 * Only when no form has an error are the update files written, each
 * under a temporary name, synced, and renamed once all are complete;
 * a file whose bytes would not change is left alone, so that importing
 * the same form twice changes nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "forms.h"
#include "inputs.h"
#include "inputs_yaml.h"
#include "sheet_read.h"
#include "sheetlib.h"

/* One milestone's or indicator's answers, as the update file holds
 * them; NULL where the form leaves the value empty. */
struct answer {
	bool milestone;
	const char *id;
	const char *v[7]; /* status progress forecast completed cause
	                   * countermeasure updated; indicators: value
	                   * source */
	struct src_pos pos[7];
	bool given[7]; /* the key is written (with ~ when v is NULL) */
};

#define MS_NKEYS 7
static const char *const ms_keys[MS_NKEYS] = {
    "status", "progress",       "forecast", "completed",
    "cause",  "countermeasure", "updated"};
static const char *const ind_keys[] = {"value", "source"};

struct form_in {
	const char *path;
	struct book book;
	const char *unit, *lang, *ms_sheet, *ind_sheet;
	const char *labels[MS_STATUS__MAX];
	int year, first_year, nyears;
	const char *slug;
	struct answer *answers;
	size_t nanswers;
	struct ynode *root;
	struct buf yaml; /* the update file's bytes */
	/* Rows whose id cell was changed: their answers are not read, as
	 * they cannot be told whose they are. */
	unsigned *changed_rows; /* 0-based; the sheet's in changed_sheet */
	const char **changed_sheet;
	size_t nchanged;
};

struct importer {
	struct pool pool;
	const struct model *m;
	struct form_units units;
	struct form_in *forms;
	size_t nforms;
};

/* ------------------------------------------------------------------ */
/* Cells.                                                             */

static struct src_pos
cell_pos(struct importer *im, const char *path, const char *sheet, unsigned row,
         unsigned col)
{
	struct buf b;
	struct src_pos p;

	buf_init(&b);
	buf_printf(&b, "%s:%s!", path, sheet);
	p.file = pool_strdup(&im->pool, b.data);
	p.line = row + 1;
	p.col = (col + 1) | SRC_CELL;
	buf_free(&b);
	return p;
}

/* Days from 1970-01-01 to the date (proleptic Gregorian). */
static long
days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* A spreadsheet's day number as YYYY-MM-DD; false if it is no date. */
static bool
serial_date(double serial, bool date1904, char out[16])
{
	long base = date1904 ? days_from_civil(1904, 1, 1)
	                     : days_from_civil(1899, 12, 30);
	int y, m, d;

	if (!(serial >= 1 && serial < 200000))
		return false;
	civil_from_days(base + (long)floor(serial), &y, &m, &d);
	snprintf(out, 16, "%04d-%02d-%02d", y % 10000, m, d);
	return true;
}

/* A number as the inputs write it: no exponent, no trailing zeros. */
static void
number_text(double v, char out[64])
{
	char *p;

	/* Beyond 15 digits "%.6f" prints the binary value's noise
	 * (1e300 as 60 digits); the inputs refuse such a number anyway,
	 * so the message shows it as a spreadsheet would. */
	if (!(fabs(v) < 1e15)) {
		snprintf(out, 64, "%.15G", v);
		return;
	}
	snprintf(out, 64, "%.6f", v);
	if ((p = strchr(out, '.')) != NULL) {
		char *e = out + strlen(out);

		while (e > p + 1 && e[-1] == '0')
			*--e = '\0';
		if (e == p + 1)
			*p = '\0';
	}
	if (strcmp(out, "-0") == 0)
		strcpy(out, "0");
}

enum kind { K_TEXT, K_DATE, K_INT, K_NUMBER };

/*
 * The cell's value as text, the way its column means it: a date as
 * YYYY-MM-DD, a number as written in the inputs.  Empty cells give "".
 * A value that cannot be of the kind (a number in a date cell that is
 * no day) is given as it stands, for the checks to refuse.
 */
static void
cell_text(const struct book *bk, const struct cell *c, enum kind k,
          struct buf *out)
{
	char tmp[64];

	buf_reset(out);
	if (c == NULL)
		return;
	switch (c->type) {
	case CELL_TEXT:
	case CELL_ERROR:
	case CELL_DATE:
		buf_puts(out, c->text ? c->text : "");
		return;
	case CELL_BOOL:
		buf_puts(out, c->num != 0 ? "TRUE" : "FALSE");
		return;
	case CELL_NUMBER:
		if (k == K_DATE && !bk->ods &&
		    serial_date(c->num, bk->date1904, tmp)) {
			buf_puts(out, tmp);
			return;
		}
		number_text(c->num, tmp);
		buf_puts(out, tmp);
		return;
	}
}

/* ------------------------------------------------------------------ */
/* The hidden record.                                                 */

static const struct cell *
at(const struct sheet *s, unsigned row, unsigned col)
{
	return sheet_cell(s, row, col);
}

static const char *
text_at(const struct sheet *s, unsigned row, unsigned col)
{
	const struct cell *c = at(s, row, col);

	return c != NULL && c->type == CELL_TEXT ? c->text : NULL;
}

/* What kind of value a protected cell holds. */
static enum kind
protected_kind(const struct form_in *f, const char *sheet, unsigned col)
{
	if (strcmp(sheet, f->ms_sheet) == 0)
		return col == FMC_PLANNED ? K_DATE : K_TEXT;
	if (col == FIC_DECIMALS)
		return K_INT;
	return col >= FIC__N ? K_NUMBER : K_TEXT;
}

/* Compares a protected cell with the record; "%.6f" for numbers as
 * forms.c records them. */
static bool
same_as_recorded(const struct form_in *f, const struct cell *c, enum kind k,
                 const char *rec, struct buf *now)
{
	cell_text(&f->book, c, k, now);
	if (k == K_NUMBER && c != NULL && c->type == CELL_NUMBER) {
		char tmp[64];

		snprintf(tmp, sizeof(tmp), "%.6f", c->num);
		return strcmp(tmp, rec) == 0;
	}
	return strcmp(now->data ? now->data : "", rec) == 0;
}

static bool
parse_ref(const char *s, unsigned *row, unsigned *col)
{
	unsigned c = 0, r = 0;

	while (*s >= 'A' && *s <= 'Z' && c < 100000)
		c = c * 26 + (unsigned)(*s++ - 'A' + 1);
	while (*s >= '0' && *s <= '9' && r < 10000000)
		r = r * 10 + (unsigned)(*s++ - '0');
	if (*s != '\0' || c == 0 || r == 0)
		return false;
	*row = r - 1;
	*col = c - 1;
	return true;
}

/*
 * Reads the hidden sheet: who the form is for, and the protected cells,
 * each compared with the form's cell.  False (reported) if the form is
 * not one of this tool's, or its record was changed.
 */
static bool
read_record(struct importer *im, struct form_in *f)
{
	const struct sheet *mk = book_sheet(&f->book, FORM_MARK_SHEET);
	struct src_pos fpos = {f->path, 0, 0};
	uint64_t h = FORM_HASH_INIT;
	const char *magic, *sum = NULL;
	unsigned row, nstatus = 0;
	struct buf now;
	bool ok = true;
	char hex[24];

	if (mk == NULL || (magic = text_at(mk, 0, 0)) == NULL ||
	    strcmp(magic, FORM_MAGIC) != 0) {
		diag_error(&fpos,
		           "not a form of progress-report: it has no hidden "
		           "sheet \"%s\"; import reads the forms that "
		           "progress-report forms writes",
		           FORM_MARK_SHEET);
		return false;
	}
	buf_init(&now);
	for (row = 0; row < 1000000; row++) {
		const char *k = text_at(mk, row, 0), *v = text_at(mk, row, 1);

		if (k == NULL)
			break;
		if (strcmp(k, "checksum") == 0) {
			sum = v;
			break;
		}
		if (strcmp(k, "status") == 0) {
			const char *key = text_at(mk, row, 2);
			enum ms_status st;

			if (v != NULL && key != NULL &&
			    ms_status_from_key(key, &st))
				f->labels[st] = v, nstatus++;
			h = form_hash(h, v ? v : "");
			continue;
		}
		if (strcmp(k, "cell") == 0) {
			const char *ref = text_at(mk, row, 2);
			const char *rec = text_at(mk, row, 3);
			const struct sheet *s;
			unsigned r, c;

			h = form_hash(h, v ? v : "");
			h = form_hash(h, ref ? ref : "");
			h = form_hash(h, rec ? rec : "");
			if (v == NULL || ref == NULL ||
			    !parse_ref(ref, &r, &c) ||
			    (s = book_sheet(&f->book, v)) == NULL) {
				if (v != NULL && ref != NULL &&
				    book_sheet(&f->book, v) == NULL) {
					diag_error(
					    &fpos,
					    "the sheet \"%s\" is missing; "
					    "keep the form's sheets as "
					    "they are",
					    v);
					ok = false;
					break;
				}
				continue; /* the checksum tells */
			}
			enum kind kd = protected_kind(f, v, c);

			if (!same_as_recorded(f, sheet_cell(s, r, c), kd,
			                      rec ? rec : "", &now)) {
				struct src_pos p =
				    cell_pos(im, f->path, v, r, c);
				char shown[64];

				/* A number as the person sees it. */
				snprintf(shown, sizeof(shown), "%s",
				         rec ? rec : "");
				if (kd == K_NUMBER && rec != NULL && *rec)
					number_text(strtod(rec, NULL), shown);

				diag_error(
				    &p,
				    "this cell is protected and was "
				    "changed: it held \"%s\", now \"%s\"; "
				    "only the white cells are to be "
				    "filled in: undo the change, or ask "
				    "for a new form",
				    rec && strlen(rec) < sizeof(shown) ? shown
				    : rec                              ? rec
				                                       : "",
				    now.data ? now.data : "");
				if (c == 0) {
					size_t n = f->nchanged++;

					f->changed_rows = xrealloc(
					    f->changed_rows,
					    f->nchanged * sizeof(unsigned));
					f->changed_sheet = xrealloc(
					    f->changed_sheet,
					    f->nchanged * sizeof(char *));
					f->changed_rows[n] = r;
					f->changed_sheet[n] = v;
				}
			}
			continue;
		}
		h = form_hash(h, k);
		h = form_hash(h, v ? v : "");
		if (v == NULL)
			continue;
		if (strcmp(k, "unit") == 0)
			f->unit = v;
		else if (strcmp(k, "year") == 0)
			f->year = atoi(v);
		else if (strcmp(k, "language") == 0)
			f->lang = v;
		else if (strcmp(k, "milestones") == 0)
			f->ms_sheet = v;
		else if (strcmp(k, "indicators") == 0)
			f->ind_sheet = v;
		else if (strcmp(k, "first_year") == 0)
			f->first_year = atoi(v);
		else if (strcmp(k, "years") == 0)
			f->nyears = atoi(v);
	}
	snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
	buf_free(&now);
	if (sum == NULL || strcmp(sum, hex) != 0 || f->unit == NULL ||
	    f->ms_sheet == NULL || f->ind_sheet == NULL || f->lang == NULL ||
	    nstatus != MS_STATUS__MAX || f->nyears < 0 || f->nyears > 200) {
		diag_error(&fpos,
		           "the form's hidden sheet \"%s\" was changed, so "
		           "the form cannot be trusted; make a new one with "
		           "progress-report forms",
		           FORM_MARK_SHEET);
		return false;
	}
	return ok;
}

/* ------------------------------------------------------------------ */
/* The answers.                                                       */

static void
answer_value(struct importer *im, struct form_in *f, struct answer *a, int k,
             const char *sheet, unsigned row, unsigned col, enum kind kind,
             bool blank_clears)
{
	const struct cell *c =
	    sheet_cell(book_sheet(&f->book, sheet), row, col);
	struct buf b;

	buf_init(&b);
	cell_text(&f->book, c, kind, &b);
	a->pos[k] = cell_pos(im, f->path, sheet, row, col);
	if (c != NULL && c->type == CELL_NUMBER && kind == K_DATE) {
		char d[16];

		if (f->book.ods || !serial_date(c->num, f->book.date1904, d))
			diag_error(&a->pos[k],
			           "the number %s is not a date: enter a date "
			           "such as 2026-12-31",
			           b.data);
	}
	if (c != NULL && c->type == CELL_ERROR)
		diag_error(&a->pos[k],
		           "the cell holds the error %s instead of a value",
		           b.data ? b.data : "");
	/* Spreadsheets keep what a person typed around the value. */
	while (b.len > 0 &&
	       (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\n'))
		b.data[--b.len] = '\0';
	if (b.len > 0) {
		size_t lead = strspn(b.data, " \n");

		a->v[k] = pool_strdup(&im->pool, b.data + lead);
		a->given[k] = true;
	} else
		a->given[k] = blank_clears;
	buf_free(&b);
}

static void
read_milestones(struct importer *im, struct form_in *f, const struct sheet *s,
                unsigned row)
{
	struct answer *a = &f->answers[f->nanswers++];
	struct buf cause, measure;
	const struct cell *c;
	size_t i;

	a->milestone = true;
	c = sheet_cell(s, row, FMC_ID);
	a->id = pool_strdup(&im->pool, c && c->text ? c->text : "");
	/* Status: the words of the drop-down, or the inputs' keys. */
	c = sheet_cell(s, row, FMC_STATUS);
	a->pos[0] = cell_pos(im, f->path, s->name, row, FMC_STATUS);
	a->given[0] = true;
	if (c == NULL || c->type != CELL_TEXT || c->text[0] == '\0') {
		diag_error(&a->pos[0],
		           "no status; choose one from the list: %s, %s, %s, "
		           "%s, %s, %s",
		           f->labels[0], f->labels[1], f->labels[2],
		           f->labels[3], f->labels[4], f->labels[5]);
		a->given[0] = false;
	} else {
		enum ms_status st;

		for (i = 0; i < MS_STATUS__MAX; i++)
			if (strcmp(c->text, f->labels[i]) == 0)
				break;
		if (i < MS_STATUS__MAX)
			a->v[0] = ms_status_key((enum ms_status)i);
		else if (ms_status_from_key(c->text, &st))
			a->v[0] = ms_status_key(st);
		else {
			diag_error(&a->pos[0],
			           "unknown status \"%s\"; choose one from the "
			           "list: %s, %s, %s, %s, %s, %s",
			           c->text, f->labels[0], f->labels[1],
			           f->labels[2], f->labels[3], f->labels[4],
			           f->labels[5]);
			a->given[0] = false;
		}
	}
	answer_value(im, f, a, 1, s->name, row, FMC_PROGRESS, K_INT, true);
	answer_value(im, f, a, 2, s->name, row, FMC_FORECAST, K_DATE, true);
	answer_value(im, f, a, 3, s->name, row, FMC_COMPLETED, K_DATE, true);
	answer_value(im, f, a, 6, s->name, row, FMC_UPDATED, K_DATE, true);
	/* Cause and countermeasure, each from its own column: they are
	 * the milestone's two fields. */
	buf_init(&cause);
	buf_init(&measure);
	cell_text(&f->book, sheet_cell(s, row, FMC_CAUSE), K_TEXT, &cause);
	cell_text(&f->book, sheet_cell(s, row, FMC_MEASURE), K_TEXT, &measure);
	a->pos[4] = cell_pos(im, f->path, s->name, row, FMC_CAUSE);
	a->pos[5] = cell_pos(im, f->path, s->name, row, FMC_MEASURE);
	a->given[4] = a->given[5] = true;
	if (cause.len > 0)
		a->v[4] = pool_strdup(&im->pool, cause.data);
	if (measure.len > 0)
		a->v[5] = pool_strdup(&im->pool, measure.data);
	buf_free(&cause);
	buf_free(&measure);
}

static void
read_indicator(struct importer *im, struct form_in *f, const struct sheet *s,
               unsigned row)
{
	struct answer *a = &f->answers[f->nanswers++];
	unsigned vcol = (unsigned)(FIC__N + f->nyears);
	const struct cell *c = sheet_cell(s, row, FIC_ID);
	const struct indicator *ind;

	a->milestone = false;
	a->id = pool_strdup(&im->pool, c && c->text ? c->text : "");
	answer_value(im, f, a, 0, s->name, row, vcol, K_NUMBER, false);
	answer_value(im, f, a, 1, s->name, row, vcol + 1, K_TEXT, true);
	c = sheet_cell(s, row, vcol);
	if (c != NULL && c->type == CELL_TEXT && a->v[0] != NULL) {
		/* A value typed as text: "12,5" in a German sheet. */
		if (strchr(a->v[0], ',') != NULL)
			diag_error(&a->pos[0],
			           "\"%s\" is text, not a number; enter the "
			           "number in the cell as a number (with the "
			           "decimal separator the program expects)",
			           a->v[0]);
	}
	if ((ind = model_find_indicator(im->m, a->id)) != NULL &&
	    a->v[0] != NULL && c != NULL && c->type == CELL_NUMBER) {
		const char *p = strchr(a->v[0], '.');
		int dec = p ? (int)strlen(p + 1) : 0;

		if (dec > ind->decimals)
			diag_warning(
			    &a->pos[0],
			    "%s has %d decimal%s, more than the %d of "
			    "the indicator \"%s\"; the report shows it "
			    "rounded",
			    a->v[0], dec, dec == 1 ? "" : "s", ind->decimals,
			    ind->id);
	}
}

/* The rows the record names, in order: a row with a recorded id. */
static void
read_answers(struct importer *im, struct form_in *f)
{
	const struct sheet *mk = book_sheet(&f->book, FORM_MARK_SHEET);
	const struct sheet *ms = book_sheet(&f->book, f->ms_sheet);
	const struct sheet *is = book_sheet(&f->book, f->ind_sheet);
	unsigned row, r, c;
	size_t n = 0;

	for (row = 0; text_at(mk, row, 0) != NULL; row++)
		n++;
	f->answers = pool_alloc(&im->pool, (n + 1) * sizeof(*f->answers));
	memset(f->answers, 0, (n + 1) * sizeof(*f->answers));
	for (row = 0; text_at(mk, row, 0) != NULL; row++) {
		const char *v = text_at(mk, row, 1), *ref = text_at(mk, row, 2);

		size_t k;

		if (strcmp(text_at(mk, row, 0), "cell") != 0 || v == NULL ||
		    ref == NULL || !parse_ref(ref, &r, &c) || c != 0)
			continue;
		for (k = 0; k < f->nchanged; k++)
			if (f->changed_rows[k] == r &&
			    strcmp(f->changed_sheet[k], v) == 0)
				break;
		if (k < f->nchanged)
			continue;
		if (ms != NULL && strcmp(v, f->ms_sheet) == 0)
			read_milestones(im, f, ms, r);
		else if (is != NULL && strcmp(v, f->ind_sheet) == 0)
			read_indicator(im, f, is, r);
	}
}

/* ------------------------------------------------------------------ */
/* The update as nodes (for the check) and as YAML (for the file).    */

static struct ynode *
node(struct importer *im, enum ynode_type t, const struct src_pos *pos)
{
	struct ynode *n = pool_alloc(&im->pool, sizeof(*n));

	memset(n, 0, sizeof(*n));
	n->type = t;
	n->pos = *pos;
	return n;
}

static struct ynode *
scalar(struct importer *im, const char *s, bool plain,
       const struct src_pos *pos)
{
	struct ynode *n = node(im, YN_SCALAR, pos);

	n->str = s ? s : "";
	n->plain = plain || s == NULL;
	n->null = s == NULL;
	return n;
}

static void
kids(struct importer *im, struct ynode *n, size_t count)
{
	n->kids = pool_alloc(&im->pool, (count + 1) * sizeof(*n->kids));
	n->nkids = 0;
}

static void
pair(struct ynode *map, struct ynode *k, struct ynode *v)
{
	map->kids[map->nkids++] = k;
	map->kids[map->nkids++] = v;
}

/* Text values are quoted; numbers, dates and keys are plain. */
static bool
is_text(bool milestone, int k)
{
	return milestone ? k == 4 || k == 5 : k == 1;
}

static void
build_root(struct importer *im, struct form_in *f)
{
	struct src_pos fpos = {f->path, 0, 0};
	struct ynode *root = node(im, YN_MAP, &fpos), *lists[2], *v;
	char year[16];
	size_t i, nk[2] = {0, 0};
	int k;

	snprintf(year, sizeof(year), "%d", f->year);
	kids(im, root, 8);
	pair(root, scalar(im, "unit", true, &fpos),
	     scalar(im, f->unit, false, &fpos));
	pair(root, scalar(im, "year", true, &fpos),
	     scalar(im, pool_strdup(&im->pool, year), true, &fpos));
	for (i = 0; i < f->nanswers; i++)
		nk[f->answers[i].milestone ? 0 : 1]++;
	for (k = 0; k < 2; k++) {
		lists[k] = node(im, YN_SEQ, &fpos);
		kids(im, lists[k], nk[k]);
		if (nk[k] > 0)
			pair(root,
			     scalar(im, k == 0 ? "milestones" : "indicators",
			            true, &fpos),
			     lists[k]);
	}
	for (i = 0; i < f->nanswers; i++) {
		struct answer *a = &f->answers[i];
		int nkeys = a->milestone ? MS_NKEYS : 2;
		struct src_pos idpos = cell_pos(
		    im, f->path, a->milestone ? f->ms_sheet : f->ind_sheet,
		    a->pos[0].line - 1, 0);

		v = node(im, YN_MAP, &idpos);
		kids(im, v, 2 * (size_t)(nkeys + 1));
		pair(v, scalar(im, "id", true, &idpos),
		     scalar(im, a->id, false, &idpos));
		for (k = 0; k < nkeys; k++)
			if (a->given[k])
				pair(v,
				     scalar(im,
				            a->milestone ? ms_keys[k]
				                         : ind_keys[k],
				            true, &a->pos[k]),
				     scalar(im, a->v[k],
				            !is_text(a->milestone, k),
				            &a->pos[k]));
		lists[a->milestone ? 0 : 1]
		    ->kids[lists[a->milestone ? 0 : 1]->nkids++] = v;
	}
	f->root = root;
}

/* A YAML double-quoted scalar that reads back as exactly s. */
static void
quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\t')
			buf_puts(b, "\\t");
		else if (c < 0x20 || c == 0x7F)
			buf_printf(b, "\\x%02x", c);
		else
			buf_putc(b, c);
	}
	buf_putc(b, '"');
}

static void
build_yaml(struct form_in *f)
{
	struct buf *b = &f->yaml;
	size_t i;
	int k, pass;

	buf_init(b);
	buf_puts(b, "# The answers of one responsible unit for one reporting "
	            "year, written by\n# progress-report import from its "
	            "form. They replace the values of the\n# other input "
	            "files (docs/inputs.md, \"Updates from the forms\").\n");
	buf_puts(b, "unit: ");
	quoted(b, f->unit);
	buf_printf(b, "\nyear: %d\n", f->year);
	for (pass = 0; pass < 2; pass++) {
		bool first = true;

		for (i = 0; i < f->nanswers; i++) {
			struct answer *a = &f->answers[i];
			int nkeys = a->milestone ? MS_NKEYS : 2;

			if (a->milestone != (pass == 0))
				continue;
			if (first)
				buf_puts(b, pass == 0 ? "milestones:\n"
				                      : "indicators:\n");
			first = false;
			buf_puts(b, "  - id: ");
			quoted(b, a->id);
			buf_putc(b, '\n');
			for (k = 0; k < nkeys; k++) {
				if (!a->given[k])
					continue;
				buf_printf(b, "    %s: ",
				           a->milestone ? ms_keys[k]
				                        : ind_keys[k]);
				if (a->v[k] == NULL)
					buf_puts(b, "~");
				else if (is_text(a->milestone, k))
					quoted(b, a->v[k]);
				else
					buf_puts(b, a->v[k]);
				buf_putc(b, '\n');
			}
		}
	}
}

/* ------------------------------------------------------------------ */
/* Writing.                                                           */

static bool
same_bytes(const char *path, const struct buf *b)
{
	char *data;
	size_t len;
	bool same;

	if (access(path, F_OK) != 0 ||
	    !read_file_bytes(path, &input_file, &data, &len))
		return false;
	same = len == b->len && memcmp(data, b->data, len) == 0;
	free(data);
	return same;
}

static bool
make_dir(const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return true;
	diag_syserr(path, "cannot create the folder for the updates");
	return false;
}

static bool
sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool ok = fd >= 0 && fsync(fd) == 0;

	if (!ok)
		diag_syserr(path, "cannot sync the folder");
	if (fd >= 0)
		close(fd);
	return ok;
}

static bool
write_updates(struct importer *im, const char *inputs)
{
	struct buf dir, *tmp, *fin;
	bool ok = true, any = false;
	size_t i;

	buf_init(&dir);
	tmp = xcalloc(im->nforms + 1, sizeof(*tmp));
	fin = xcalloc(im->nforms + 1, sizeof(*fin));
	for (i = 0; i < im->nforms && ok; i++) {
		struct form_in *f = &im->forms[i];
		int fd;

		buf_init(&fin[i]);
		buf_init(&tmp[i]);
		buf_reset(&dir);
		buf_printf(&dir, "%s/updates", inputs);
		if (!make_dir(dir.data))
			ok = false;
		buf_printf(&dir, "/%d", f->year);
		if (!ok || !make_dir(dir.data)) {
			ok = false;
			break;
		}
		buf_printf(&fin[i], "%s/%s.yaml", dir.data, f->slug);
		if (same_bytes(fin[i].data, &f->yaml)) {
			diag_log("%s: unchanged", fin[i].data);
			continue;
		}
		buf_printf(&tmp[i], "%s/.%s.yaml.XXXXXX", dir.data, f->slug);
		if ((fd = mkstemp(tmp[i].data)) < 0) {
			diag_syserr(tmp[i].data, "cannot create");
			buf_reset(&tmp[i]);
			ok = false;
			break;
		}
		if (!write_all(fd, f->yaml.data, f->yaml.len) ||
		    fsync(fd) != 0 || fchmod(fd, 0644) != 0) {
			diag_syserr(fin[i].data, "cannot write the update");
			ok = false;
		}
		if (close(fd) != 0 && ok) {
			diag_syserr(fin[i].data, "cannot write the update");
			ok = false;
		}
	}
	for (i = 0; i < im->nforms && ok; i++)
		if (tmp[i].len > 0) {
			if (rename(tmp[i].data, fin[i].data) != 0) {
				diag_syserr(fin[i].data,
				            "cannot put the update in place");
				ok = false;
				break;
			}
			buf_reset(&tmp[i]);
			diag_log("wrote %s", fin[i].data);
			any = true;
		}
	if (ok && any) {
		buf_reset(&dir);
		buf_printf(&dir, "%s/updates/%d", inputs, im->forms[0].year);
		ok = sync_dir(dir.data);
	}
	for (i = 0; i < im->nforms; i++) {
		if (tmp[i].len > 0)
			unlink(tmp[i].data);
		buf_free(&tmp[i]);
		buf_free(&fin[i]);
	}
	free(tmp);
	free(fin);
	buf_free(&dir);
	return ok;
}

/* ------------------------------------------------------------------ */

/* Reads and checks one form against the inputs; false if it cannot be
 * used at all (its own cells are checked later with the inputs). */
static bool
read_form(struct importer *im, struct form_in *f)
{
	struct src_pos fpos = {f->path, 0, 0};
	struct buf why;
	size_t i;

	buf_init(&why);
	if (!book_read(f->path, &f->book, &why)) {
		diag_error(&fpos,
		           "cannot read the form: %s; save it again "
		           "as XLSX or ODS",
		           why.data ? why.data : "");
		buf_free(&why);
		return false;
	}
	buf_free(&why);
	if (!read_record(im, f))
		return false;
	if (f->year != im->m->settings.year) {
		diag_error(&fpos,
		           "this form is for the reporting year %d, but the "
		           "reporting year is %d; send the unit the form of "
		           "%d",
		           f->year, im->m->settings.year, im->m->settings.year);
		return false;
	}
	/* A form written before the inputs declared units names the unit
	 * as the text responsible held then, which is now its name. */
	for (i = 0; i < im->m->nunits; i++)
		if (strcmp(im->m->units[i]->name, f->unit) == 0 &&
		    model_find_unit(im->m, f->unit) == NULL) {
			f->unit = im->m->units[i]->id;
			break;
		}
	for (i = 0; i < im->units.n; i++)
		if (strcmp(im->units.names[i], f->unit) == 0)
			break;
	if (i == im->units.n) {
		diag_error(&fpos,
		           "this form is for \"%s\", which no milestone or "
		           "indicator of the inputs names as its responsible "
		           "unit",
		           f->unit);
		return false;
	}
	f->slug = im->units.slugs[i];
	for (size_t k = 0; im->forms + k < f; k++)
		if (im->forms[k].slug == f->slug) {
			diag_error(&fpos,
			           "a second form of %s (the first is %s); "
			           "import one form per unit",
			           f->unit, im->forms[k].path);
			return false;
		}
	if (book_sheet(&f->book, f->ms_sheet) == NULL ||
	    book_sheet(&f->book, f->ind_sheet) == NULL) {
		diag_error(&fpos,
		           "the sheet \"%s\" or \"%s\" is missing; keep "
		           "the form's sheets as they are",
		           f->ms_sheet, f->ind_sheet);
		return false;
	}
	read_answers(im, f);
	build_root(im, f);
	build_yaml(f);
	return true;
}

int
forms_import(const char *inputs, int year, char *const files[], size_t nfiles)
{
	struct importer im;
	struct model base, m;
	struct diag_lane *quiet;
	struct inputs_overlay *ov;
	struct buf why;
	bool ok = true, base_ok;
	size_t i;

	/* Not the forms' fault: said once, before any is read. */
	buf_init(&why);
	if (!sheetlib_read(&why)) {
		diag(DIAG_SYSTEM, NULL, "%s: reading spreadsheets needs it",
		     why.data);
		buf_free(&why);
		return diag_exit_status();
	}
	buf_free(&why);
	memset(&im, 0, sizeof(im));
	pool_init(&im.pool);
	/* The inputs as they are, for the units and the year; their
	 * messages come with the check of the forms below. */
	model_init(&base);
	quiet = diag_lane_new();
	diag_lane_enter(quiet);
	base_ok = inputs_load(&base, inputs, year);
	diag_lane_enter(NULL);
	diag_lane_free(quiet);
	im.m = &base;
	form_units(&base, &im.units);
	im.forms = xcalloc(nfiles + 1, sizeof(*im.forms));
	for (i = 0; i < nfiles; i++) {
		struct form_in *f = &im.forms[im.nforms];

		f->path = files[i];
		if (read_form(&im, f))
			im.nforms++;
		else {
			book_free(&f->book);
			free(f->changed_rows);
			free(f->changed_sheet);
			memset(f, 0, sizeof(*f));
			ok = false;
		}
	}
	ov = xcalloc(im.nforms + 1, sizeof(*ov));
	for (i = 0; i < im.nforms; i++) {
		struct buf name;

		buf_init(&name);
		buf_printf(&name, "%s.yaml", im.forms[i].slug);
		ov[i].year = im.forms[i].year;
		ov[i].name = pool_strdup(&im.pool, name.data);
		ov[i].root = im.forms[i].root;
		buf_free(&name);
	}
	diag_log("checking the forms with the inputs in %s", inputs);
	model_init(&m);
	if (!inputs_load_with(&m, inputs, year, ov, im.nforms) || !base_ok)
		ok = false;
	if (diag_count(DIAG_ERROR) + diag_count(DIAG_SYSTEM) > 0)
		ok = false;
	if (ok && im.nforms > 0)
		ok = write_updates(&im, inputs);
	else if (!ok)
		diag_log("nothing written: correct the forms (or the inputs) "
		         "and import them again");
	model_free(&m);
	free(ov);
	for (i = 0; i < im.nforms; i++) {
		book_free(&im.forms[i].book);
		buf_free(&im.forms[i].yaml);
		free(im.forms[i].changed_rows);
		free(im.forms[i].changed_sheet);
	}
	free(im.forms);
	form_units_free(&im.units);
	model_free(&base);
	pool_free(&im.pool);
	return diag_exit_status();
}
