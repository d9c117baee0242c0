/*
 * sheet_read.c - the cells of an XLSX or ODS file.
 *
 * Both formats are zip archives of XML parts; libzip opens the archive
 * (checking its consistency, so that a damaged file is refused rather
 * than half read) and expat parses each part as it is inflated, so a
 * part never needs to be held whole.  Only what import.c needs is kept:
 * sheet names and, per non-empty cell, its place, type and value.
 *
 * XLSX: xl/workbook.xml names the sheets and their relationship ids,
 * xl/_rels/workbook.xml.rels maps those to the sheet parts, and
 * xl/sharedStrings.xml holds the texts that cells refer to by number.
 * ODS: content.xml holds every table, with repeated rows and cells
 * written once with a count.
 */
#include "sheet_read.h"
#include "i18n.h"
#include "sheetlib.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Far above any form, far below what would exhaust the machine. */
#define PART_MAX  (64u << 20) /* bytes of one inflated part */
#define CELLS_MAX 1000000u    /* stored cells of a file */
#define TEXT_MAX  65536u      /* bytes of one cell's text */

struct reader {
	XML_Parser xp;
	struct book *book;
	struct buf *why;
	bool failed;
	size_t ncells;
	/* XLSX */
	char **strings; /* shared strings */
	size_t nstrings;
	char **sheet_names, **sheet_rids, **rel_ids, **rel_targets;
	size_t nsheet, nrel;
	/* The element being read. */
	int depth_si, depth_t, depth_rph, depth_v, depth_is;
	struct buf text;
	struct sheet *sheet;
	unsigned row, col;
	char ctype[16];
	bool in_cell;
	/* ODS */
	unsigned rows_rep, cols_rep;
	enum cell_type otype;
	double onum;
	bool ovalue, in_p;
	int depth_table;
	unsigned np; /* paragraphs of the cell so far */
};

