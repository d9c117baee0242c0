/*
 * locale.c - one report language: words, number and date formats.
 *
 * locale.yaml is a tree of mappings and sequences whose leaves are
 * strings; it is flattened into dotted keys ("status.done",
 * "months.2").  Two keys shape formatting:
 *
 *   number.decimal, number.group   "," and "." for German
 *   date.long, date.month_year     "%d. %B %Y": %d day, %m two-digit
 *                                  month, %B month name (months.N), %Y
 */
#include "locale.h"

#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#define LOCALE_MAX_DEPTH 8

struct locale {
	struct pool pool;
	struct strmap words;
	const char *lang;
	const char *decimal, *group;
	const char *date_long, *date_month_year;
	const char *file;
	struct strmap warned; /* missing keys already reported */
};

static void
mark_pos(struct src_pos *p, const char *file, const yaml_mark_t *m)
{
	p->file = file;
	p->line = (unsigned)m->line + 1;
	p->col = (unsigned)m->column + 1;
}

/* The path of keys to the current node, "a.b.3". */
struct frame {
	bool is_seq;
	int index;       /* next item number of a sequence, from 1 */
	char *key;       /* pending key of a mapping, NULL if expecting one */
	size_t path_len; /* length of the path up to this container */
};

static bool
parse(struct locale *loc, FILE *f)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct frame st[LOCALE_MAX_DEPTH + 1];
	struct buf path;
	int depth = -1;
	bool ok = true, done = false;
	struct src_pos pos;

	buf_init(&path);
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			mark_pos(&pos, loc->file, &parser.problem_mark);
			diag_error(&pos, "not valid YAML: %s",
			           parser.problem ? parser.problem : "?");
			ok = false;
			break;
		}
		mark_pos(&pos, loc->file, &ev.start_mark);
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_ALIAS_EVENT:
			diag_error(&pos, "anchors and aliases are not "
			                 "allowed in a locale file");
			ok = false;
			done = true;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
		case YAML_SCALAR_EVENT: {
			struct frame *top = depth >= 0 ? &st[depth] : NULL;
			bool scalar = ev.type == YAML_SCALAR_EVENT;
			const char *val =
			    scalar ? (const char *)ev.data.scalar.value : "";

			if (top != NULL && !top->is_seq && top->key == NULL) {
				if (!scalar) {
					diag_error(&pos, "a key must be a "
					                 "plain word");
					ok = false;
					done = true;
					break;
				}
				top->key = xstrdup(val);
				break;
			}
			/* A value: extend the path by key or index. */
			path.len = top ? top->path_len : 0;
			if (path.data)
				path.data[path.len] = '\0';
			if (top != NULL) {
				if (path.len > 0)
					buf_putc(&path, '.');
				if (top->is_seq)
					buf_printf(&path, "%d", top->index++);
				else {
					buf_puts(&path, top->key);
					free(top->key);
					top->key = NULL;
				}
			}
			if (scalar) {
				if (top == NULL) {
					diag_error(&pos, "a locale file holds "
					                 "a mapping of words");
					ok = false;
					done = true;
					break;
				}
				const char *k =
				    pool_strdup(&loc->pool, path.data);
				if (strmap_put(&loc->words, k,
				               pool_strdup(&loc->pool, val)))
					diag_warning(&pos,
					             "\"%s\" is given "
					             "twice; the last "
					             "one counts",
					             k);
				break;
			}
			if (depth + 1 > LOCALE_MAX_DEPTH) {
				diag_error(&pos,
				           "nested more than %d levels "
				           "deep",
				           LOCALE_MAX_DEPTH);
				ok = false;
				done = true;
				break;
			}
			depth++;
			st[depth].is_seq = ev.type == YAML_SEQUENCE_START_EVENT;
			st[depth].index = 1;
			st[depth].key = NULL;
			st[depth].path_len = path.len;
			break;
		}
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (depth >= 0) {
				free(st[depth].key);
				depth--;
			}
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	while (depth >= 0)
		free(st[depth--].key);
	yaml_parser_delete(&parser);
	buf_free(&path);
	return ok;
}

