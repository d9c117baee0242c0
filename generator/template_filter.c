/*
 * template_filter.c - the filters, {{ value | name(args) }}: one
 * function each and one line in `filters[]` giving the input types, the
 * result type and the arguments.  To add a filter, write its function
 * and add its line; the parser checks its uses against that line.
 */
#include "template_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Filters */

const char *
tmp_str(struct rctx *c)
{
	return pool_strdup(&c->pool, c->tmp.data ? c->tmp.data : "");
}

static bool
f_date(struct rctx *c, const struct expr *e UNUSED, struct val *v,
       const struct val *a UNUSED)
{
	buf_reset(&c->tmp);
	locale_date(c->loc, v->u.d, &c->tmp);
	v_str(v, tmp_str(c));
	return true;
}

static bool
f_month_year(struct rctx *c, const struct expr *e UNUSED, struct val *v,
             const struct val *a UNUSED)
{
	buf_reset(&c->tmp);
	locale_month_year(c->loc, v->u.d, &c->tmp);
	v_str(v, tmp_str(c));
	return true;
}

static int
arg_int(const struct val *a, int n, int dflt)
{
	return n > 0 && a[0].t == VT_NUM ? (int)a[0].u.n : dflt;
}

static bool
f_number(struct rctx *c, const struct expr *e, struct val *v,
         const struct val *a)
{
	buf_reset(&c->tmp);
	locale_number(c->loc, v->u.n, arg_int(a, (int)e->nargs, 0), &c->tmp);
	v_str(v, tmp_str(c));
	return true;
}

static bool
f_signed(struct rctx *c, const struct expr *e, struct val *v,
         const struct val *a)
{
	buf_reset(&c->tmp);
	locale_signed(c->loc, v->u.n, arg_int(a, (int)e->nargs, 0), &c->tmp);
	v_str(v, tmp_str(c));
	return true;
}

static bool
f_percent(struct rctx *c, const struct expr *e, struct val *v,
          const struct val *a)
{
	struct buf n;
	const char *fmt = locale_str(c->loc, "number.percent");
	const char *s = strstr(fmt, "%s");

	buf_init(&n);
	locale_number(c->loc, v->u.n, arg_int(a, (int)e->nargs, 0), &n);
	buf_reset(&c->tmp);
	if (s != NULL) {
		buf_append(&c->tmp, fmt, (size_t)(s - fmt));
		buf_puts(&c->tmp, n.data);
		buf_puts(&c->tmp, s + 2);
	} else {
		buf_puts(&c->tmp, n.data);
		buf_puts(&c->tmp, "%");
	}
	buf_free(&n);
	v_str(v, tmp_str(c));
	return true;
}

static bool
f_plural(struct rctx *c, const struct expr *e, struct val *v,
         const struct val *a)
{
	double n = v->u.n;

	buf_reset(&c->tmp);
	if (n == 0 && e->nargs == 3) {
		buf_puts(&c->tmp, a[2].u.s);
	} else {
		locale_number(c->loc, n, n == floor(n) ? 0 : 1, &c->tmp);
		buf_putc(&c->tmp, ' ');
		buf_puts(&c->tmp, n == 1 ? a[0].u.s : a[1].u.s);
	}
	v_str(v, tmp_str(c));
	return true;
}

static bool
f_status(struct rctx *c UNUSED, const struct expr *e, struct val *v,
         const struct val *a UNUSED)
{
	if (key_group(v->u.s) == NULL) {
		diag_error(&e->pos,
		           "\"%s\" is not a status, schedule or "
		           "course word",
		           v->u.s);
		return false;
	}
	v->t = VT_STATUS;
	return true;
}

static bool
f_label(struct rctx *c, const struct expr *e, struct val *v,
        const struct val *a UNUSED)
{
	const char *g = key_group(v->u.s);
	char key[64];

	if (g == NULL) {
		diag_error(&e->pos,
		           "\"%s\" is not a status, schedule or "
		           "course word",
		           v->u.s);
		return false;
	}
	snprintf(key, sizeof(key), "%s.%s", g, v->u.s);
	v_str(v, locale_str(c->loc, key));
	return true;
}