static void fail(struct reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
fail(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	if (r->failed)
		return;
	r->failed = true;
	buf_reset(r->why);
	va_start(ap, fmt);
	buf_vprintf(r->why, _(fmt), ap);
	va_end(ap);
	if (r->xp != NULL)
		sheet_lib.XML_StopParser(r->xp, XML_FALSE);
}

/* The local name of an expat name "uri|local". */
static const char *
local(const char *name)
{
	const char *p = strrchr(name, '|');

	return p ? p + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i] != NULL; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

static void
push(char ***v, size_t *n, const char *s)
{
	if ((*n & (*n - 1)) == 0)
		*v = xrealloc(*v, (*n ? *n * 2 : 4) * sizeof(**v));
	(*v)[(*n)++] = xstrdup(s ? s : "");
}

static struct sheet *
add_sheet(struct book *b, const char *name)
{
	struct sheet *s;

	if ((b->n & (b->n - 1)) == 0)
		b->sheets =
		    xrealloc(b->sheets, (b->n ? b->n * 2 : 4) * sizeof(*s));
	s = &b->sheets[b->n++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	return s;
}

static void
add_cell(struct reader *r, unsigned row, unsigned col, enum cell_type t,
         double num, const char *text)
{
	struct sheet *s = r->sheet;
	struct cell *c;

	if (r->ncells++ >= CELLS_MAX) {
		fail(r, "it has more than %s cells with values", "1,000,000");
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->cells = xrealloc(s->cells, s->cap * sizeof(*s->cells));
	}
	c = &s->cells[s->n++];
	c->row = row;
	c->col = col;
	c->seq = s->n - 1;
	c->type = t;
	c->num = num;
	c->text = text ? xstrdup(text) : NULL;
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len)
{
	struct reader *r = ud;

	if (r->text.len + (size_t)len > TEXT_MAX) {
		fail(r, "a cell holds more than %s bytes of text", "65536");
		return;
	}
	buf_append(&r->text, s, (size_t)len);
}

/* ------------------------------------------------------------------ */
/* XLSX.                                                              */

/* "B12" -> row 11, col 1. */
static bool
parse_ref(const char *s, unsigned *row, unsigned *col)
{
	unsigned c = 0, rr = 0;

	if (*s < 'A' || *s > 'Z')
		return false;
	while (*s >= 'A' && *s <= 'Z' && c < 100000)
		c = c * 26 + (unsigned)(*s++ - 'A' + 1);
	if (*s < '1' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9' && rr < 10000000)
		rr = rr * 10 + (unsigned)(*s++ - '0');
	if (*s != '\0' || c > 16384 || rr > 1048576)
		return false;
	*row = rr - 1;
	*col = c - 1;
	return true;
}

static void XMLCALL
x_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct reader *r = ud;
	const char *n = local(name), *a;

	if (strcmp(n, "sheet") == 0 && r->sheet == NULL) {
		push(&r->sheet_names, &r->nsheet, attr(atts, "name"));
		r->nsheet--;
		push(&r->sheet_rids, &r->nsheet, attr(atts, "id"));
	} else if (strcmp(n, "workbookPr") == 0) {
		a = attr(atts, "date1904");
		r->book->date1904 =
		    a && (strcmp(a, "1") == 0 || strcmp(a, "true") == 0);
	} else if (strcmp(n, "Relationship") == 0) {
		push(&r->rel_ids, &r->nrel, attr(atts, "Id"));
		r->nrel--;
		push(&r->rel_targets, &r->nrel, attr(atts, "Target"));
	} else if (strcmp(n, "si") == 0) {
		r->depth_si = 1;
		buf_reset(&r->text);
	} else if (strcmp(n, "rPh") == 0) {
		r->depth_rph++;
	} else if (strcmp(n, "t") == 0 && r->depth_rph == 0 &&
	           (r->depth_si || r->depth_is)) {
		r->depth_t = 1;
	} else if (strcmp(n, "row") == 0 && r->sheet != NULL) {
		unsigned rr = 0;

		if ((a = attr(atts, "r")) != NULL)
			rr = (unsigned)strtoul(a, NULL, 10);
		r->row = rr ? rr - 1 : r->row + 1;
		r->col = (unsigned)-1;
	} else if (strcmp(n, "c") == 0 && r->sheet != NULL) {
		unsigned row = r->row, col = r->col + 1;

		if ((a = attr(atts, "r")) != NULL && !parse_ref(a, &row, &col))
			fail(r, "a cell has the reference \"%s\"", a);
		r->row = row;
		r->col = col;
		a = attr(atts, "t");
		snprintf(r->ctype, sizeof(r->ctype), "%s", a ? a : "n");
		r->in_cell = true;
		buf_reset(&r->text);
	} else if (strcmp(n, "v") == 0 && r->in_cell) {
		r->depth_v = 1;
		buf_reset(&r->text);
	} else if (strcmp(n, "is") == 0 && r->in_cell) {
		r->depth_is = 1;
		buf_reset(&r->text);
	}
}

static void XMLCALL
x_end(void *ud, const XML_Char *name)
{
	struct reader *r = ud;
	const char *n = local(name);

	if (strcmp(n, "rPh") == 0 && r->depth_rph > 0)
		r->depth_rph--;
	else if (strcmp(n, "t") == 0)
		r->depth_t = 0;
	else if (strcmp(n, "si") == 0 && r->depth_si) {
		r->depth_si = 0;
		push(&r->strings, &r->nstrings,
		     r->text.data ? r->text.data : "");
	} else if (strcmp(n, "v") == 0)
		r->depth_v = 0;
	else if (strcmp(n, "is") == 0)
		r->depth_is = 0;
	else if (strcmp(n, "c") == 0 && r->in_cell) {
		const char *v = r->text.data ? r->text.data : "";
		char *end;

		r->in_cell = false;
		if (strcmp(r->ctype, "s") == 0) {
			unsigned long i = strtoul(v, &end, 10);

			if (*v == '\0' || *end != '\0' || i >= r->nstrings)
				fail(r,
				     "a cell refers to the shared text "
				     "\"%s\", which does not exist",
				     v);
			else
				add_cell(r, r->row, r->col, CELL_TEXT, 0,
				         r->strings[i]);
		} else if (strcmp(r->ctype, "inlineStr") == 0 ||
		           strcmp(r->ctype, "str") == 0) {
			if (*v != '\0')
				add_cell(r, r->row, r->col, CELL_TEXT, 0, v);
		} else if (strcmp(r->ctype, "e") == 0) {
			add_cell(r, r->row, r->col, CELL_ERROR, 0, v);
		} else if (strcmp(r->ctype, "d") == 0) {
			if (*v != '\0') {
				char d[11];

				snprintf(d, sizeof(d), "%s", v);
				add_cell(r, r->row, r->col, CELL_DATE, 0, d);
			}
		} else if (*v != '\0') {
			double d = strtod(v, &end);

			if (*end != '\0')
				fail(r, "a number cell holds \"%s\"", v);
			else
				add_cell(r, r->row, r->col,
				         strcmp(r->ctype, "b") == 0
				             ? CELL_BOOL
				             : CELL_NUMBER,
				         d, NULL);
		}
	}
}

static void XMLCALL
x_text(void *ud, const XML_Char *s, int len)
{
	struct reader *r = ud;

	if ((r->depth_t && r->depth_rph == 0) || r->depth_v)
		on_text(ud, s, len);
}

/* ------------------------------------------------------------------ */
/* ODS.                                                               */

static unsigned
repeat(const char **atts, const char *name)
{
	const char *a = attr(atts, name);
	unsigned long v = a ? strtoul(a, NULL, 10) : 1;

	return v == 0 ? 1 : v > 1048576 ? 1048576 : (unsigned)v;
}

static void XMLCALL
o_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct reader *r = ud;
	const char *n = local(name), *a;

	if (strcmp(n, "table") == 0 && r->depth_table == 0) {
		r->depth_table = 1;
		r->sheet = add_sheet(
		    r->book, attr(atts, "name") ? attr(atts, "name") : "");
		r->row = 0;
	} else if (strcmp(n, "table-row") == 0 && r->sheet != NULL) {
		r->rows_rep = repeat(atts, "number-rows-repeated");
		r->col = 0;
	} else if ((strcmp(n, "table-cell") == 0 ||
	            strcmp(n, "covered-table-cell") == 0) &&
	           r->sheet != NULL) {
		r->cols_rep = repeat(atts, "number-columns-repeated");
		r->in_cell = true;
		r->ovalue = false;
		r->np = 0;
		buf_reset(&r->text);
		a = attr(atts, "value-type");
		if (a == NULL)
			return;
		r->ovalue = true;
		if (strcmp(a, "float") == 0 || strcmp(a, "percentage") == 0 ||
		    strcmp(a, "currency") == 0) {
			r->otype = CELL_NUMBER;
			r->onum = strtod(
			    attr(atts, "value") ? attr(atts, "value") : "0",
			    NULL);
		} else if (strcmp(a, "date") == 0) {
			const char *d = attr(atts, "date-value");

			r->otype = CELL_DATE;
			snprintf(r->ctype, sizeof(r->ctype), "%.10s",
			         d ? d : "");
		} else if (strcmp(a, "boolean") == 0) {
			const char *b = attr(atts, "boolean-value");

			r->otype = CELL_BOOL;
			r->onum = b && strcmp(b, "true") == 0;
		} else
			r->otype = CELL_TEXT;
	} else if (strcmp(n, "annotation") == 0) {
		r->depth_rph++; /* a comment is not the cell's value */
	} else if (r->depth_rph > 0) {
		return;
	} else if (strcmp(n, "p") == 0 && r->in_cell) {
		if (r->np++ > 0)
			buf_putc(&r->text, '\n');
		r->in_p = true;
	} else if (strcmp(n, "s") == 0 && r->in_p) {
		unsigned c = repeat(atts, "c");

		while (c-- > 0 && !r->failed)
			on_text(r, " ", 1);
	} else if (strcmp(n, "tab") == 0 && r->in_p) {
		on_text(r, "\t", 1);
	} else if (strcmp(n, "line-break") == 0 && r->in_p) {
		on_text(r, "\n", 1);
	}
}

static void XMLCALL
o_end(void *ud, const XML_Char *name)
{
	struct reader *r = ud;
	const char *n = local(name);

	if (strcmp(n, "annotation") == 0 && r->depth_rph > 0) {
		r->depth_rph--;
	} else if (r->depth_rph > 0) {
		return;
	} else if (strcmp(n, "table") == 0 && r->depth_table) {
		r->depth_table = 0;
		r->sheet = NULL;
	} else if (strcmp(n, "table-row") == 0 && r->sheet != NULL) {
		r->row += r->rows_rep;
	} else if (strcmp(n, "p") == 0) {
		r->in_p = false;
	} else if ((strcmp(n, "table-cell") == 0 ||
	            strcmp(n, "covered-table-cell") == 0) &&
	           r->sheet != NULL) {
		const char *t = r->text.data ? r->text.data : "";
		unsigned k, i;

		/* A repeated row of values: every copy is a cell. */
		for (k = 0; r->ovalue && k < r->rows_rep && !r->failed; k++)
			for (i = 0; i < r->cols_rep && !r->failed; i++) {
				unsigned row = r->row + k, col = r->col + i;

				switch (r->otype) {
				case CELL_NUMBER:
				case CELL_BOOL:
					add_cell(r, row, col, r->otype, r->onum,
					         NULL);
					break;
				case CELL_DATE:
					add_cell(r, row, col, CELL_DATE, 0,
					         r->ctype);
					break;
				default:
					add_cell(r, row, col, CELL_TEXT, 0, t);
				}
			}
		r->col += r->cols_rep;
		r->in_cell = false;
	}
}

static void XMLCALL
o_text(void *ud, const XML_Char *s, int len)
{
	struct reader *r = ud;

	if (r->in_p && r->in_cell && r->depth_rph == 0)
		on_text(ud, s, len);
}

/* ------------------------------------------------------------------ */
/* Parts.                                                             */

/* Parses the part `name` with the handlers; false if it is missing
 * (and `required`) or broken. */
static bool
parse_part(struct reader *r, zip_t *z, const char *name, bool required,
           XML_StartElementHandler start, XML_EndElementHandler end,
           XML_CharacterDataHandler text)
{
	zip_stat_t st;
	zip_file_t *f;
	char chunk[16384];
	zip_int64_t got =
	    0; /* read only after the loop set it; gcc cannot tell */
	zip_uint64_t total = 0;
	bool ok = true;

	if (sheet_lib.zip_stat(z, name, 0, &st) != 0) {
		if (required)
			fail(r, "it has no part %s", name);
		return !required;
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > PART_MAX) {
		fail(r, "its part %s is larger than 64 MiB", name);
		return false;
	}
	if ((f = sheet_lib.zip_fopen(z, name, 0)) == NULL) {
		fail(r, "its part %s cannot be read", name);
		return false;
	}
	r->xp = sheet_lib.XML_ParserCreateNS("UTF-8", '|');
	sheet_lib.XML_SetUserData(r->xp, r);
	sheet_lib.XML_SetElementHandler(r->xp, start, end);
	sheet_lib.XML_SetCharacterDataHandler(r->xp, text);
	while (ok && !r->failed &&
	       (got = sheet_lib.zip_fread(f, chunk, sizeof(chunk))) > 0) {
		total += (zip_uint64_t)got;
		if (total > PART_MAX) {
			fail(r, "its part %s is larger than 64 MiB", name);
			break;
		}
		if (sheet_lib.XML_Parse(r->xp, chunk, (int)got, 0) ==
		    XML_STATUS_ERROR)
			ok = false;
	}
	if (ok && !r->failed && got < 0) {
		struct buf m;

		buf_init(&m);
		buf_printf(&m, "%s (%s)", name,
		           sheet_lib.zip_error_strerror(
		               sheet_lib.zip_file_get_error(f)));
		fail(r, "its part %s is damaged", m.data);
		buf_free(&m);
	}
	if (ok && !r->failed &&
	    sheet_lib.XML_Parse(r->xp, "", 0, 1) == XML_STATUS_ERROR)
		ok = false;
	if (!ok && !r->failed) {
		struct buf m;

		buf_init(&m);
		buf_printf(
		    &m, _("%s is not well-formed XML: %s at line %lu"), name,
		    sheet_lib.XML_ErrorString(
		        sheet_lib.XML_GetErrorCode(r->xp)),
		    (unsigned long)sheet_lib.XML_GetCurrentLineNumber(r->xp));
		fail(r, "its part %s", m.data);
		buf_free(&m);
	}
	sheet_lib.XML_ParserFree(r->xp);
	r->xp = NULL;
	sheet_lib.zip_fclose(f);
	return !r->failed;
}

static bool
read_xlsx(struct reader *r, zip_t *z)
{
	size_t i, k;

	if (!parse_part(r, z, "xl/workbook.xml", true, x_start, x_end,
	                x_text) ||
	    !parse_part(r, z, "xl/_rels/workbook.xml.rels", true, x_start,
	                x_end, x_text) ||
	    !parse_part(r, z, "xl/sharedStrings.xml", false, x_start, x_end,
	                x_text))
		return false;
	for (i = 0; i < r->nsheet; i++) {
		struct buf part;
		const char *t;

		for (k = 0; k < r->nrel; k++)
			if (strcmp(r->rel_ids[k], r->sheet_rids[i]) == 0)
				break;
		if (k == r->nrel) {
			fail(r, "the sheet \"%s\" has no part",
			     r->sheet_names[i]);
			return false;
		}
		t = r->rel_targets[k];
		buf_init(&part);
		if (t[0] == '/')
			buf_puts(&part, t + 1);
		else
			buf_printf(&part, "xl/%s", t);
		r->sheet = add_sheet(r->book, r->sheet_names[i]);
		r->row = (unsigned)-1;
		bool ok =
		    parse_part(r, z, part.data, true, x_start, x_end, x_text);
		buf_free(&part);
		r->sheet = NULL;
		if (!ok)
			return false;
	}
	return true;
}

static void
free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void sort_cells(struct sheet *);

bool
book_read(const char *path, struct book *b, struct buf *why)
{
	struct reader r;
	zip_t *z;
	int err = 0;
	bool ok;

	memset(b, 0, sizeof(*b));
	if (!sheetlib_read(why))
		return false;
	memset(&r, 0, sizeof(r));
	r.book = b;
	r.why = why;
	buf_init(&r.text);
	if ((z = sheet_lib.zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err)) ==
	    NULL) {
		zip_error_t ze;

		sheet_lib.zip_error_init_with_code(&ze, err);
		buf_reset(why);
		buf_printf(why,
		           _("it is not a readable zip archive, as XLSX and "
		             "ODS files are (%s)"),
		           sheet_lib.zip_error_strerror(&ze));
		sheet_lib.zip_error_fini(&ze);
		buf_free(&r.text);
		return false;
	}
	if (sheet_lib.zip_name_locate(z, "content.xml", 0) >= 0) {
		b->ods = true;
		ok = parse_part(&r, z, "content.xml", true, o_start, o_end,
		                o_text);
	} else if (sheet_lib.zip_name_locate(z, "xl/workbook.xml", 0) >= 0)
		ok = read_xlsx(&r, z);
	else {
		fail(&r, "it is a zip archive but %s",
		     "neither XLSX (no xl/workbook.xml) nor ODS (no "
		     "content.xml)");
		ok = false;
	}
	sheet_lib.zip_discard(z);
	free_strv(r.strings, r.nstrings);
	free_strv(r.sheet_names, r.nsheet);
	free_strv(r.sheet_rids, r.nsheet);
	free_strv(r.rel_ids, r.nrel);
	free_strv(r.rel_targets, r.nrel);
	buf_free(&r.text);
	if (!ok)
		book_free(b);
	for (size_t i = 0; ok && i < b->n; i++)
		sort_cells(&b->sheets[i]);
	return ok;
}

