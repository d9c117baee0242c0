/*
 * inputs_csv.c - yearly indicator values from CSV files, as statistics
 * offices and spreadsheets deliver them (docs/inputs.md, "Yearly values
 * from CSV"):
 *
 *  - a plain table "indicator,year,value" (or "indikator;jahr;wert"),
 *    or any table an indicator's csv: mapping describes (GENESIS, Open
 *    SDG, one column per year);
 *  - commas or semicolons between the columns, decided once from the
 *    header line; with semicolons the decimal separator is a comma;
 *  - UTF-8 (a byte-order mark allowed), else Windows-1252, converted
 *    with iconv before parsing, so that columns still count characters;
 *  - title lines above the header and GENESIS footnotes below a line of
 *    underscores are skipped, as are empty rows; GENESIS signs for "no
 *    value" are gaps, named in a note.
 *
 * A number that could be read two ways (18.451: eighteen thousand or
 * eighteen point something) is an error naming both readings: a wrong
 * value in a report is worse than a refused file.
 *
 * libcsv does the parsing (quotes, embedded separators and line
 * breaks).  It reports no positions, so the file is fed to it one byte
 * at a time while we count lines and columns: a field's position is
 * that of its first byte, which is what a person looks for.
 */
#include <csv.h>
#include <ctype.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "inputs_priv.h"
#include "inputs_yaml.h"

/* Column indices found in the header; -1 where there is none. */
struct table {
	int ind, year, value;
	int *filter; /* the mapping's rows: columns, in its order */
	int *years;  /* wide tables: the year of each column, or 0 */
	size_t ncols;
	unsigned line; /* of the header */
};

struct csv_state {
	struct loader *ld;
	const char *path;
	const struct csv_map *map; /* NULL: a plain indicator,year,value */
	char sep;
	bool first_pass;      /* messages about the file's form: once */
	struct src_pos cur;   /* position of the byte being fed */
	struct src_pos start; /* first byte of the current field */
	bool need_start;
	char **field;
	struct src_pos *fpos;
	size_t nfields, cap;
	unsigned rows, matched;
	bool stop; /* the file's form is broken: the rows mean nothing */
	bool done; /* past the table: footnotes */
	struct table t;
	char *miss;         /* a cell that kept a row out, for messages */
	size_t miss_filter; /* the mapping's rows entry it failed */
	unsigned ngaps;
	struct src_pos gap_pos;
	char gap_signs[32];
};

/* GENESIS's signs for a value that does not exist or is withheld. */
static const char *const gap_signs[] = {"...", "-", ".", "x", "/", NULL};

/* ------------------------------------------------------------------ */
/* Encodings.                                                         */

/* Line and column of byte `off` in a one-byte encoding. */
static void
byte_pos(const char *data, size_t off, const char *file, struct src_pos *out)
{
	size_t i;

	*out = (struct src_pos){file, 1, 1};
	for (i = 0; i < off; i++) {
		if (data[i] == '\n') {
			out->line++;
			out->col = 1;
		} else
			out->col++;
	}
}

static const char *
enc_name(const char *iconv_name)
{
	return strcmp(iconv_name, "WINDOWS-1252") == 0 ? "Windows-1252"
	       : strcmp(iconv_name, "ISO-8859-1") == 0 ? "ISO-8859-1"
	                                               : "UTF-8";
}

/* `raw` converted from the one-byte encoding `from` into UTF-8; NULL
 * after a message.  Each byte becomes at most three. */
static char *
convert(const char *path, const char *raw, size_t len, const char *from,
        size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", from);
	char *in = (char *)raw, *out, *buf;
	size_t inleft = len, outleft = len * 3;
	struct src_pos pos = {path, 0, 0};

	if (cd == (iconv_t)-1) {
		diag(DIAG_SYSTEM, &pos,
		     "cannot convert from %s: iconv has "
		     "no such conversion",
		     enc_name(from));
		return NULL;
	}
	buf = out = xmalloc(len * 3 + 1);
	if (iconv(cd, &in, &inleft, &out, &outleft) == (size_t)-1) {
		byte_pos(raw, (size_t)(in - raw), path, &pos);
		diag_error(&pos,
		           "the byte 0x%02X is neither UTF-8 nor a character "
		           "of %s; save the file as UTF-8",
		           (unsigned char)*in, enc_name(from));
		free(buf);
		buf = NULL;
	} else {
		*out = '\0';
		*outlen = (size_t)(out - buf);
	}
	iconv_close(cd);
	return buf;
}

