/*
 * template_lex.c - a template file's text cut into items: literal text,
 * placeholders {{ }} and statement tags {% %} (each with its tokens,
 * matched by the pcre2 patterns tmpl_load() compiles), and comments
 * {# #}.  Lines holding only statement tags are dropped whole, so that
 * tags leave no blank lines in the Markdown.  Also the one error
 * routine of the engine, terr().
 */
#include "template_int.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
advance_pos(struct src_pos *p, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			p->line++;
			p->col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80)
			p->col++;
	}
}

void
terr(struct tmpl_set *ts, const struct src_pos *p, const char *fmt, ...)
{
	va_list ap;
	struct buf b;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vprintf(&b, _(fmt), ap);
	va_end(ap);
	diag_error(p, "%s", b.data);
	buf_free(&b);
	ts->failed = true;
	ts->nerrors++;
}

static void
items_push(struct tfile *f, size_t *cap, const struct item *it)
{
	if (f->nitems == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		f->items = xrealloc(f->items, *cap * sizeof(*f->items));
	}
	f->items[f->nitems++] = *it;
}

/* The kind of a token the pattern matched (rc groups, ovector ov),
 * with its value: a string is unescaped (\" and \\), a number read. */
static void
tok_kind(struct tmpl_set *ts, int rc, const PCRE2_SIZE *ov, struct tok *t)
{
	if (rc >= 2 && ov[2] != PCRE2_UNSET) {
		char *s = pool_alloc(&ts->pool, t->len);
		size_t n = 0;
		for (size_t k = 1; k + 1 < t->len; k++) {
			if (t->s[k] == '\\' && k + 2 < t->len)
				k++;
			s[n++] = t->s[k];
		}
		s[n] = '\0';
		t->t = T_STR;
		t->s = s;
		t->len = n;
	} else if (rc >= 3 && ov[4] != PCRE2_UNSET) {
		t->t = T_NUM;
		t->num = strtod(t->s, NULL);
	} else if (rc >= 4 && ov[6] != PCRE2_UNSET)
		t->t = T_ID;
	else
		t->t = T_OP;
}

/* Where the pattern found no token at *off: the end of the file (the
 * tag opened at `open` is not closed) or a character no token has. */
static void
tag_error(struct tmpl_set *ts, const struct tfile *f, size_t off,
          struct src_pos *p, const struct src_pos *open, const char *close)
{
	size_t k = off;

	while (k < f->len && strchr(" \t\r\n", f->text[k]))
		k++;
	advance_pos(p, f->text + off, k - off);
	if (k >= f->len)
		terr(ts, open, "this tag is not closed: \"%s\" is missing",
		     close);
	else
		terr(ts, p,
		     "unexpected character '%c' in a tag; names are letters, "
		     "digits and _, text goes in \"double quotes\"",
		     f->text[k]);
}

/* Tokens of one tag, from `s` to its closing "}}" or "%}". */
static bool
lex_tag(struct tmpl_set *ts, struct tfile *f, size_t *off, struct src_pos *p,
        bool expr, struct item *it)
{
	size_t cap = 8;
	const char *close = expr ? "}}" : "%}";
	struct src_pos open = *p;

	it->toks = xmalloc(cap * sizeof(*it->toks));
	it->ntoks = 0;
	for (;;) {
		int rc = pcre2_match(ts->re_tok, (PCRE2_SPTR)f->text, f->len,
		                     *off, PCRE2_ANCHORED, ts->md, NULL);
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ts->md);
		struct tok t = {0};

		if (rc < 0) {
			tag_error(ts, f, *off, p, &open, close);
			return false;
		}
		/* skip leading white space of the match */
		size_t ws = ov[0];
		while (ws < ov[1] && strchr(" \t\r\n", f->text[ws]))
			ws++;
		advance_pos(p, f->text + *off, ws - *off);
		t.pos = *p;
		t.s = f->text + ws;
		t.len = ov[1] - ws;
		tok_kind(ts, rc, ov, &t);
		advance_pos(p, f->text + ws, ov[1] - ws);
		*off = ov[1];
		if (t.t == T_OP && t.len == 2 &&
		    (memcmp(t.s, "}}", 2) == 0 || memcmp(t.s, "%}", 2) == 0)) {
			if (memcmp(t.s, close, 2) != 0) {
				terr(ts, &t.pos,
				     "this tag opened with \"%s\" must close "
				     "with \"%s\"",
				     expr ? "{{" : "{%", close);
				return false;
			}
			t.t = T_CLOSE;
		}
		if (it->ntoks + 1 >= cap) {
			cap *= 2;
			it->toks = xrealloc(it->toks, cap * sizeof(*it->toks));
		}
		it->toks[it->ntoks++] = t;
		if (t.t == T_CLOSE)
			return true;
	}
}

bool
is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* How much of the text item `before` (item i - 1) to cut so that the
 * statements from item i start their line: its last line's blanks;
 * false if that line holds more, or was begun by an earlier tag. */
