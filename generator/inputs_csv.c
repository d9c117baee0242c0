/*
 * inputs_csv.c - yearly indicator values from CSV files, as statistics
 * offices deliver them: a header "indicator,year,value", then one row
 * per indicator and year.  Lines starting with '#' before the header
 * are comments.
 *
 * libcsv does the parsing (quotes, embedded separators and line
 * breaks).  It reports no positions, so the file is fed to it one byte
 * at a time while we count lines and columns: a field's position is
 * that of its first byte, which is what a person looks for.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "inputs_priv.h"
#include "inputs_yaml.h"

#define CSV_NFIELDS 3

struct csv_state {
	struct loader *ld;
	const char *path;
	struct src_pos cur;   /* position of the byte being fed */
	struct src_pos start; /* first byte of the current field */
	bool need_start;
	char *field[CSV_NFIELDS];
	struct src_pos fpos[CSV_NFIELDS];
	size_t nfields;
	unsigned rows;
	bool stop; /* the header is wrong: the rows mean nothing */
};

static void
on_field(void *s, size_t len, void *data)
{
	struct csv_state *st = data;

	if (st->need_start)
		st->start = st->cur; /* an empty field */
	if (st->nfields < CSV_NFIELDS) {
		st->field[st->nfields] = xstrndup(s ? s : "", s ? len : 0);
		st->fpos[st->nfields] = st->start;
	}
	st->nfields++;
	st->need_start = true;
}

static void
header(struct csv_state *st)
{
	static const char *const want[CSV_NFIELDS] = {"indicator", "year",
	                                              "value"};
	size_t i;

	for (i = 0; i < CSV_NFIELDS; i++)
		if (st->nfields != CSV_NFIELDS ||
		    strcmp(st->field[i], want[i]) != 0)
			break;
	if (i == CSV_NFIELDS)
		return;
	struct src_pos pos = st->fpos[0];
	if (st->nfields == 1 && strchr(st->field[0], ';') != NULL)
		diag_error(&pos,
		           "the header is \"%s\"; separate the columns "
		           "with commas: indicator,year,value",
		           st->field[0]);
	else
		diag_error(&pos, "the first line must be the header "
		                 "indicator,year,value");
	st->stop = true;
}

static void
row(struct csv_state *st)
{
	struct model *m = st->ld->m;
	struct indicator *ind;
	const char *id = st->field[0], *s;
	double v;
	int y;

	if (st->nfields != CSV_NFIELDS) {
		diag_error(&st->fpos[0],
		           "a row has %d fields, indicator,year,value; this "
		           "one has %zu",
		           CSV_NFIELDS, st->nfields);
		return;
	}
	if ((ind = model_find_indicator(m, id)) == NULL) {
		if ((s = budget(st->ld) ? suggest_indicator(m, id) : NULL) !=
		    NULL)
			diag_error(&st->fpos[0],
			           "unknown indicator \"%s\"; did you mean "
			           "\"%s\"?",
			           id, s);
		else
			diag_error(&st->fpos[0],
			           "unknown indicator \"%s\"; the indicators "
			           "are defined in the YAML files",
			           id);
		return;
	}
	if (!parse_year(st->field[1], &y)) {
		diag_error(&st->fpos[1],
		           "\"%s\" is not a year; expected a year from 1900 "
		           "to 2200, such as 2026",
		           st->field[1]);
		return;
	}
	if (st->field[2][0] == '\0')
		return; /* no value for that year: a gap */
	if (!parse_number(st->field[2], &v)) {
		diag_error(&st->fpos[2],
		           "\"%s\" is not a number; expected a number such as "
		           "42, -3 or 12.5%s, with at most %d digits before "
		           "and %d after the decimal point",
		           st->field[2],
		           strchr(st->field[2], ',') ? " (a point as the "
		                                       "decimal separator)"
		                                     : "",
		           NUM_MAX_INT, NUM_MAX_FRAC);
		return;
	}
	add_value(st->ld, ind, y, v, &st->fpos[0]);
}

static void
on_row(int c, void *data)
{
	struct csv_state *st = data;
	size_t i;

	(void)c;
	if (!st->stop) {
		if (st->rows++ == 0)
			header(st);
		else
			row(st);
	}
	for (i = 0; i < CSV_NFIELDS; i++) {
		free(st->field[i]);
		st->field[i] = NULL;
	}
	st->nfields = 0;
	st->need_start = true;
}

void
csv_read_values(struct loader *ld, const char *path)
{
	struct csv_state st;
	struct csv_parser p;
	const char *q;
	size_t len, i;
	char *data;

	if (!read_text_file(path, &data, &len))
		return;
	memset(&st, 0, sizeof(st));
	st.ld = ld;
	st.path = path;
	st.cur = (struct src_pos){path, 1, 1};
	st.need_start = true;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		diag(DIAG_SYSTEM, &st.cur, "cannot set up the CSV parser");
		free(data);
		return;
	}
	q = data;
	if (len >= 3 && memcmp(q, "\xEF\xBB\xBF", 3) == 0)
		q += 3, len -= 3; /* a byte-order mark, as spreadsheets write */
	/* Comment lines before the header, such as a note on the data. */
	while (len > 0 && *q == '#') {
		const char *nl = memchr(q, '\n', len);
		size_t skip = nl ? (size_t)(nl - q) + 1 : len;

		q += skip;
		len -= skip;
		st.cur.line++;
	}
	for (i = 0; i < len && !st.stop; i++) {
		unsigned char c = (unsigned char)q[i];

		if (st.need_start && c != '\r' && c != '\n') {
			st.start = st.cur;
			st.need_start = false;
		}
		if (csv_parse(&p, q + i, 1, on_field, on_row, &st) != 1) {
			diag_error(&st.cur,
			           "a quote in the wrong place: a field with "
			           "a quote, comma or line break is written "
			           "in double quotes, and a quote inside it "
			           "is doubled (\"\")");
			st.stop = true;
			break;
		}
		if (c == '\n') {
			st.cur.line++;
			st.cur.col = 1;
		} else if ((c & 0xC0) != 0x80)
			st.cur.col++;
	}
	if (!st.stop && csv_fini(&p, on_field, on_row, &st) != 0)
		diag_error(&st.start, "a quoted field is not closed");
	if (st.rows == 0 && !st.stop) {
		struct src_pos pos = {path, st.cur.line, 1};

		diag_error(&pos, "the file is empty; a values file starts "
		                 "with the header indicator,year,value");
	}
	for (i = 0; i < CSV_NFIELDS; i++)
		free(st.field[i]);
	csv_free(&p);
	free(data);
}