/*
 * The file's text in UTF-8, or NULL after a message.  Takes `raw`.
 * `declared` is the iconv name a mapping gave, or NULL: then valid
 * UTF-8 is UTF-8, and anything else is taken for Windows-1252 (German
 * Excel's encoding; ISO-8859-1 has the same printable characters), in
 * a note, since that is a guess.
 */
static char *
decode(const char *path, char *raw, size_t *len, const char *declared)
{
	struct src_pos pos;
	size_t bad;
	char *text;

	if ((text = memchr(raw, '\0', *len)) != NULL) {
		byte_pos(raw, (size_t)(text - raw), path, &pos);
		diag_error(&pos, "a NUL byte; a CSV file is text");
		free(raw);
		return NULL;
	}
	/* Converted, a byte-order mark would become the header's first
	 * characters, "ï»¿Merkmal", and the columns would not be found. */
	if (declared != NULL && strcmp(declared, "UTF-8") != 0 && *len >= 3 &&
	    memcmp(raw, "\xEF\xBB\xBF", 3) == 0) {
		char name[16];
		size_t i;

		/* as the mapping writes it: windows-1252, not WINDOWS-1252 */
		for (i = 0; declared[i] != '\0' && i + 1 < sizeof(name); i++)
			name[i] = (char)tolower((unsigned char)declared[i]);
		name[i] = '\0';
		pos = (struct src_pos){path, 1, 1};
		diag_error(
		    &pos,
		    "the file starts with a UTF-8 byte-order mark, so it "
		    "is UTF-8, not the %s its csv mapping declares; write "
		    "encoding: utf-8 in the mapping, or leave encoding "
		    "out",
		    name);
		free(raw);
		return NULL;
	}
	if (declared != NULL && strcmp(declared, "UTF-8") != 0) {
		text = convert(path, raw, *len, declared, len);
		free(raw);
		return text;
	}
	if (utf8_valid(raw, *len, &bad))
		return raw;
	byte_pos(raw, bad, path, &pos);
	if (declared != NULL) {
		diag_error(&pos,
		           "the byte 0x%02X is not valid UTF-8, though the csv "
		           "mapping says encoding: utf-8; save the file as "
		           "UTF-8, or declare the encoding it has "
		           "(windows-1252, iso-8859-1)",
		           (unsigned char)raw[bad]);
		free(raw);
		return NULL;
	}
	if ((text = convert(path, raw, *len, "WINDOWS-1252", len)) != NULL)
		diag(DIAG_NOTE, &pos,
		     "the byte 0x%02X is not UTF-8; the file is read as "
		     "Windows-1252 (Excel's encoding, which includes "
		     "ISO-8859-1); if that is wrong, declare the encoding in "
		     "the indicator's csv mapping, or save the file as UTF-8",
		     (unsigned char)raw[bad]);
	free(raw);
	return text;
}

/* ------------------------------------------------------------------ */
/* Cells.                                                             */

/* A GENESIS "Stichtag", DD.MM.YYYY, split into its numbers whether the
 * date exists or not (its year is checked by parse_year()). */
static bool
stichtag_form(const char *s, int *d, int *m, int *y)
{
	if (strlen(s) != 10 || s[2] != '.' || s[5] != '.' ||
	    !isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]) ||
	    !parse_year(s + 6, y))
		return false;
	*d = (s[0] - '0') * 10 + (s[1] - '0');
	*m = (s[3] - '0') * 10 + (s[4] - '0');
	return true;
}

/* A year, or the date of a GENESIS "Stichtag" (31.12.2025) that
 * exists: 31.02.2025 is a typing error, not a way to write 2025. */
static bool
year_cell(const char *s, int *y)
{
	int d, m;

	if (parse_year(s, y))
		return true;
	return stichtag_form(s, &d, &m, y) && date_valid(*y, m, d);
}

enum num_read { NUM_OK, NUM_BAD, NUM_THOUSANDS };