static bool
cut_before(const struct item *before, size_t i, size_t *cut)
{
	const char *nl = NULL;

	if (before->t != IT_TEXT)
		return false;
	for (size_t k = before->len; k-- > 0;)
		if (before->s[k] == '\n') {
			nl = before->s + k;
			break;
		}
	size_t from = nl ? (size_t)(nl - before->s) + 1 : 0;
	if (nl == NULL && i - 1 != 0)
		return false; /* text of a line begun by an earlier tag */
	if (!is_blank(before->s + from, before->len - from))
		return false;
	*cut = before->len - from;
	return true;
}

/* How much of the text item `after` (item j) to cut: the rest of the
 * statements' line with its newline; false if it holds more. */
static bool
cut_after(const struct tfile *f, const struct item *after, size_t j,
          size_t *cut)
{
	if (after->t != IT_TEXT)
		return false;
	const char *nl = memchr(after->s, '\n', after->len);
	size_t to = nl ? (size_t)(nl - after->s) + 1 : after->len;
	if (!is_blank(after->s, nl ? to - 1 : to))
		return false;
	if (nl == NULL && j + 1 != f->nitems)
		return false;
	*cut = to;
	return true;
}

/*
 * Drops the lines that hold only statement tags: the spaces before the
 * first tag and the rest of the line after the last one.
 */
static void
trim_tag_lines(struct tfile *f)
{
	size_t i = 0;

	while (i < f->nitems) {
		if (f->items[i].t != IT_STMT) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < f->nitems && f->items[j].t == IT_STMT)
			j++;
		/* i..j-1 are statements; look at the text around them. */
		struct item *before = i > 0 ? &f->items[i - 1] : NULL;
		struct item *after = j < f->nitems ? &f->items[j] : NULL;
		size_t bcut = 0, acut = 0;

		if ((before == NULL || cut_before(before, i, &bcut)) &&
		    (after == NULL || cut_after(f, after, j, &acut))) {
			if (before)
				before->len -= bcut;
			if (after) {
				advance_pos(&after->pos, after->s, acut);
				after->s += acut;
				after->len -= acut;
			}
		}
		i = j;
	}
}

bool
lex_file(struct tmpl_set *ts, struct tfile *f)
{
	size_t off = 0, cap = 0;
	struct src_pos p = {f->name, 1, 1};

	while (off < f->len) {
		int rc = pcre2_match(ts->re_open, (PCRE2_SPTR)f->text, f->len,
		                     off, 0, ts->md, NULL);
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ts->md);
		size_t start = rc < 0 ? f->len : ov[0];
		struct item it = {0};

		if (start > off) {
			it.t = IT_TEXT;
			it.pos = p;
			it.s = f->text + off;
			it.len = start - off;
			items_push(f, &cap, &it);
			advance_pos(&p, f->text + off, start - off);
		}
		if (rc < 0)
			break;
		struct src_pos tagpos = p;
		char kind = f->text[start + 1];
		off = start + 2;
		advance_pos(&p, f->text + start, 2);
		if (kind == '#') {
			const char *end = NULL;
			for (size_t k = off; k + 1 < f->len; k++)
				if (f->text[k] == '#' &&
				    f->text[k + 1] == '}') {
					end = f->text + k;
					break;
				}
			if (end == NULL) {
				terr(ts, &tagpos,
				     "this comment is not "
				     "closed: \"#}\" is missing");
				return false;
			}
			size_t n = (size_t)(end - f->text) + 2 - off;
			advance_pos(&p, f->text + off, n);
			off += n;
			/* A comment counts as a statement for trimming. */
			it.t = IT_STMT;
			it.pos = tagpos;
			it.toks = NULL;
			it.ntoks = 0;
			items_push(f, &cap, &it);
			continue;
		}
		it.t = kind == '{' ? IT_EXPR : IT_STMT;
		it.pos = tagpos;
		if (!lex_tag(ts, f, &off, &p, kind == '{', &it)) {
			free(it.toks);
			return false;
		}
		items_push(f, &cap, &it);
	}
	trim_tag_lines(f);
	/* The markers are the evaluator's own; a template may not fake
	 * them. */
	for (size_t i = 0; i < f->nitems; i++) {
		struct item *it = &f->items[i];
		if (it->t != IT_TEXT)
			continue;
		for (size_t k = 0; k + 2 < it->len; k++)
			if ((unsigned char)it->s[k] == 0xEE &&
			    (unsigned char)it->s[k + 1] == 0x80 &&
			    (unsigned char)it->s[k + 2] <= 0x82) {
				struct src_pos q = it->pos;
				advance_pos(&q, it->s, k);
				terr(ts, &q,
				     "the characters U+E000 to U+E002 "
				     "are reserved and may not be "
				     "used in a template");
				return false;
			}
	}
	return true;
}