static const char *
word_or(const struct locale *loc, const char *key, const char *dflt)
{
	const char *v = strmap_get(&loc->words, key);

	return v ? v : dflt;
}

struct locale *
locale_load(const char *dir)
{
	struct locale *loc = xcalloc(1, sizeof(*loc));
	struct buf path;
	FILE *f;

	pool_init(&loc->pool);
	strmap_init(&loc->words);
	strmap_init(&loc->warned);
	buf_init(&path);
	buf_printf(&path, "%s/locale.yaml", dir);
	loc->file = pool_strdup(&loc->pool, path.data);
	buf_free(&path);
	struct stat st;
	int fd = open_regular(AT_FDCWD, loc->file, O_RDONLY, &st);

	if (fd == -2)
		diag_not_regular(DIAG_ERROR, loc->file, &st,
		                 "the locale file must be a regular file");
	else if (fd < 0 || (f = fdopen(fd, "rb")) == NULL) {
		diag_syserr(loc->file, "cannot read the locale file");
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	if (fd < 0) {
		locale_free(loc);
		return NULL;
	}
	bool ok = parse(loc, f);
	fclose(f);
	if (!ok) {
		locale_free(loc);
		return NULL;
	}
	loc->lang = word_or(loc, "lang", NULL);
	if (loc->lang == NULL) {
		struct src_pos pos = {loc->file, 0, 0};

		diag_error(&pos, "\"lang\" is missing: the language tag of "
		                 "the report, such as de or en");
		locale_free(loc);
		return NULL;
	}
	loc->decimal = word_or(loc, "number.decimal", ".");
	loc->group = word_or(loc, "number.group", ",");
	loc->date_long = word_or(loc, "date.long", "%Y-%m-%d");
	loc->date_month_year = word_or(loc, "date.month_year", "%B %Y");
	return loc;
}

void
locale_free(struct locale *loc)
{
	if (loc == NULL)
		return;
	strmap_free(&loc->words);
	strmap_free(&loc->warned);
	pool_free(&loc->pool);
	free(loc);
}

const char *
locale_lang(const struct locale *loc)
{
	return loc->lang;
}

const char *
locale_get(const struct locale *loc, const char *key)
{
	return strmap_get(&loc->words, key);
}

const char *
locale_file(const struct locale *loc)
{
	return loc->file;
}

const char *
locale_str(const struct locale *loc, const char *key)
{
	const char *v = strmap_get(&loc->words, key);

	if (v != NULL)
		return v;
	/* Report each missing word once; the key shows in the report so
	 * the gap is visible, not silent. */
	struct locale *mut = (struct locale *)loc;
	if (strmap_get(&mut->warned, key) == NULL) {
		const char *k = pool_strdup(&mut->pool, key);
		struct src_pos pos = {loc->file, 0, 0};

		strmap_put(&mut->warned, k, (void *)k);
		diag_warning(&pos, "no word for \"%s\"", key);
		return k;
	}
	return strmap_get(&mut->warned, key);
}

/* v with `decimals` places, rounded half away from zero as a decimal
 * number (docs/facts.md): printf's "%.*f" rounds the binary value, so
 * 0.125 became 0.12 and 1.005 became 1.00.  The value is first read as
 * the 15 significant digits a double holds exactly, then rounded. */
static void
round_decimal(double v, int decimals, char *out, size_t size)
{
	char dig[32];
	int exp, keep, n = 0, i, point;
	char *p = out, *end = out + size - 1;

	snprintf(dig, sizeof(dig), "%.14e", fabs(v)); /* d.dddddddddddddde±x */
	exp = atoi(strchr(dig, 'e') + 1);
	memmove(dig + 1, dig + 2, 14); /* drop the point: 15 digits */
	dig[15] = '\0';
	point = exp + 1; /* digits before the decimal point */
	keep = point + decimals;
	if (keep < 0) {
		keep = 0;
		dig[0] = '0';
	}
	if (keep < 15) {
		bool up = dig[keep] >= '5';

		dig[keep] = '\0';
		for (i = keep - 1; up && i >= 0; i--) {
			if (dig[i] == '9')
				dig[i] = '0';
			else {
				dig[i]++;
				up = false;
			}
		}
		if (up) { /* 9.99 -> 10.0: one more digit in front */
			memmove(dig + 1, dig, (size_t)keep + 1);
			dig[0] = '1';
			point++;
			keep++;
		}
	}
	n = (int)strlen(dig);
	if (v < 0 && p < end)
		*p++ = '-';
	for (i = 0; i < (point > 0 ? point : 1) && p < end; i++)
		*p++ = point > 0 && i < n ? dig[i] : '0';
	if (decimals > 0 && p < end)
		*p++ = '.';
	for (i = 0; i < decimals && p < end; i++) {
		int k = point + i; /* index of this place's digit */
		*p++ = k >= 0 && k < n ? dig[k] : '0';
	}
	*p = '\0';
}

void
locale_number(const struct locale *loc, double v, int decimals, struct buf *out)
{
	char tmp[64];
	const char *p, *dot;
	size_t intlen, i;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	if (!isfinite(v)) {
		buf_puts(out, "–");
		return;
	}
	round_decimal(v, decimals, tmp, sizeof(tmp));
	p = tmp;
	/* -0 after rounding is shown as 0. */
	if (*p == '-') {
		bool zero = true;
		for (const char *q = p + 1; *q; q++)
			if (*q >= '1' && *q <= '9')
				zero = false;
		if (!zero)
			buf_puts(out, "−"); /* U+2212 minus sign */
		p++;
	}
	dot = strchr(p, '.');
	intlen = dot ? (size_t)(dot - p) : strlen(p);
	for (i = 0; i < intlen; i++) {
		buf_putc(out, p[i]);
		/* Group thousands only from five digits on in German style?
		 * No: DIN 5008 groups from four; keep it uniform. */
		if (intlen - i - 1 > 0 && (intlen - i - 1) % 3 == 0)
			buf_puts(out, loc->group);
	}
	if (dot) {
		buf_puts(out, loc->decimal);
		buf_puts(out, dot + 1);
	}
}

void
locale_signed(const struct locale *loc, double v, int decimals, struct buf *out)
{
	struct buf n;

	buf_init(&n);
	locale_number(loc, v, decimals, &n);
	if (strpbrk(n.data, "123456789") == NULL)
		buf_puts(out, "±");
	else if (v > 0)
		buf_putc(out, '+');
	buf_puts(out, n.data);
	buf_free(&n);
}

static void
format_date(const struct locale *loc, const char *fmt, struct pr_date d,
            struct buf *out)
{
	char key[16];

	if (d.y == 0) {
		buf_puts(out, "–");
		return;
	}
	for (; *fmt; fmt++) {
		if (*fmt != '%' || fmt[1] == '\0') {
			buf_putc(out, *fmt);
			continue;
		}
		switch (*++fmt) {
		case 'd':
			buf_printf(out, "%d", d.d);
			break;
		case 'm':
			buf_printf(out, "%02d", d.m);
			break;
		case 'Y':
			buf_printf(out, "%d", d.y);
			break;
		case 'B':
			snprintf(key, sizeof(key), "months.%d", d.m);
			buf_puts(out, locale_str(loc, key));
			break;
		default:
			buf_putc(out, '%');
			buf_putc(out, *fmt);
		}
	}
}

void
locale_date(const struct locale *loc, struct pr_date d, struct buf *out)
{
	format_date(loc, loc->date_long, d, out);
}

void
locale_month_year(const struct locale *loc, struct pr_date d, struct buf *out)
{
	format_date(loc, loc->date_month_year, d, out);
}