/* Digits grouped by three after the first group: 1.234.567. */
static bool
grouped(const char *s, size_t len, char mark)
{
	size_t i, run = 0, groups = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == mark) {
			if (run == 0 || (groups > 0 && run != 3) ||
			    (groups == 0 && run > 3))
				return false;
			groups++;
			run = 0;
		} else if (s[i] >= '0' && s[i] <= '9')
			run++;
		else
			return false;
	}
	return groups > 0 && run == 3;
}

/*
 * Reads a value of a file separated by `sep`: with ';', a decimal comma
 * (points between thousands allowed before it); with ',', a decimal
 * point.  A point that may separate thousands, where the indicator has
 * fewer than three decimals, or several points, give NUM_THOUSANDS and
 * the digits without the points in `alt`.  *ndec gets the decimals.
 */
static enum num_read
csv_number(const char *s, char sep, int decimals, double *out, int *ndec,
           char *alt, size_t altsz)
{
	const char *p = s[0] == '-' ? s + 1 : s, *comma = strchr(p, ',');
	const char *point = strchr(p, '.');
	char norm[64];
	size_t i, k = 0, len = strlen(p);

	if (len + 2 > sizeof(norm) || len + 2 > altsz)
		return NUM_BAD;
	if (s[0] == '-')
		norm[k++] = '-';
	if (sep == ';' && comma != NULL) {
		/* 1.234,5: the points can only be between thousands. */
		if (point != NULL && !grouped(p, (size_t)(comma - p), '.'))
			return NUM_BAD;
		for (i = 0; i < len; i++)
			if (p[i] != '.')
				norm[k++] = p[i] == ',' ? '.' : p[i];
	} else if (point != NULL && grouped(p, len, '.') &&
	           (strchr(point + 1, '.') != NULL || decimals < 3)) {
		memcpy(alt, s, (size_t)(p - s));
		for (i = 0, k = (size_t)(p - s); i < len; i++)
			if (p[i] != '.')
				alt[k++] = p[i];
		alt[k] = '\0';
		return NUM_THOUSANDS;
	} else {
		memcpy(norm + k, p, len);
		k += len;
	}
	norm[k] = '\0';
	if (!parse_number(norm, out))
		return NUM_BAD;
	point = strchr(norm, '.');
	*ndec = point ? (int)strlen(point + 1) : 0;
	return NUM_OK;
}

static void
bad_value(const struct csv_state *st, const char *s, const struct src_pos *pos)
{
	const char *hint = "", *gap = "";

	if (st->sep == ',' && strchr(s, ',') != NULL)
		hint = _(" (a point as the decimal separator)");
	/* A cell without a digit was meant as "no value" in a sign of its
	 * own, often "…", which a spreadsheet makes of three points. */
	if (strpbrk(s, "0123456789") == NULL)
		gap = strcmp(s, "…") == 0
		          ? _("; for a year without a value leave the cell "
		              "empty or write one of the signs ..., -, ., x "
		              "or / (three points, not the one character "
		              "\"…\" that a spreadsheet may make of them)")
		          : _("; for a year without a value leave the cell "
		              "empty or write one of the signs ..., -, ., x "
		              "or /");
	diag_error(pos,
	           "\"%s\" is not a number; expected a number such as 42, -3 "
	           "or %s%s, with at most %d digits before and %d after the "
	           "%s%s",
	           s, st->sep == ';' ? "12,5" : "12.5", hint, NUM_MAX_INT,
	           NUM_MAX_FRAC,
	           st->sep == ';' ? _("decimal comma") : _("decimal point"),
	           gap);
}

/* Remembers a GENESIS sign for "no value"; true if `s` is one. */
static bool
gap_sign(struct csv_state *st, const char *s, const struct src_pos *pos)
{
	size_t i, len = strlen(st->gap_signs);
	char quoted[8];

	for (i = 0; gap_signs[i] != NULL; i++)
		if (strcmp(s, gap_signs[i]) == 0)
			break;
	if (gap_signs[i] == NULL)
		return false;
	if (st->ngaps++ == 0)
		st->gap_pos = *pos;
	snprintf(quoted, sizeof(quoted), "\"%s\"", s);
	if (strstr(st->gap_signs, quoted) == NULL &&
	    len + strlen(quoted) + 3 < sizeof(st->gap_signs)) {
		if (len > 0)
			strcat(st->gap_signs, ", ");
		strcat(st->gap_signs, quoted);
	}
	return true;
}

