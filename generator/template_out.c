/*
 * template_out.c - what evaluation writes: the Markdown-like text, with
 * the template place every line came from (for markup.c's messages),
 * values formatted with the locale and escaped for the markup, and the
 * fragments built as document-tree nodes (components, status symbols,
 * blocks), which stand in the text as markers that markup.c replaces.
 */
#include "template_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
out_line(struct outctx *o, const struct src_pos *p)
{
	if (o->nlines == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 256;
		o->lines = xrealloc(o->lines, o->cap * sizeof(*o->lines));
	}
	o->lines[o->nlines++] = *p;
}

static bool
at_line_start(const struct outctx *o)
{
	return o->text.len == 0 || o->text.data[o->text.len - 1] == '\n';
}

/* Appends s; `literal`: s is template text starting at *pos, so the
 * place moves with it; otherwise every line of s comes from *pos. */
void
out_put(struct outctx *o, const char *s, size_t n, const struct src_pos *pos,
        bool literal)
{
	struct src_pos p = *pos;

	while (n > 0) {
		const char *nl = memchr(s, '\n', n);
		size_t seg = nl ? (size_t)(nl - s) + 1 : n;
		if (at_line_start(o))
			out_line(o, &p);
		buf_append(&o->text, s, seg);
		if (literal)
			advance_pos(&p, s, seg);
		s += seg;
		n -= seg;
	}
}

/* A value as markup_escape() would let it read, for a node of its own:
 * runs of white space as one space, none at either end, control and
 * marker characters as U+FFFD. */
static void
plain_value(struct buf *out, const char *s)
{
	bool space = false;
	size_t k;

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
		    ch == '\f' || ch == '\v') {
			space = out->len > 0;
			continue;
		}
		if (space)
			buf_putc(out, ' ');
		space = false;
		if ((k = markup_hidden(s)) != 0) {
			buf_puts(out, "\xef\xbf\xbd"); /* U+FFFD */
			s += k - 1;
			continue;
		}
		buf_putc(out, (char)ch);
	}
}

static size_t
frag_push(struct rctx *c, struct pr_node *holder)
{
	if (c->frags.n == c->fcap) {
		c->fcap = c->fcap ? c->fcap * 2 : 64;
		c->frags.v =
		    xrealloc(c->frags.v, c->fcap * sizeof(*c->frags.v));
	}
	c->frags.v[c->frags.n] = holder;
	return c->frags.n++;
}

static void
out_inline_frag(struct rctx *c, struct pr_node *holder,
                const struct src_pos *pos)
{
	char m[48];
	size_t i = frag_push(c, holder);

	snprintf(m, sizeof(m), MK_INLINE "%zu" MK_END, i);
	out_put(c->out, m, strlen(m), pos, false);
}

void
out_block_frag(struct rctx *c, struct pr_node *holder,
               const struct src_pos *pos)
{
	char m[48];
	struct outctx *o = c->out;
	size_t i = frag_push(c, holder);

	/* a paragraph of its own: a blank line before and after */
	if (!at_line_start(o)) {
		size_t k = o->text.len;
		while (k > 0 && o->text.data[k - 1] != '\n')
			k--;
		if (!is_blank(o->text.data + k, o->text.len - k)) {
			diag_error(pos, "this tag makes a block (a table, a "
			                "list or the contents) and must stand "
			                "on a line of its own");
			c->failed = true;
		}
	}
	if (o->text.len > 0 && !at_line_start(o))
		out_put(o, "\n", 1, pos, false);
	if (o->text.len > 1 && o->text.data[o->text.len - 2] != '\n')
		out_put(o, "\n", 1, pos, false);
	snprintf(m, sizeof(m), MK_BLOCK "%zu" MK_END "\n\n", i);
	out_put(o, m, strlen(m), pos, false);
}

bool
out_value(struct rctx *c, const struct val *v, const struct src_pos *pos)
{
	struct outctx *o = c->out;

	buf_reset(&c->tmp);
	switch (v->t) {
	case VT_NONE:
		return true;
	case VT_BOOL:
		buf_puts(&c->tmp, locale_str(c->loc, v->u.b ? "bool.true"
		                                            : "bool.false"));
		break;
	case VT_NUM:
		/* Years and small counts read best without grouping
		 * ("2026", not "2.026"); | number groups always. */
		if (v->u.n == floor(v->u.n) && fabs(v->u.n) < 10000) {
			buf_printf(&c->tmp, "%s%.0f", v->u.n < 0 ? "−" : "",
			           fabs(v->u.n));
		} else
			locale_number(c->loc, v->u.n,
			              v->u.n == floor(v->u.n)             ? 0
			              : v->u.n * 10 == floor(v->u.n * 10) ? 1
			                                                  : 2,
			              &c->tmp);
		break;
	case VT_STR:
		buf_puts(&c->tmp, v->u.s);
		break;
	case VT_DATE:
		locale_date(c->loc, v->u.d, &c->tmp);
		break;
	case VT_MD:
		out_put(o, v->u.s, strlen(v->u.s), pos, false);
		return true;
	case VT_STATUS: {
		const char *g = key_group(v->u.s);
		char key[64];
		struct pr_node *holder = pr_node_new(c->doc, PR_PARA, pos);
		struct pr_node *st = pr_new_status(c->doc, pos, v->u.s);
		snprintf(key, sizeof(key), "%s.%s", g ? g : "status", v->u.s);
		pr_append_text(c->doc, st, pos, locale_str(c->loc, key));
		pr_node_append(holder, st);
		out_inline_frag(c, holder, pos);
		return true;
	}
	default:
		diag_error(pos, "this value cannot be printed");
		return false;
	}
	struct buf esc;
	buf_init(&esc);
	if (v->prose && c->text_lang != NULL && c->tmp.len > 0) {
		/* A LANG node, not "[text](lang:xx)": the markup has no
		 * link inside a link, and a template may link input text
		 * ("[{{ m.title }}](#aspect-01a)"). */
		struct pr_node *holder = pr_node_new(c->doc, PR_PARA, pos);
		struct pr_node *span = pr_new_lang(c->doc, pos, c->text_lang);

		plain_value(&esc, c->tmp.data);
		if (esc.len > 0) {
			pr_append_text(c->doc, span, pos, esc.data);
			pr_node_append(holder, span);
			out_inline_frag(c, holder, pos);
		}
		buf_free(&esc);
		return true;
	} else
		markup_escape(&esc, c->tmp.data ? c->tmp.data : "",
		              at_line_start(o));
	out_put(o, esc.data ? esc.data : "", esc.len, pos, false);
	buf_free(&esc);
	return true;
}
