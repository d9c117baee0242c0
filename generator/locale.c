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

#include "i18n.h"
#include "inputs_yaml.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
cut(struct buf *b, size_t len)
{
	b->len = len;
	if (b->data != NULL)
		b->data[len] = '\0';
}

/* Read by the guarded YAML reader, as the inputs are. */
static const struct textfile_kind locale_kind = {
    N_("locale file"), 1u << 20, N_("a mapping of words, such as lang: de")};

/*
 * Adds the words under node n, whose key path is `path` ("a.b.3"), to
 * the locale; mappings and lists extend the path by key or by item
 * number from 1.  False after an error that makes the file unusable.
 */
static bool
flatten(struct locale *loc, const struct ynode *n, struct buf *path, int depth)
{
	size_t len = path->len;

	if (n->type == YN_BAD) /* reported by the reader */
		return true;
	if (n->type == YN_SCALAR) {
		const char *k = pool_strdup(&loc->pool, path->data);
		if (strmap_put(&loc->words, k, pool_strdup(&loc->pool, n->str)))
			diag_warning(
			    &n->pos,
			    "\"%s\" is given twice; the last one counts", k);
		return true;
	}
	if (depth + 1 > LOCALE_MAX_DEPTH) {
		diag_error(&n->pos, "nested more than %d levels deep",
		           LOCALE_MAX_DEPTH);
		return false;
	}
	bool map = n->type == YN_MAP;
	for (size_t i = 0; i < n->nkids; i += map ? 2 : 1) {
		const struct ynode *key = map ? n->kids[i] : NULL;
		const struct ynode *val = map ? n->kids[i + 1] : n->kids[i];
		if (key != NULL && key->type == YN_BAD)
			continue;
		if (key != NULL && key->type != YN_SCALAR) {
			diag_error(&key->pos, "a key must be a plain word");
			return false;
		}
		cut(path, len);
		if (len > 0)
			buf_putc(path, '.');
		if (map)
			buf_puts(path, key->str);
		else
			buf_printf(path, "%zu", i + 1);
		if (!flatten(loc, val, path, depth + 1))
			return false;
	}
	cut(path, len);
	return true;
}

static bool
parse(struct locale *loc)
{
	struct pool tmp;
	struct ynode *root;
	struct buf path;
	bool ok;

	pool_init(&tmp);
	if ((root = yaml_read_file(loc->file, &locale_kind, &tmp)) == NULL) {
		pool_free(&tmp);
		return false;
	}
	buf_init(&path);
	buf_puts(&path, "");
	if (root->type == YN_SCALAR) {
		diag_error(&root->pos,
		           "a locale file holds a mapping of words");
		ok = false;
	} else
		ok = flatten(loc, root, &path, -1);
	buf_free(&path);
	pool_free(&tmp);
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

	pool_init(&loc->pool);
	strmap_init(&loc->words);
	strmap_init(&loc->warned);
	buf_init(&path);
	buf_printf(&path, "%s/locale.yaml", dir);
	loc->file = pool_strdup(&loc->pool, path.data);
	buf_free(&path);
	if (!parse(loc)) {
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

/* Letters and the bytes of non-ASCII characters (umlauts, ß). */
static bool
is_letter(char c)
{
	return (unsigned char)c >= 0x80 || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z');
}

void
locale_split_words(const struct locale *loc, const char *s, struct buf *out)
{
	/* "·" (U+00B7): the words of the list carry it where they split. */
	static const char dot[] = "\xc2\xb7";
	char key[32];
	const char *w;

	while (*s) {
		const char *best = NULL;
		size_t best_len = 0;

		for (int i = 1;; i++) {
			snprintf(key, sizeof(key), "easy.words.%d", i);
			if ((w = strmap_get(&loc->words, key)) == NULL)
				break;
			/* Compare s with w, skipping w's dots. */
			const char *p = s, *q = w;
			while (*q) {
				if (strncmp(q, dot, 2) == 0) {
					q += 2;
					continue;
				}
				if (*p != *q)
					break;
				p++, q++;
			}
			if (*q == '\0' && (size_t)(p - s) > best_len) {
				best = w;
				best_len = (size_t)(p - s);
			}
		}
		if (best != NULL) {
			buf_puts(out, best);
			s += best_len;
			continue;
		}
		/* Only at the start of a word: inside one, a match would
		 * split another word's last part. */
		if (!is_letter(*s)) {
			buf_putc(out, *s++);
			continue;
		}
		while (is_letter(*s))
			buf_putc(out, *s++);
	}
}

int
locale_digits(double v, char dig[16])
{
	static const double p10[] = {1e0, 1e1, 1e2, 1e3, 1e4,
	                             1e5, 1e6, 1e7, 1e8, 1e9};
	char tmp[32];
	double a = fabs(v);
	int k, n, i;

	if (!isfinite(a)) { /* callers show a missing value otherwise */
		memset(dig, '0', 15);
		dig[15] = '\0';
		return 0;
	}
	/*
	 * printf's conversion works in multiple precision (at M about a
	 * twentieth of the templates' time, the charts' numbers).  Most
	 * values are decimals of a few places (counts, percentages, what the
	 * departments measured): where a * 10^k is a whole number w below
	 * 10^15 and w / 10^k gives back a, a is the double nearest to that
	 * decimal, and a decimal of at most 15 significant digits reads
	 * back from its nearest double unchanged (DBL_DIG): w's digits are
	 * what "%.14e" gives.
	 */
	for (k = 0; k < 10 && a > 0; k++) {
		double w = a * p10[k];

		if (w >= 1e15)
			break;
		if (w == floor(w) && w / p10[k] == a) {
			unsigned long long u = (unsigned long long)w;
			char rev[20];

			for (n = 0; u != 0; u /= 10)
				rev[n++] = (char)('0' + u % 10);
			for (i = 0; i < 15; i++)
				dig[i] = i < n ? rev[n - 1 - i] : '0';
			dig[15] = '\0';
			return n - 1 - k;
		}
	}
	snprintf(tmp, sizeof(tmp), "%.14e", a); /* d.dddddddddddddde±x */
	dig[0] = tmp[0];
	memcpy(dig + 1, tmp + 2, 14); /* without the point: 15 digits */
	dig[15] = '\0';
	return atoi(strchr(tmp, 'e') + 1);
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

	exp = locale_digits(v, dig);
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