/* A point that may be between thousands: both readings, no guess. */
static void
thousands(const char *s, const char *alt, const struct indicator *ind,
          const struct src_pos *pos)
{
	if (strchr(s, '.') != strrchr(s, '.'))
		diag_error(
		    pos,
		    "\"%s\" looks like %s with points between "
		    "thousands (as GENESIS writes), but a point may also "
		    "be a decimal point, so it is not read; write %s "
		    "without points",
		    s, alt, alt);
	else
		diag_error(
		    pos,
		    "\"%s\" could mean %s (a point between thousands, as "
		    "GENESIS writes) or %s (a decimal point), and the "
		    "indicator \"%s\" has %d decimals, so neither reading "
		    "is safe; write %s if thousands are meant, or give "
		    "the indicator decimals: 3 if %s is meant",
		    s, alt, s, ind->id, ind->decimals, alt, s);
}

/* One cell of a value for `year`; gaps are left out. */
static void
put_value(struct csv_state *st, struct indicator *ind, int year, const char *s,
          const struct src_pos *vpos, const struct src_pos *at)
{
	char alt[64];
	double v;
	int ndec;

	if (s[0] == '\0' || gap_sign(st, s, vpos))
		return;
	switch (csv_number(s, st->sep, ind->decimals, &v, &ndec, alt,
	                   sizeof(alt))) {
	case NUM_BAD:
		bad_value(st, s, vpos);
		return;
	case NUM_THOUSANDS:
		thousands(s, alt, ind, vpos);
		return;
	case NUM_OK:
		break;
	}
	/* 5.50 for one decimal loses nothing when rounded: only digits
	 * other than trailing zeros are worth a warning. */
	for (size_t n = strlen(s);
	     ndec > ind->decimals && n > 0 && s[n - 1] == '0'; n--)
		ndec--;
	if (ndec > ind->decimals)
		diag_warning(vpos,
		             "\"%s\" has %d decimal%s, more than the %d of the "
		             "indicator \"%s\"; the report shows it rounded: "
		             "round the value, or give the indicator "
		             "decimals: %d",
		             s, ndec, ndec == 1 ? "" : "s", ind->decimals,
		             ind->id, ndec);
	add_value(st->ld, ind, year, v, at);
}

/* ------------------------------------------------------------------ */
/* The header.                                                        */

static int
find_col(char **f, size_t n, const char *name, bool any_case)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (any_case ? strcasecmp(f[i], name) == 0
		             : strcmp(f[i], name) == 0)
			return (int)i;
	return -1;
}

static int
find_either(char **f, size_t n, const char *en, const char *de)
{
	int i = find_col(f, n, en, true);

	return i >= 0 ? i : find_col(f, n, de, true);
}

/*
 * Whether the fields `f` are the header `map` needs (the plain
 * indicator, year, value in English or German, if `map` is NULL); if
 * so, fills `t`, whose arrays the caller frees.
 */
static bool
match_header(const struct csv_map *map, char **f, size_t n, struct table *t)
{
	size_t i;
	bool any_year = false;

	t->ind = t->year = t->value = -1;
	if (map == NULL) {
		t->ind = find_either(f, n, "indicator", "indikator");
		t->year = find_either(f, n, "year", "jahr");
		t->value = find_either(f, n, "value", "wert");
		return t->ind >= 0 && t->year >= 0 && t->value >= 0;
	}
	for (i = 0; i < map->nrows; i++)
		if (find_col(f, n, map->row_col[i], false) < 0)
			return false;
	if (!map->wide) {
		t->year = find_col(f, n, map->year_col, false);
		t->value = find_col(f, n, map->value_col, false);
		if (t->year < 0 || t->value < 0)
			return false;
	} else {
		for (i = 0; i < n; i++) {
			int y;

			any_year |= year_cell(f[i], &y);
		}
		if (!any_year)
			return false;
		t->years = xcalloc(n ? n : 1, sizeof(*t->years));
		for (i = 0; i < n; i++)
			if (!year_cell(f[i], &t->years[i]))
				t->years[i] = 0;
	}
	t->filter = xcalloc(map->nrows + 1, sizeof(*t->filter));
	for (i = 0; i < map->nrows; i++)
		t->filter[i] = find_col(f, n, map->row_col[i], false);
	return true;
}