void
book_free(struct book *b)
{
	for (size_t i = 0; i < b->n; i++) {
		for (size_t k = 0; k < b->sheets[i].n; k++)
			free(b->sheets[i].cells[k].text);
		free(b->sheets[i].cells);
		free(b->sheets[i].name);
	}
	free(b->sheets);
	memset(b, 0, sizeof(*b));
}

const struct sheet *
book_sheet(const struct book *b, const char *name)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->sheets[i].name, name) == 0)
			return &b->sheets[i];
	return NULL;
}

static int
placecmp(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;

	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* By place, then in the order read (qsort is not stable). */
static int
cellcmp(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;
	int c = placecmp(a, b);

	return c ? c : x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Cells by row and column, for sheet_cell()'s binary search; of two
 * cells at one place (a damaged file may repeat one) the later read
 * is kept. */
static void
sort_cells(struct sheet *s)
{
	size_t i, k;

	if (s->n < 2)
		return; /* an empty sheet has no array to sort */
	qsort(s->cells, s->n, sizeof(*s->cells), cellcmp);
	for (i = k = 0; i < s->n; i++) {
		if (k > 0 && placecmp(&s->cells[k - 1], &s->cells[i]) == 0) {
			free(s->cells[k - 1].text);
			s->cells[k - 1] = s->cells[i];
			continue;
		}
		s->cells[k++] = s->cells[i];
	}
	s->n = k;
}

const struct cell *
sheet_cell(const struct sheet *s, unsigned row, unsigned col)
{
	struct cell key;

	if (s == NULL || s->n == 0)
		return NULL;
	key.row = row;
	key.col = col;
	return bsearch(&key, s->cells, s->n, sizeof(*s->cells), placecmp);
}