static bool
f_case(struct rctx *c, struct val *v, bool up)
{
	/* ASCII and the German letters; enough for labels and ids. */
	static const char *const pairs[][2] = {
	    {"ä", "Ä"}, {"ö", "Ö"}, {"ü", "Ü"}, {"é", "É"}};
	const char *s = v->u.s;

	buf_reset(&c->tmp);
	while (*s) {
		size_t k;
		for (k = 0; k < 4; k++) {
			const char *from = pairs[k][up ? 0 : 1];
			size_t n = strlen(from);
			if (strncmp(s, from, n) == 0) {
				buf_puts(&c->tmp, pairs[k][up ? 1 : 0]);
				s += n;
				break;
			}
		}
		if (k < 4)
			continue;
		char ch = *s++;
		if (up && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		else if (!up && ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		buf_putc(&c->tmp, ch);
	}
	v_str(v, tmp_str(c));
	return true;
}

static bool
f_upper(struct rctx *c, const struct expr *e UNUSED, struct val *v,
        const struct val *a UNUSED)
{
	return f_case(c, v, true);
}

static bool
f_lower(struct rctx *c, const struct expr *e UNUSED, struct val *v,
        const struct val *a UNUSED)
{
	return f_case(c, v, false);
}

bool
f_default(struct rctx *c UNUSED, const struct expr *e UNUSED, struct val *v,
          const struct val *a)
{
	if (v->t == VT_NONE || (v->t == VT_STR && v->u.s[0] == '\0'))
		*v = a[0];
	return true;
}

static bool
f_count(struct rctx *c UNUSED, const struct expr *e UNUSED, struct val *v,
        const struct val *a UNUSED)
{
	v_num(v, (double)v->u.list.n);
	return true;
}

static bool
f_abs(struct rctx *c UNUSED, const struct expr *e UNUSED, struct val *v,
      const struct val *a UNUSED)
{
	v->u.n = fabs(v->u.n);
	return true;
}

/* Appends n bytes of s to c->tmp as a paragraph of its own, escaped,
 * and marked as a passage in the inputs' language if they are prose. */
static void
put_para(struct rctx *c, const struct val *v, struct buf *para, const char *s,
         size_t n)
{
	bool mark = v->prose && c->text_lang != NULL;

	buf_reset(para);
	buf_append(para, s, n);
	if (is_blank(para->data, para->len))
		return;
	if (c->tmp.len > 0)
		buf_puts(&c->tmp, "\n\n");
	if (mark)
		buf_putc(&c->tmp, '[');
	markup_escape(&c->tmp, para->data, true);
	if (mark)
		buf_printf(&c->tmp, "](lang:%s)", c->text_lang);
}

/* Blank lines in the text become paragraph breaks; everything else is
 * escaped as usual. */
static bool
f_paragraphs(struct rctx *c, const struct expr *e UNUSED, struct val *v,
             const struct val *a UNUSED)
{
	const char *s = v->u.s;
	struct buf para;

	buf_init(&para);
	buf_reset(&c->tmp);
	while (*s) {
		const char *end = strstr(s, "\n\n");
		size_t n = end ? (size_t)(end - s) : strlen(s);
		put_para(c, v, &para, s, n);
		s += n;
		while (*s == '\n')
			s++;
	}
	buf_free(&para);
	v->t = VT_MD;
	v->u.s = tmp_str(c);
	return true;
}

static bool
f_easy_words(struct rctx *c, const struct expr *e UNUSED, struct val *v,
             const struct val *a UNUSED)
{
	buf_reset(&c->tmp);
	locale_split_words(c->loc, v->u.s, &c->tmp);
	v_str(v, tmp_str(c));
	return true;
}

/* The length of the sentence at s: up to and including ".", "!" or "?"
 * followed by white space and an upper-case letter or a digit (easy
 * language has no abbreviations with dots to mistake for an end). */
static size_t
sentence_len(const char *s)
{
	const char *p = s;

	for (; *p; p++) {
		const char *q = p + 1;

		if (*p != '.' && *p != '!' && *p != '?')
			continue;
		if (*q != ' ' && *q != '\n' && *q != '\t')
			continue;
		while (*q == ' ' || *q == '\n' || *q == '\t')
			q++;
		if ((*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
		    strncmp(q, "Ä", 2) == 0 || strncmp(q, "Ö", 2) == 0 ||
		    strncmp(q, "Ü", 2) == 0)
			return (size_t)(p + 1 - s);
	}
	return (size_t)(p - s);
}

/* Every sentence a paragraph of its own: the easy-language report puts
 * each statement on its own line. */
static bool
f_sentences(struct rctx *c, const struct expr *e UNUSED, struct val *v,
            const struct val *a UNUSED)
{
	const char *s = v->u.s;
	struct buf one;

	buf_init(&one);
	buf_reset(&c->tmp);
	while (*s) {
		size_t n = sentence_len(s);

		put_para(c, v, &one, s, n);
		s += n;
	}
	buf_free(&one);
	v->t = VT_MD;
	v->u.s = tmp_str(c);
	return true;
}

const struct filter filters[] = {
    {"abs", B(VT_NUM), VT_NUM, 0, 0, {0}, f_abs},
    {"count", B(VT_LIST), VT_NUM, 0, 0, {0}, f_count},
    {"date", B(VT_DATE), VT_STR, 0, 0, {0}, f_date},
    {"default", ~0u, VT_ANY, 1, 1, {VT_ANY}, f_default},
    {"easy_words", B(VT_STR), VT_STR, 0, 0, {0}, f_easy_words},
    {"label", B(VT_STR), VT_STR, 0, 0, {0}, f_label},
    {"lower", B(VT_STR), VT_STR, 0, 0, {0}, f_lower},
    {"month_year", B(VT_DATE), VT_STR, 0, 0, {0}, f_month_year},
    {"number", B(VT_NUM), VT_STR, 0, 1, {VT_NUM}, f_number},
    {"paragraphs", B(VT_STR), VT_MD, 0, 0, {0}, f_paragraphs},
    {"percent", B(VT_NUM), VT_STR, 0, 1, {VT_NUM}, f_percent},
    {"plural", B(VT_NUM), VT_STR, 2, 3, {VT_STR, VT_STR, VT_STR}, f_plural},
    {"sentences", B(VT_STR), VT_MD, 0, 0, {0}, f_sentences},
    {"signed", B(VT_NUM), VT_STR, 0, 1, {VT_NUM}, f_signed},
    {"status", B(VT_STR), VT_STATUS, 0, 0, {0}, f_status},
    {"upper", B(VT_STR), VT_STR, 0, 0, {0}, f_upper},
    {NULL, 0, 0, 0, 0, {0}, NULL},
};