/* Splits one line at `sep` (quotes respected, blanks trimmed) into
 * malloc'd fields; a line is at most 64 fields for this purpose. */
static size_t
split_line(const char *s, size_t len, char sep, char **f, size_t max)
{
	size_t n = 0, i = 0;

	while (i <= len && n < max) {
		struct buf b;
		bool q = false;

		buf_init(&b);
		buf_puts(&b, "");
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		for (; i < len && (q || s[i] != sep); i++) {
			if (s[i] == '"' && q && i + 1 < len && s[i + 1] == '"')
				buf_append(&b, &s[i++], 1);
			else if (s[i] == '"')
				q = !q;
			else
				buf_append(&b, &s[i], 1);
		}
		while (b.len > 0 &&
		       (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\t'))
			b.data[--b.len] = '\0';
		f[n++] = buf_detach(&b);
		i++; /* past the separator */
	}
	return n;
}

static void
free_fields(char **f, size_t n)
{
	while (n > 0)
		free(f[--n]);
}

/* Whether the line [s, s+len) is the header; sets st->sep. */
static bool
header_line(struct csv_state *st, const char *s, size_t len)
{
	static const char seps[] = {';', ','};
	char *f[64];
	size_t i, n;
	struct table t;
	bool ok;

	for (i = 0; i < sizeof(seps); i++) {
		n = split_line(s, len, seps[i], f, 64);
		memset(&t, 0, sizeof(t));
		ok = n > 1 && match_header(st->map, f, n, &t);
		free(t.filter);
		free(t.years);
		free_fields(f, n);
		if (ok) {
			st->sep = seps[i];
			return true;
		}
	}
	return false;
}

/* The first line that is not a comment, without its line break. */
static void
first_line(const char *q, size_t len, char *out, size_t outsz)
{
	size_t n = 0;

	while (len > 0 && *q == '#') {
		const char *nl = memchr(q, '\n', len);

		if (nl == NULL)
			break;
		len -= (size_t)(nl - q) + 1;
		q = nl + 1;
	}
	while (n < len && q[n] != '\n' && q[n] != '\r')
		n++;
	if (n + 1 > outsz) {
		/* cut at a character's start, then mark the cut */
		n = outsz - 4;
		while (n > 0 && ((unsigned char)q[n] & 0xC0) == 0x80)
			n--;
		snprintf(out, outsz, "%.*s...", (int)n, q);
	} else
		snprintf(out, outsz, "%.*s", (int)n, q);
}

static void
no_header(struct csv_state *st, const char *q, size_t len)
{
	struct src_pos pos = {st->path, 1, 1};
	const struct csv_map *map = st->map;
	char line[80];

	first_line(q, len, line, sizeof(line));
	if (map == NULL)
		diag_error(&pos,
		           "no header line indicator,year,value (or "
		           "indikator;jahr;wert) in the file; its first line "
		           "is \"%s\"; put that header above the rows, or, "
		           "for a table with other columns (GENESIS, Open "
		           "SDG), give the indicator a csv mapping "
		           "(docs/inputs.md)",
		           line);
	else if (!map->wide)
		diag_error(
		    &pos,
		    "no header line with the columns \"%s\" and \"%s\"%s "
		    "that the csv mapping at %s:%u:%u names; the first "
		    "line is \"%s\"; write the column names as the "
		    "header writes them",
		    map->year_col, map->value_col,
		    map->nrows ? " and those under rows" : "", map->pos.file,
		    map->pos.line, map->pos.col, line);
	else
		diag_error(&pos,
		           "no header line with years as column names%s, as "
		           "the csv mapping at %s:%u:%u (layout: wide) needs; "
		           "the first line is \"%s\"",
		           map->nrows ? " and the columns under rows" : "",
		           map->pos.file, map->pos.line, map->pos.col, line);
}

/*
 * Finds the header: the first line, after comments and title lines
 * (GENESIS writes a few), that names the columns needed.  Moves *q and
 * *len to its start and st->cur to its line; false if there is none.
 */
static bool
find_header(struct csv_state *st, const char **q, size_t *len)
{
	const char *s = *q, *end = *q + *len;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);

		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (*s != '#' && header_line(st, s, n)) {
			*len -= (size_t)(s - *q);
			*q = s;
			return true;
		}
		st->cur.line++;
		if (nl == NULL)
			break;
		s = nl + 1;
	}
	return false;
}

/* ------------------------------------------------------------------ */
/* Rows.                                                              */

static void
on_field(void *s, size_t len, void *data)
{
	struct csv_state *st = data;

	if (st->need_start)
		st->start = st->cur; /* an empty field */
	if (st->nfields == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 8;
		st->field = xrealloc(st->field, st->cap * sizeof(*st->field));
		st->fpos = xrealloc(st->fpos, st->cap * sizeof(*st->fpos));
	}
	st->field[st->nfields] = xstrndup(s ? s : "", s ? len : 0);
	st->fpos[st->nfields] = st->start;
	st->nfields++;
	st->need_start = true;
}

static void
header(struct csv_state *st)
{
	size_t n = st->nfields;

	while (n > 0 && st->field[n - 1][0] == '\0')
		n--;
	/* find_header() split this line the same way libcsv does */
	if (!match_header(st->map, st->field, st->nfields, &st->t)) {
		diag_error(&st->fpos[0], "the header line cannot be read; "
		                         "write it without line breaks in "
		                         "quotes");
		st->stop = true;
	}
	st->t.ncols = n;
	st->t.line = st->fpos[0].line;
}

static bool
wrong_width(struct csv_state *st, size_t n)
{
	int need = st->t.ind > st->t.year ? st->t.ind : st->t.year;

	need = st->t.value > need ? st->t.value : need;
	if (n <= st->t.ncols && (int)st->nfields > need)
		return false;
	if (st->first_pass)
		diag_error(
		    &st->fpos[0],
		    "the header (line %u) has %zu columns; this row has "
		    "%zu%s",
		    st->t.line, st->t.ncols, n,
		    st->sep == ',' && n > st->t.ncols
		        ? _(" (a decimal comma splits a value in two in a "
		            "comma-separated file: write 12.5, or separate "
		            "the columns with semicolons)")
		    : n == 1 ? _(" (a footnote, such as the source, goes "
		                 "below a line starting with ___, as GENESIS "
		                 "writes it, or on a line starting with #)")
		             : "");
	return true;
}

/* The row's year; a GENESIS date counts as its year. */
static bool
row_year(const struct csv_state *st, int *y)
{
	const char *s = st->field[st->t.year];

	int d, m;

	if (year_cell(s, y))
		return true;
	if (stichtag_form(s, &d, &m, y)) {
		date_refuse(&st->fpos[st->t.year], s, *y, m, _("DD.MM.YYYY"));
		return false;
	}
	diag_error(&st->fpos[st->t.year],
	           "\"%s\" is not a year; expected a year from 1900 to 2200, "
	           "such as 2026%s",
	           s, st->map ? ", or a date such as 31.12.2026" : "");
	return false;
}

static void
plain_row(struct csv_state *st)
{
	struct model *m = st->ld->m;
	struct indicator *ind;
	const char *id = st->field[st->t.ind], *s;
	int y;

	if (id[0] == '\0') {
		diag_error(&st->fpos[st->t.ind],
		           "this row has no indicator id; give the id of the "
		           "indicator the value belongs to, or delete the row");
		return;
	}
	if ((ind = model_find_indicator(m, id)) == NULL) {
		if ((s = budget(st->ld) ? suggest_indicator(m, id) : NULL) !=
		    NULL)
			diag_error(&st->fpos[st->t.ind],
			           "unknown indicator \"%s\"; did you mean "
			           "\"%s\"?",
			           id, s);
		else
			diag_error(&st->fpos[st->t.ind],
			           "unknown indicator \"%s\"; the indicators "
			           "are defined in the YAML files",
			           id);
		return;
	}
	if (!row_year(st, &y))
		return;
	put_value(st, ind, y, st->field[st->t.value], &st->fpos[st->t.value],
	          &st->fpos[0]);
}

static void
mapped_row(struct csv_state *st)
{
	const struct csv_map *map = st->map;
	size_t i;
	int y;

	for (i = 0; i < map->nrows; i++) {
		int c = st->t.filter[i];
		const char *cell = (size_t)c < st->nfields ? st->field[c] : "";

		if (strcmp(cell, map->row_val[i]) != 0) {
			if (st->miss == NULL) {
				st->miss = xstrdup(cell);
				st->miss_filter = i;
			}
			return;
		}
	}
	st->matched++;
	if (map->wide) {
		for (i = 0; i < st->nfields && i < st->t.ncols; i++)
			if (st->t.years[i] != 0)
				put_value(st, map->ind, st->t.years[i],
				          st->field[i], &st->fpos[i],
				          &st->fpos[i]);
		return;
	}
	if (!row_year(st, &y))
		return;
	put_value(st, map->ind, y, st->field[st->t.value],
	          &st->fpos[st->t.value], &st->fpos[st->t.year]);
}

static void
row(struct csv_state *st)
{
	size_t n = st->nfields;

	while (n > 0 && st->field[n - 1][0] == '\0')
		n--;
	if (n == 0)
		return; /* an empty row, as spreadsheets leave */
	if (strncmp(st->field[0], "___", 3) == 0) {
		st->done = true; /* GENESIS: footnotes follow the rule */
		return;
	}
	/* No id starts with #: a remark below the header, as above it. */
	if (st->field[0][0] == '#')
		return;
	if (wrong_width(st, n))
		return;
	if (st->map != NULL)
		mapped_row(st);
	else
		plain_row(st);
}

static void
on_row(int c, void *data)
{
	struct csv_state *st = data;

	(void)c;
	if (!st->stop && !st->done) {
		if (st->rows++ == 0)
			header(st);
		else
			row(st);
	}
	free_fields(st->field, st->nfields);
	st->nfields = 0;
	st->need_start = true;
}

/* Feeds the text from the header on to libcsv. */
static void
parse_rows(struct csv_state *st, const char *q, size_t len)
{
	struct csv_parser p;
	size_t i;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		diag(DIAG_SYSTEM, &st->cur, "cannot set up the CSV parser");
		return;
	}
	csv_set_delim(&p, (unsigned char)st->sep);
	for (i = 0; i < len && !st->stop && !st->done; i++) {
		unsigned char c = (unsigned char)q[i];

		if (st->need_start && c != '\r' && c != '\n') {
			st->start = st->cur;
			st->need_start = false;
		}
		if (csv_parse(&p, q + i, 1, on_field, on_row, st) != 1) {
			if (st->first_pass)
				diag_error(
				    &st->cur,
				    "a quote in the wrong place: a field "
				    "with a quote, %s or line break is "
				    "written in double quotes, and a "
				    "quote inside it is doubled (\"\")",
				    st->sep == ';' ? _("semicolon")
				                   : _("comma"));
			st->stop = true;
			break;
		}
		if (c == '\n') {
			st->cur.line++;
			st->cur.col = 1;
		} else if ((c & 0xC0) != 0x80)
			st->cur.col++;
	}
	if (!st->stop && !st->done && csv_fini(&p, on_field, on_row, st) != 0 &&
	    st->first_pass)
		diag_error(&st->start, "a quoted field is not closed");
	free_fields(st->field, st->nfields);
	st->nfields = 0;
	csv_free(&p);
}

/* The note on gaps, and a mapping that found no rows. */
static void
after_rows(struct csv_state *st)
{
	const struct csv_map *map = st->map;

	if (st->ngaps == 1)
		diag(DIAG_NOTE, &st->gap_pos,
		     "%s is GENESIS's sign for a value that does not exist or "
		     "is withheld; read as no value for that year",
		     st->gap_signs);
	else if (st->ngaps > 1)
		diag(DIAG_NOTE, &st->gap_pos,
		     "%u cells hold %s, GENESIS's signs for a value that does "
		     "not exist or is withheld; read as no value for those "
		     "years (the first here)",
		     st->ngaps, st->gap_signs);
	if (map == NULL || st->matched > 0 || st->stop)
		return;
	if (st->miss != NULL)
		diag_error(&map->pos,
		           "no row of %s matches this mapping's rows; its "
		           "column \"%s\" holds \"%s\" where the mapping wants "
		           "\"%s\", for example; write the values under rows "
		           "as the file writes them",
		           st->path, map->row_col[st->miss_filter], st->miss,
		           map->row_val[st->miss_filter]);
	else
		diag_error(&map->pos,
		           "%s has no rows below its header (line %u); a "
		           "delivered table holds its values there",
		           st->path, st->t.line);
}

static bool
only_comments(const char *q, size_t len)
{
	bool comment = false, bol = true;
	size_t i;

	for (i = 0; i < len; i++) {
		if (bol && q[i] == '#')
			comment = true;
		if (q[i] == '\n')
			comment = false;
		else if (!comment && q[i] != '\r' && q[i] != ' ')
			return false;
		bol = q[i] == '\n';
	}
	return true;
}

/*
 * True, with the column of the line end at *col, when the first line
 * ends in a bare CR, as programs of the old Mac OS write: libcsv and
 * find_header() would read the whole file as one line, and the message
 * would quote a header it then says is missing.
 */
static bool
bare_cr(const char *q, size_t len, unsigned *col)
{
	const char *cr = memchr(q, '\r', len), *lf = memchr(q, '\n', len);

	if (cr == NULL || (lf != NULL && lf < cr) ||
	    (cr + 1 < q + len && cr[1] == '\n'))
		return false;
	*col = 1;
	for (; q < cr; q++)
		*col += (*q & 0xC0) != 0x80;
	return true;
}

/* One pass over the file's text for `map` (NULL: the plain table). */
static void
read_table(struct loader *ld, const char *path, const char *q, size_t len,
           const struct csv_map *map, bool first_pass)
{
	struct csv_state st = {.ld = ld,
	                       .path = path,
	                       .map = map,
	                       .first_pass = first_pass,
	                       .cur = {path, 1, 1},
	                       .need_start = true,
	                       .sep = ','};

	if (len >= 3 && memcmp(q, "\xEF\xBB\xBF", 3) == 0)
		q += 3, len -= 3; /* a byte-order mark, as spreadsheets write */
	if (bare_cr(q, len, &st.cur.col)) {
		if (first_pass)
			diag_error(&st.cur,
			           "the lines of this file end in a bare CR "
			           "(carriage return), as programs of the old "
			           "Mac OS write; save it with LF or CRLF line "
			           "ends (in Excel: \"CSV UTF-8\" or \"CSV "
			           "(Windows)\", not \"CSV (Macintosh)\")");
		return;
	}
	if (!find_header(&st, &q, &len)) {
		if (map == NULL && only_comments(q, len)) {
			struct src_pos pos = {path, 1, 1};

			diag_error(&pos, "the file is empty; a values file "
			                 "starts with the header "
			                 "indicator,year,value");
		} else
			no_header(&st, q, len);
		return;
	}
	parse_rows(&st, q, len);
	after_rows(&st);
	free(st.field);
	free(st.fpos);
	free(st.t.filter);
	free(st.t.years);
	free(st.miss);
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

void
csv_read_values(struct loader *ld, const char *path)
{
	const char *name = base_name(path), *enc = NULL;
	size_t len, i, nmapped = 0;
	char *data;

	for (i = 0; i < ld->nmaps; i++)
		if (strcmp(ld->maps[i].file, name) == 0) {
			ld->maps[i].seen = true;
			if (enc == NULL)
				enc = ld->maps[i].encoding;
		}
	if (!read_file_bytes(path, &input_file, &data, &len))
		return;
	if ((data = decode(path, data, &len, enc)) == NULL)
		return;
	for (i = 0; i < ld->nmaps; i++)
		if (strcmp(ld->maps[i].file, name) == 0)
			read_table(ld, path, data, len, &ld->maps[i],
			           nmapped++ == 0);
	if (nmapped == 0)
		read_table(ld, path, data, len, NULL, true);
	free(data);
}

void
csv_check_maps(struct loader *ld)
{
	size_t i;

	for (i = 0; i < ld->nmaps; i++)
		if (!ld->maps[i].seen)
			diag_error(&ld->maps[i].file_pos,
			           "the file \"%s\" is not in the inputs "
			           "folder; copy the delivered table there, "
			           "or correct the name",
			           ld->maps[i].file);
}
