/*
 * pdf_layout.c - the PDF's layout: text measuring with a per-font width
 * cache, line breaking, the blocks of the document tree turned into
 * vertical boxes of drawing operations, and pagination.
 *
 * A box is the unit a page break may fall between: a line of a
 * paragraph, a table row, a figure.  Each operation in it names the
 * structure element it belongs to, or none (an artifact).  Keep flags
 * chain boxes that must share a page: a heading with what follows, the
 * first and the last two lines of a paragraph, table header rows with
 * the first body row.  Pagination places the chains, breaks before
 * chapters and around the title page, and repeats a table's header
 * rows, as artifacts, at the top of each page it continues on.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyph.h"
#include "pdf_int.h"
#include "style.h"

/* In large print, a table's words up to this many ems stay whole
 * (lay_table()). */
#define SHORT_WORD 6.0

/* Zeroed, as pool_alloc() gives it. */
static void *
palloc(struct ctx *c, size_t n)
{
	return pool_alloc(&c->pool, n);
}

static struct vbox *
new_box(struct ctx *c, double h, double space)
{
	struct vbox *b = palloc(c, sizeof(*b));

	b->h = h;
	b->space = space;
	if (c->tail != NULL)
		c->tail->next = b;
	else
		c->head = b;
	c->tail = b;
	return b;
}

static struct op *
add_op(struct ctx *c, struct vbox *b, enum op_kind k)
{
	struct op *o = palloc(c, sizeof(*o));

	o->kind = k;
	if (b->last != NULL)
		b->last->next = o;
	else
		b->ops = o;
	b->last = o;
	return o;
}

static struct op *
prepend_op(struct ctx *c, struct vbox *b, enum op_kind k)
{
	struct op *o = palloc(c, sizeof(*o));

	o->kind = k;
	o->next = b->ops;
	b->ops = o;
	if (b->last == NULL)
		b->last = o;
	return o;
}

static struct op *
add_rect(struct ctx *c, struct vbox *b, double x, double y, double w, double h,
         struct dr_color col)
{
	struct op *o = add_op(c, b, OP_RECT);

	o->x = x;
	o->y = y;
	o->w = w;
	o->h = h;
	o->color = col;
	o->art = ART_LAYOUT;
	return o;
}

static struct op *
add_line(struct ctx *c, struct vbox *b, double x, double y, double w, double lw,
         struct dr_color col)
{
	struct op *o = add_op(c, b, OP_LINE);

	o->x = x;
	o->y = y;
	o->w = w;
	o->lw = lw;
	o->color = col;
	o->art = ART_LAYOUT;
	return o;
}

static const char *
heading_type(int level)
{
	static const char *const h[] = {"H1", "H2", "H3", "H4", "H5", "H6"};

	if (level < 1)
		level = 1;
	if (level > 6)
		level = 6;
	return h[level - 1];
}

/* ---- fonts and measuring --------------------------------------------- */

/* The advance of cp in font f in 1/1000 em, or -1 if it has no glyph. */
static int
glyph_width(struct ctx *c, int f, unsigned cp)
{
	return pdf_font_width(c->fonts[f], cp);
}

static void
report_glyph(struct ctx *c, const struct pr_node *n, const char *text,
             unsigned cp)
{
	char excerpt[80];
	size_t len = strlen(text);
	const struct src_pos nopos = {NULL, 0, 0};

	c->failed = true;
	if (c->stats != NULL) {
		struct pdf_stats *st = c->stats;
		size_t i;

		for (i = 0; i < st->nmissing && st->missing[i] != cp; i++)
			;
		if (i == st->nmissing && i < PDF_MAX_MISSING)
			st->missing[st->nmissing++] = cp;
	}
	if (c->measuring || c->quiet)
		return;
	/* Cut at a character boundary. */
	if (len > 60) {
		len = 60;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
			len--;
	}
	memcpy(excerpt, text, len);
	excerpt[len] = '\0';
	if (cp > 0xFFFF)
		diag_error(n ? &n->pos : &nopos,
		           "the character U+%04X in \"%s\" is outside the "
		           "Basic Multilingual Plane, which the PDF's fonts "
		           "cannot show; replace it (emoji and rare scripts "
		           "are not supported)",
		           cp, excerpt);
	else
		diag_error(n ? &n->pos : &nopos,
		           "the character U+%04X in \"%s\" is not in the "
		           "report's font (DejaVu Sans); replace it with a "
		           "character the font has (Latin, Greek, Cyrillic "
		           "and common symbols)",
		           cp, excerpt);
}

/*
 * Width of len bytes of s in font f at size; a missing glyph is
 * reported once for `node` (errors: text stops being measured).
 */
double
pdf_text_width(struct ctx *c, int f, double size, const char *s, size_t len,
               const struct pr_node *node, const char *whole)
{
	const char *end = s + len;
	double w = 0;
	unsigned cp, prev = 0;
	int n, gw;

	while (s < end && (n = utf8_decode(s, &cp)) > 0) {
		gw = glyph_width(c, f, cp);
		if (gw < 0) {
			report_glyph(c, node, whole ? whole : s, cp);
			return w * size / 1000.0;
		}
		/* kerned as pdf.c draws it */
		w += gw + (prev ? pdf_font_kern(c->fonts[f], prev, cp) : 0);
		prev = cp;
		s += n;
	}
	return w * size / 1000.0;
}

double
pdf_str_width(struct ctx *c, int f, double size, const char *s)
{
	return pdf_text_width(c, f, size, s, strlen(s), NULL, s);
}

/* ---- inline content: tokenising and line breaking --------------------- */

static void
push_item(struct items *it, enum item_type t, const char *s, size_t len,
          const struct style *st, const struct pr_node *node)
{
	struct item *x;

	if (it->n == it->cap) {
		it->cap = it->cap ? it->cap * 2 : 64;
		it->v = xrealloc(it->v, it->cap * sizeof(*it->v));
	}
	x = &it->v[it->n++];
	x->type = t;
	x->s = s;
	x->len = len;
	x->w = 0;
	x->st = *st;
	x->node = node;
	x->actual = NULL;
	x->hyphen = false;
	x->address = false;
	x->pre = 0;
}

static void
tokenize_text(struct items *it, const char *s, const struct style *st,
              const struct pr_node *node)
{
	const char *p = s;

	while (*p) {
		if (*p == ' ' || *p == '\n' || *p == '\t') {
			while (*p == ' ' || *p == '\n' || *p == '\t')
				p++;
			push_item(it, IT_SPACE, " ", 1, st, node);
		} else {
			const char *q = p;

			while (*q && *q != ' ' && *q != '\n' && *q != '\t')
				q++;
			push_item(it, IT_WORD, p, (size_t)(q - p), st, node);
			p = q;
		}
	}
}

/*
 * A link's target and annotation text, copied: the page may be drawn
 * once the tree is freed (pr_doc_shed()).  Each word of a link is an op
 * of its own: the link laid out last keeps its copies.
 */
static void
link_strings(struct ctx *c, const struct pr_node *n, const char **url,
             const char **contents)
{
	if (c->link_node != n) {
		struct buf b;

		buf_init(&b);
		if (n->u.link.title != NULL && n->u.link.title[0] != '\0')
			buf_puts(&b, n->u.link.title);
		else
			pr_node_text(n, &b);
		c->link_contents = pool_strdup(&c->keep, b.data ? b.data : "");
		c->link_url = n->u.link.url != NULL
		                  ? pool_strdup(&c->keep, n->u.link.url)
		                  : NULL;
		c->link_node = n;
		buf_free(&b);
	}
	*url = c->link_url;
	*contents = c->link_contents;
}

static void
tokenize(struct ctx *c, struct items *it, const struct pr_node *n,
         const struct style *st0)
{
	const struct pr_node *k;
	struct style st;

	for (k = n->first; k != NULL; k = k->next) {
		st = *st0;
		switch (k->type) {
		case PR_TEXT:
			tokenize_text(it, k->u.text.text, &st, k);
			continue;
		case PR_LINEBREAK:
			push_item(it, IT_BREAK, "", 0, &st, k);
			continue;
		case PR_EMPH:
			st.font |= F_IT;
			break;
		case PR_STRONG:
			st.font |= F_BOLD;
			break;
		case PR_LINK:
			if (!c->measuring) {
				st.elem = pdf_tag_elem(c->tag, st.elem, "Link");
				st.link_elem = st.elem;
			}
			st.link = k;
			st.color = C_LINK;
			st.underline = true;
			break;
		case PR_ABBR:
			if (!c->measuring) {
				st.elem = pdf_tag_elem(c->tag, st.elem, "Span");
				pdf_tag_set_str(st.elem, TAG_E,
				                k->u.abbr.expansion);
			}
			break;
		case PR_LANG:
			st.lang = k->u.lang.lang;
			if (!c->measuring) {
				st.elem = pdf_tag_elem(c->tag, st.elem, "Span");
				pdf_tag_set_str(st.elem, TAG_LANG,
				                k->u.lang.lang);
			}
			break;
		case PR_STATUS: {
			const struct status_style *ss =
			    style_for(k->u.status.key);
			struct style sym = st;
			char *s = pool_alloc(&c->pool, strlen(ss->symbol) + 3);

			/* The label says it; the symbol is decoration
			 * glued to it by a no-break space. */
			strcpy(s, ss->symbol);
			strcat(s, "\xC2\xA0");
			sym.font = F_REG;
			sym.color = ss->color;
			sym.artifact = true;
			sym.underline = false;
			push_item(it, IT_WORD, s, strlen(s), &sym, k);
			break;
		}
		default:
			break;
		}
		tokenize(c, it, k, &st);
	}
}

static void
measure_items(struct ctx *c, struct items *it)
{
	size_t i;

	for (i = 0; i < it->n; i++) {
		struct item *x = &it->v[i];
		const char *whole = x->node && x->node->type == PR_TEXT
		                        ? x->node->u.text.text
		                        : x->s;

		if (x->type == IT_BREAK)
			continue;
		x->w = pdf_text_width(c, x->st.font, x->st.size, x->s, x->len,
		                      x->node, whole);
	}
}

/* The width of s[0 .. len) in x's style, without messages (the
 * item was measured whole already). */
static double
part_width(struct ctx *c, const struct item *x, const char *s, size_t len)
{
	double w = 0;
	size_t off = 0;
	unsigned cp, prev = 0;
	int n;

	while (off < len && (n = utf8_decode(s + off, &cp)) > 0) {
		int gw = glyph_width(c, x->st.font, cp);

		w += (gw < 0 ? 0 : gw) +
		     (prev ? pdf_font_kern(c->fonts[x->st.font], prev, cp) : 0);
		prev = cp;
		off += (size_t)n;
	}
	return w * x->st.size / 1000.0;
}

/* The last character of s[0 .. len), or 0. */
static unsigned
last_cp(const char *s, size_t len)
{
	unsigned cp = 0;

	while (len > 0 && ((unsigned char)s[len - 1] & 0xC0) == 0x80)
		len--;
	if (len > 0)
		utf8_decode(s + len - 1, &cp);
	return cp;
}

/* The hyphen drawn after `prev`, with the pair's kerning. */
static double
hyphen_width(struct ctx *c, const struct style *st, unsigned prev)
{
	int gw = glyph_width(c, st->font, '-');

	if (gw < 0)
		return 0;
	if (prev != 0)
		gw += pdf_font_kern(c->fonts[st->font], prev, '-');
	return gw * st->size / 1000.0;
}

/*
 * Splits item i after byte `cut` (0 < cut < len), with a hyphen drawn
 * after the first part if `hyphen`.  The parts become a Span whose
 * ActualText is the whole word (see struct item).
 */
static void
split_item(struct ctx *c, struct items *it, size_t i, size_t cut, bool hyphen)
{
	struct item *x = &it->v[i], tail;
	double w = part_width(c, x, x->s, cut);

	if (x->actual == NULL && x->st.elem != NULL && !x->st.artifact &&
	    !c->measuring) {
		struct tag_elem *span =
		    pdf_tag_elem(c->tag, x->st.elem, "Span");
		char *whole = pool_alloc(&c->pool, x->len + 1);

		memcpy(whole, x->s, x->len);
		whole[x->len] = '\0';
		pdf_tag_set_str(span, TAG_ACTUAL, whole);
		x->st.elem = span;
		x->actual = whole;
	}
	tail = *x;
	tail.address = x->address || hyph_is_address(x->s, x->len);
	tail.s = x->s + cut;
	tail.len = x->len - cut;
	tail.pre = x->pre + cut;
	tail.w =
	    part_width(c, x, x->s + cut, x->len - cut) +
	    (x->hyphen ? hyphen_width(c, &x->st, last_cp(x->s, x->len)) : 0);
	tail.actual = x->actual != NULL ? "" : NULL;
	x->len = cut;
	x->w = w + (hyphen ? hyphen_width(c, &x->st, last_cp(x->s, cut)) : 0);
	x->hyphen = hyphen;
	push_item(it, IT_WORD, "", 0, &tail.st, NULL); /* grow */
	memmove(&it->v[i + 2], &it->v[i + 1],
	        (it->n - i - 2) * sizeof(it->v[0]));
	it->v[i + 1] = tail;
}

/*
 * The break points (enum hy_type, a byte each) of the word made of items
 * a .. b-1, or NULL if it is too short or too long to break; *n is its
 * length in bytes.  Free the result.
 */
static unsigned char *
word_breaks(struct ctx *c, const struct items *it, size_t a, size_t b,
            size_t *n)
{
	unsigned char *brk;
	size_t k, base = 0;

	*n = 0;
	for (k = a; k < b; k++)
		*n += it->v[k].len;
	if (*n < 2 || *n > 4096)
		return NULL;
	brk = xmalloc(*n);
	/* Each part in its own language: "610 Arbeitsplätze" in the
	 * English report is a number and a German word. */
	for (k = a; k < b; base += it->v[k].len, k++) {
		const struct item *x = &it->v[k];
		const char *lang = x->address   ? NULL
		                   : x->st.lang ? x->st.lang
		                                : c->doc->lang;
		unsigned char *whole;

		if (x->pre == 0) {
			hyph_memo_points(c->hyph, lang, x->s, x->len,
			                 brk + base);
			continue;
		}
		/* The rest of a broken word breaks where the word does:
		 * the patterns read "beitsplätze" as a word of its own,
		 * with no point a narrow column could use, and the third
		 * line of "Arbeitsplätze" was cut between letters. */
		whole = xmalloc(x->pre + x->len);
		hyph_memo_points(c->hyph, lang, x->s - x->pre, x->pre + x->len,
		                 whole);
		memcpy(brk + base, whole + x->pre, x->len);
		free(whole);
	}
	return brk;
}

/* The advance of cp in item x's style after prev (0: none), kerned. */
static double
advance(struct ctx *c, const struct item *x, unsigned prev, unsigned cp)
{
	int gw = glyph_width(c, x->st.font, cp);

	if (gw < 0)
		gw = 0;
	if (prev != 0)
		gw += pdf_font_kern(c->fonts[x->st.font], prev, cp);
	return gw * x->st.size / 1000.0;
}

/*
 * The width the word made of items a .. b-1 needs at the least, on a
 * line of its own: its widest part between two break points, with the
 * hyphen a hyphenation point adds (as hyphenate_word() measures).
 */
static double
word_min_width(struct ctx *c, const struct items *it, size_t a, size_t b)
{
	unsigned char *brk;
	size_t k, off, base = 0, n;
	double w = 0, widest = 0;

	brk = word_breaks(c, it, a, b, &n);
	for (k = a; k < b; base += it->v[k].len, k++) {
		const struct item *x = &it->v[k];
		unsigned prev = 0;

		/* hyphenate_word() breaks nothing from an artifact on (a
		 * status's symbol joined to its word) */
		if (x->st.artifact && brk != NULL) {
			free(brk);
			brk = NULL;
		}

		for (off = 0; off < x->len;) {
			unsigned cp;
			int m = utf8_decode(x->s + off, &cp);

			if (m <= 0)
				break;
			w += advance(c, x, prev, cp);
			prev = cp;
			off += (size_t)m;
			if (brk != NULL && base + off < n &&
			    brk[base + off] != HY_NONE) {
				if (brk[base + off] == HY_HYPHEN)
					w += hyphen_width(c, &x->st, cp);
				if (w > widest)
					widest = w;
				w = 0;
				prev = 0;
			}
		}
	}
	free(brk);
	return w > widest ? w : widest;
}

/*
 * Breaks the word made of items a .. b-1 at its last hyphenation point
 * (or plain break, after "/" or "-") whose first part fits `room` and
 * leaves at least `min_rest` bytes for the next line and nearly as many
 * on this one (a line filled by carrying two letters over, or ending in
 * "Da-", reads worse than a shorter one).
 * Returns the index of the item that now ends the line, or (size_t)-1
 * if no point fits.
 */
static size_t
hyphenate_word(struct ctx *c, struct items *it, size_t a, size_t b, double room,
               size_t min_rest)
{
	unsigned char *brk;
	size_t k, off, best = 0, best_k = 0, base = 0, n;
	int best_type = HY_NONE;
	double w = 0;

	if ((brk = word_breaks(c, it, a, b, &n)) == NULL)
		return (size_t)-1;
	/* Forward over the characters, the width of the first part
	 * growing, while it fits. */
	for (k = a; k < b && w <= room; base += it->v[k].len, k++) {
		const struct item *x = &it->v[k];
		unsigned prev = 0;

		if (x->st.artifact)
			break;
		for (off = 0; off < x->len;) {
			unsigned cp;
			int m = utf8_decode(x->s + off, &cp);
			double hw;

			if (m <= 0)
				break;
			w += advance(c, x, prev, cp);
			prev = cp;
			off += (size_t)m;
			hw = hyphen_width(c, &x->st, cp);
			if (w > room)
				break;
			if (base + off < n && n - (base + off) >= min_rest &&
			    base + off >= min_rest - min_rest / 4 &&
			    brk[base + off] != HY_NONE &&
			    w + (brk[base + off] == HY_HYPHEN ? hw : 0) <=
			        room + 0.01) {
				best = off;
				best_k = k;
				best_type = brk[base + off];
			}
		}
	}
	free(brk);
	if (best_type == HY_NONE)
		return (size_t)-1;
	if (best < it->v[best_k].len) {
		split_item(c, it, best_k, best, best_type == HY_HYPHEN);
	} else if (best_type == HY_HYPHEN) {
		/* the point falls between two items: no split */
		it->v[best_k].hyphen = true;
		it->v[best_k].w +=
		    hyphen_width(c, &it->v[best_k].st,
		                 last_cp(it->v[best_k].s, it->v[best_k].len));
	}
	return best_k;
}

/*
 * The last resort for a word wider than the line with no hyphenation
 * point that fits: it is cut after as many characters as fit (at least
 * one), or after a no-break space that fits.
 */
static void
cut_item(struct ctx *c, struct items *it, size_t i, double room)
{
	struct item *x = &it->v[i];
	size_t off = 0, cut = 0;
	double w = 0;
	unsigned cp;
	int n;

	while (off < x->len && (n = utf8_decode(x->s + off, &cp)) > 0) {
		double gw = glyph_width(c, x->st.font, cp);

		gw = gw < 0 ? 0 : gw * x->st.size / 1000.0;
		if (off > 0 && w + gw > room)
			break;
		w += gw;
		off += (size_t)n;
		cut = off;
	}
	if (cut == 0 || cut >= x->len)
		return;
	/* A no-break space joins a number to its unit or an id to its
	 * name; where the whole cannot fit a line it is still a better
	 * place for the break than between two letters. */
	for (size_t at = cut; at > 2; at--)
		if ((unsigned char)x->s[at - 2] == 0xC2 &&
		    (unsigned char)x->s[at - 1] == 0xA0) {
			cut = at;
			break;
		}
	split_item(c, it, i, cut, false);
}

/* How much room a line must have left before its next word is
 * hyphenated: ragged-right text breaks few words that way, a narrow
 * table column still fills. */
static double
hyphen_zone(double width, double size)
{
	return 4 * size < 0.25 * width ? 4 * size : 0.25 * width;
}

/* No more hyphens than this on consecutive lines, unless a word is
 * wider than the line. */
#define HYPHEN_RUN 2

/*
 * Greedy line breaking at spaces.  A word that does not fit the rest of
 * a line is hyphenated when that leaves less of the line empty; a word
 * wider than a line is broken at its hyphenation points, and cut
 * between characters only where it has none (an id, a number).
 */
static size_t
break_lines(struct ctx *c, struct items *it, double width, struct line **out)
{
	struct line *lines = NULL;
	size_t nl = 0, cap = 0, i = 0;
	int run = 0; /* lines ending in a hyphen just before this one */

	while (i < it->n) {
		struct line ln;
		double x = 0;

		while (i < it->n && it->v[i].type == IT_SPACE)
			i++;
		if (i >= it->n)
			break;
		ln.first = i;
		ln.end = i;
		for (;;) {
			size_t j = i, sp = i, k;
			double sw = 0, gw = 0;

			while (j < it->n && it->v[j].type == IT_SPACE)
				sw += it->v[j++].w;
			if (j >= it->n || it->v[j].type == IT_BREAK) {
				i = j < it->n ? j + 1 : j;
				break;
			}
			sp = j;
			while (j < it->n && it->v[j].type == IT_WORD)
				gw += it->v[j++].w;
			if (ln.end == ln.first) {
				/* first word of the line: always taken */
				if (gw > width + 0.01) {
					k = hyphenate_word(c, it, sp, j, width,
					                   0);
					if (k == (size_t)-1) {
						double acc = 0;

						for (k = sp;
						     k + 1 < j &&
						     acc + it->v[k].w <= width;
						     k++)
							acc += it->v[k].w;
						cut_item(c, it, k, width - acc);
					}
					for (x = 0, j = sp; j <= k; j++)
						x += it->v[j].w;
					ln.end = k + 1;
					i = k + 1;
					break;
				}
				ln.end = j;
				x = gw;
				i = j;
			} else if (x + sw + gw <= width + 0.01) {
				ln.end = j;
				x += sw + gw;
				i = j;
			} else {
				double room = width - x - sw;

				i = sp;
				if (!c->no_fill_hyphen && run < HYPHEN_RUN &&
				    room >
				        hyphen_zone(width, it->v[sp].st.size) &&
				    (k = hyphenate_word(c, it, sp, j, room,
				                        4)) != (size_t)-1) {
					x += sw;
					for (j = sp; j <= k; j++)
						x += it->v[j].w;
					ln.end = k + 1;
					i = k + 1;
				}
				break;
			}
		}
		ln.w = x;
		run =
		    ln.end > ln.first && it->v[ln.end - 1].hyphen ? run + 1 : 0;
		ln.draw_end = ln.end;
		if (ln.end < it->n && it->v[ln.end].type == IT_SPACE)
			ln.draw_end = ln.end + 1;
		if (nl == cap) {
			cap = cap ? cap * 2 : 16;
			lines = xrealloc(lines, cap * sizeof(*lines));
		}
		lines[nl++] = ln;
	}
	*out = lines;
	return nl;
}

static bool
same_run(const struct style *a, const struct style *b)
{
	return a->font == b->font && a->size == b->size &&
	       memcmp(&a->color, &b->color, sizeof(a->color)) == 0 &&
	       a->elem == b->elem && a->artifact == b->artifact &&
	       a->link == b->link && a->underline == b->underline;
}

/*
 * Adds the operations of one line to box b: merged text runs at
 * baseline `base`, starting at x; link underlines and annotations.
 */
static void
emit_line(struct ctx *c, struct vbox *b, const struct items *it,
          const struct line *ln, double x, double base, double lead)
{
	size_t i = ln->first;

	while (i < ln->draw_end) {
		const struct style *st = &it->v[i].st;
		size_t j = i;
		double w = 0, wv = 0; /* wv: without the space at a break */
		struct buf t;
		struct op *o;

		buf_init(&t);
		while (j < ln->draw_end && same_run(&it->v[j].st, st) &&
		       it->v[j].type != IT_BREAK) {
			/* pdf.c kerns the run's text as one string */
			if (j > i && t.len > 0 && it->v[j].len > 0) {
				unsigned first;

				utf8_decode(it->v[j].s, &first);
				w += pdf_font_kern(c->fonts[st->font],
				                   last_cp(t.data, t.len),
				                   first) *
				     st->size / 1000.0;
			}
			buf_append(&t, it->v[j].s, it->v[j].len);
			if (it->v[j].hyphen)
				buf_putc(&t, '-');
			w += it->v[j].w;
			if (j < ln->end)
				wv += it->v[j].w;
			j++;
			/* a broken word's part is marked content of its
			 * own, with its ActualText */
			if (it->v[j - 1].actual != NULL)
				break;
		}
		if (j == i) { /* a break item inside: skip */
			buf_free(&t);
			i++;
			continue;
		}
		o = add_op(c, b, OP_TEXT);
		o->x = x;
		o->y = base;
		o->font = st->font;
		o->size = st->size;
		o->color = st->color;
		o->text = pool_strdup(&c->pool, t.data ? t.data : "");
		o->elem = st->artifact ? NULL : st->elem;
		o->art = ART_LAYOUT;
		o->actual = it->v[j - 1].actual;
		buf_free(&t);
		if (st->underline) {
			struct op *u = add_rect(c, b, x, base + st->size * 0.12,
			                        wv, 0.5, st->color);

			/* a broken word's Span holds its text only */
			u->elem = o->actual == NULL ? st->elem : st->link_elem;
		}
		if (st->link != NULL && st->link_elem != NULL) {
			struct op *l = add_op(c, b, OP_LINK);

			l->x = x;
			l->y = base - st->size * 0.95;
			l->w = wv;
			l->h = lead;
			link_strings(c, st->link, &l->url, &l->contents);
			l->elem = st->link_elem;
		}
		x += w;
		i = j;
	}
}

static double
baseline_in(double lead, double size)
{
	return (lead - size) / 2 + size * 0.82;
}

/*
 * Lays out inline content as a paragraph: one box per line, with the
 * keep flags that prevent orphans and widows.  Returns the number of
 * lines; `first` receives the first box.
 */
static size_t
lay_lines(struct ctx *c, struct items *it, const struct frame *f, double indent,
          double lead, double space, bool keep_all, enum pr_align align,
          struct vbox **first)
{
	struct line *lines = NULL;
	size_t n, k;

	measure_items(c, it);
	n = break_lines(c, it, f->w - indent, &lines);
	*first = NULL;
	for (k = 0; k < n; k++) {
		struct vbox *b = new_box(c, lead, k == 0 ? space : 0);
		double x = f->x0 + indent;
		double size = it->v[lines[k].first].st.size;

		if (align == PR_ALIGN_RIGHT)
			x += f->w - indent - lines[k].w;
		else if (align == PR_ALIGN_CENTER)
			x += (f->w - indent - lines[k].w) / 2;
		emit_line(c, b, it, &lines[k], x, baseline_in(lead, size),
		          lead);
		b->title = f->title;
		if (keep_all || (k == 0 && n >= 2) || (n >= 3 && k == n - 2))
			b->keep = true;
		if (k == 0)
			*first = b;
	}
	free(lines);
	return n;
}

/* ---- blocks ------------------------------------------------------------ */

static void lay_blocks(struct ctx *, const struct pr_node *, struct frame *);
static void lay_block_in(struct ctx *, const struct pr_node *, struct frame *);
static void lay_block(struct ctx *, const struct pr_node *, struct frame *);

static struct style
base_style(int font, double size, struct dr_color col, struct tag_elem *e)
{
	struct style st;

	memset(&st, 0, sizeof(st));
	st.font = font;
	st.size = size;
	st.color = col;
	st.elem = e;
	return st;
}

static struct anchor *
new_anchor(struct ctx *c, const struct pr_node *sect, const char *title,
           int level)
{
	struct anchor *a = NULL;

	/* The second pass meets the anchors in the same order and keeps
	 * the pages the first gave them: the TOC, before its headings,
	 * shows their numbers. */
	if (c->drawing && c->anchor_next < c->nanchors)
		return c->anchors[c->anchor_next++];
	/* The TOC may have asked for it already (anchor_for). */
	if (sect != NULL && sect->u.sect.id != NULL)
		a = strmap_get(&c->by_id, sect->u.sect.id);
	if (a == NULL)
		a = pool_alloc(&c->keep, sizeof(*a));
	a->sect = sect;
	a->title = title;
	a->level = level;
	a->page = -1;
	if (c->nanchors == c->capanchors) {
		c->capanchors = c->capanchors ? c->capanchors * 2 : 32;
		c->anchors =
		    xrealloc(c->anchors, c->capanchors * sizeof(*c->anchors));
	}
	c->anchors[c->nanchors++] = a;
	if (sect != NULL && sect->u.sect.id != NULL)
		strmap_put(&c->by_id, pool_strdup(&c->keep, sect->u.sect.id),
		           a);
	return a;
}

static const char *
plain_text(struct ctx *c, const struct pr_node *n)
{
	struct buf b;
	const char *s;

	buf_init(&b);
	pr_node_text(n, &b);
	/* an anchor's title, kept for the bookmarks */
	s = pool_strdup(&c->keep, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

static void
lay_heading(struct ctx *c, const struct pr_node *h, struct frame *f, int level,
            const struct pr_node *sect)
{
	static const double size[] = {20, 15.5, 13, 11.5, 11, 11};
	static const double space[] = {0, 20, 15, 11, 9, 9};
	struct items it = {0};
	struct tag_elem *e = pdf_tag_elem(
	    c->tag, f->parent, heading_type(level + (c->doc_title != NULL)));
	struct style st;
	struct vbox *first;
	double sz = size[level > 6 ? 5 : level - 1] * c->ts;
	struct op *d;

	st = base_style(F_BOLD, sz, level <= 2 ? C_HEAD : C_TEXT, e);
	tokenize(c, &it, h, &st);
	/* A heading breaks a word only where it cannot fit a line. */
	c->no_fill_hyphen = true;
	lay_lines(c, &it, f, 0, sz * 1.3,
	          space[level > 6 ? 5 : level - 1] * c->ts, true, PR_ALIGN_NONE,
	          &first);
	c->no_fill_hyphen = false;
	free(it.v);
	if (first == NULL)
		return;
	first->heading = true;
	d = prepend_op(c, first, OP_DEST);
	d->anchor = new_anchor(c, sect, plain_text(c, h), level);
	if (level == 1) {
		/* a rule under chapter headings */
		struct vbox *r = new_box(c, 10, 0);

		add_line(c, r, f->x0, 4, f->w, 0.8, C_ACCENT);
		r->keep = true;
		r->title = f->title;
	}
}

static void
lay_para(struct ctx *c, const struct pr_node *p, struct frame *f)
{
	struct items it = {0};
	struct tag_elem *e =
	    pdf_tag_elem(c->tag, f->parent, p == c->doc_title ? "H1" : "P");
	struct style st = base_style(F_REG, BODY_SIZE * c->ts, C_TEXT, e);
	struct vbox *first;
	double lead = BODY_LEAD * c->ts, space = PARA_SPACE * c->ts;

	if (f->title) {
		/* Title page: the first paragraph is the title, then a
		 * subtitle, then the rest, set generously. */
		if (f->title_para == 0) {
			/* Large already: its long compounds
			 * ("Verwaltungsdigitalisierung") must fit a
			 * line whole in large print too. */
			st = base_style(F_BOLD, 25, C_HEAD, e);
			lead = 31;
			space = 170;
		} else if (f->title_para == 1) {
			st = base_style(F_REG, 15 * c->ts, C_HEAD, e);
			lead = 20 * c->ts;
			space = 14 * c->ts;
		} else {
			st = base_style(F_REG, BODY_SIZE * c->ts, C_TEXT, e);
			lead = BODY_LEAD * c->ts;
			space = (f->title_para == 2 ? 40 : 6) * c->ts;
		}
		f->title_para++;
	}
	tokenize(c, &it, p, &st);
	c->no_fill_hyphen =
	    (f->title && f->title_para <= 2) || p == c->doc_title;
	lay_lines(c, &it, f, 0, lead, space, false, PR_ALIGN_NONE, &first);
	c->no_fill_hyphen = false;
	if (first != NULL && p == c->doc_title) {
		/* The H1 has its bookmark, as every heading (PDF/UA-1 7.1). */
		struct op *d = prepend_op(c, first, OP_DEST);
		d->anchor = new_anchor(c, NULL, plain_text(c, p), 1);
	}
	if (first != NULL && f->title && space >= 100) {
		/* an accent bar above the title */
		first->space_keep = true;
		prepend_op(c, first, OP_RECT);
		first->ops->x = f->x0;
		first->ops->y = -22;
		first->ops->w = 64;
		first->ops->h = 4;
		first->ops->color = C_ACCENT;
		first->ops->art = ART_LAYOUT;
	}
	free(it.v);
}

static void
lay_list(struct ctx *c, const struct pr_node *l, struct frame *f)
{
	struct tag_elem *le = pdf_tag_elem(c->tag, f->parent, "L");
	const struct pr_node *item;
	int num = l->u.list.start;

	pdf_tag_set_list_numbering(le, l->u.list.ordered ? "Decimal" : "Disc");
	for (item = l->first; item != NULL; item = item->next, num++) {
		struct tag_elem *li = pdf_tag_elem(c->tag, le, "LI");
		struct tag_elem *lbl = pdf_tag_elem(c->tag, li, "Lbl");
		struct tag_elem *body = pdf_tag_elem(c->tag, li, "LBody");
		struct frame sub = *f;
		struct vbox *before = c->tail, *first;
		struct op *o, *t;
		char label[32];

		/* In large print the labels are larger: so is their room. */
		sub.x0 = f->x0 + LIST_INDENT * c->ts;
		sub.w = f->w - LIST_INDENT * c->ts;
		sub.parent = body;
		lay_blocks(c, item->first, &sub);
		first = before != NULL ? before->next : c->head;
		if (first == NULL)
			continue;
		/* items sit closer together than paragraphs */
		first->space = (item == l->first ? PARA_SPACE : 3) * c->ts;
		/* the label sits on the first line's baseline */
		for (t = first->ops; t != NULL && t->kind != OP_TEXT;
		     t = t->next)
			;
		if (l->u.list.ordered)
			snprintf(label, sizeof(label), "%d.", num);
		else
			snprintf(label, sizeof(label), "%s", "\xE2\x80\xA2");
		o = prepend_op(c, first, OP_TEXT);
		o->font = F_REG;
		o->size = t != NULL ? t->size : BODY_SIZE * c->ts;
		o->y = t != NULL
		           ? t->y
		           : baseline_in(BODY_LEAD * c->ts, BODY_SIZE * c->ts);
		o->color = C_TEXT;
		o->text = pool_strdup(&c->pool, label);
		o->elem = lbl;
		/* numbers end at the same place, "9." under "10." */
		o->x = f->x0 + 4;
		if (l->u.list.ordered)
			o->x = f->x0 + LIST_INDENT * c->ts - 4 -
			       pdf_text_width(c, F_REG, o->size, o->text,
			                      strlen(o->text), item, o->text);
	}
}

/* Column widths from content: each column gets at least its longest
 * word and shares the rest in proportion to what it would like. */
/* Columns whose longest words do not fit keep at least this share of
 * the width all of them would get. */
#define TABLE_SHARE_MIN 0.9

static void
column_widths(const double *mn, const double *mx, size_t n, double avail,
              double *w)
{
	double smin = 0, smax = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		smin += mn[i];
		smax += mx[i];
	}
	if (smin > avail) {
		/* Not every column's longest word fits even at the smallest
		 * type: cap the widest columns only, at the width c where
		 * sum(min(mn, c)) fills the line, so that a long compound in
		 * the first column is cut, not "September" or "Abschluss" in
		 * the narrow ones. */
		double lo = 0, hi = 0;

		for (i = 0; i < n; i++)
			if (mn[i] > hi)
				hi = mn[i];
		for (int k = 0; k < 50; k++) {
			double cap = (lo + hi) / 2, sum = 0;

			for (i = 0; i < n; i++)
				sum += mn[i] < cap ? mn[i] : cap;
			if (sum > avail)
				hi = cap;
			else
				lo = cap;
		}
		/* The capped columns break words anyway: they share their
		 * width by how much text they hold, so that their lines
		 * (mx / w) are alike and the rows as short as they can be,
		 * each keeping at least TABLE_SHARE_MIN of the cap.  Equal
		 * widths made a 7-column table's long names one word a
		 * line, its rows two thirds of a page tall. */
		double rest = avail, floor = TABLE_SHARE_MIN * lo, l0, l1;
		size_t ncap = 0;

		for (i = 0; i < n; i++) {
			w[i] = mn[i] < lo ? mn[i] : lo;
			if (mn[i] < lo)
				rest -= mn[i];
			else
				ncap++;
		}
		if (ncap < 2)
			return;
		l0 = 0;
		l1 = 0;
		for (i = 0; i < n; i++)
			if (mn[i] >= lo && mx[i] / floor > l1)
				l1 = mx[i] / floor;
		for (int k = 0; k < 50; k++) {
			double lines = (l0 + l1) / 2, sum = 0;

			for (i = 0; i < n; i++)
				if (mn[i] >= lo)
					sum += mx[i] / lines > floor
					           ? mx[i] / lines
					           : floor;
			if (sum > rest)
				l0 = lines;
			else
				l1 = lines;
		}
		for (i = 0; i < n; i++)
			if (mn[i] >= lo)
				w[i] = mx[i] / l1 > floor ? mx[i] / l1 : floor;
		return;
	}
	for (i = 0; i < n; i++) {
		if (smax <= avail)
			w[i] = mx[i] + (avail - smax) * (mx[i] / smax);
		else if (smax > smin)
			w[i] = mn[i] +
			       (mx[i] - mn[i]) * (avail - smin) / (smax - smin);
		else
			w[i] = mn[i];
	}
}

static struct style
cell_style(const struct ctx *c, const struct pr_node *cell, struct tag_elem *e)
{
	return base_style(cell->u.cell.header ? F_BOLD : F_REG, c->tsize,
	                  C_TEXT, e);
}

/* A cell's widths: *mn of its longest word, *mp of its longest word
 * part between break points (word_min_width(); only in large print,
 * else *mn), *mx of its longest line unbroken. */
static void
measure_cell(struct ctx *c, const struct pr_node *cell, double *mn, double *mp,
             double *mx)
{
	struct items it = {0};
	struct style st = cell_style(c, cell, NULL);
	double word = 0, line = 0, part;
	size_t i, ws = 0;

	c->measuring = true;
	tokenize(c, &it, cell, &st);
	measure_items(c, &it);
	c->measuring = false;
	*mn = *mp = *mx = 0;
	for (i = 0; i < it.n; i++) {
		struct item *x = &it.v[i];

		if (x->type == IT_WORD) {
			if (word == 0)
				ws = i;
			word += x->w;
			line += x->w;
		} else {
			part = word > 0 && c->ts > 1
			           ? word_min_width(c, &it, ws, i)
			           : word;
			if (word > *mn)
				*mn = word;
			if (part > *mp)
				*mp = part;
			word = 0;
			if (x->type == IT_BREAK) {
				if (line > *mx)
					*mx = line;
				line = 0;
			} else
				line += x->w;
		}
	}
	part = word > 0 && c->ts > 1 ? word_min_width(c, &it, ws, it.n) : word;
	if (word > *mn)
		*mn = word;
	if (part > *mp)
		*mp = part;
	if (line > *mx)
		*mx = line;
	*mn += 2 * CELL_PAD_X + 0.5;
	*mp += 2 * CELL_PAD_X + 0.5;
	*mx += 2 * CELL_PAD_X + 0.5;
	free(it.v);
}

/*
 * Makes the boxes after `before` a float (struct vfloat) if they are
 * one keep chain no taller than a page: a figure with its caption, a
 * table that never breaks.  Its element `e` is attached where the
 * pager passes it.  Floats only among a section's blocks: not inside
 * a list or a notice (which hold their boxes: c->hold above the
 * block's own), the title page or the key figures.  Returns the float,
 * or NULL.
 */
static struct vfloat *
mark_float(struct ctx *c, const struct frame *f, struct vbox *before,
           struct tag_elem *e)
{
	struct vbox *first = before != NULL ? before->next : c->head, *b;
	struct vfloat *fl;
	double h = 0;

	if (first == NULL || c->hold != 1 || f->title || f->notice ||
	    c->no_float)
		return NULL;
	for (b = first; b != NULL; b = b->next) {
		if (b != c->tail && !b->keep)
			return NULL;
		if (b->brk_before || b->brk_after)
			return NULL;
		h += (b != first ? b->space : 0) + b->h;
	}
	if (h > BODY_BOTTOM - M_TOP)
		return NULL;
	fl = palloc(c, sizeof(*fl));
	fl->first = first;
	fl->last = c->tail;
	fl->attach.kind = OP_ATTACH;
	fl->attach.elem = e;
	first->fl = fl;
	return fl;
}

static void
lay_table(struct ctx *c, const struct pr_node *t, struct frame *f)
{
	struct tag_elem *te = pdf_tag_elem(c->tag, f->parent, "Table");
	struct tag_elem *thead = NULL, *tbody = NULL;
	struct vbox *before = c->tail;
	const struct pr_node *r, *cell;
	size_t ncols = 0, k, body_no = 0;
	double *mn, *mp, *mx, *w;
	struct thead *th = palloc(c, sizeof(*th));
	bool first_box = true;
	double tw;

	for (r = t->first; r != NULL; r = r->next)
		if (r->type == PR_ROW) {
			for (cell = r->first; cell != NULL; cell = cell->next)
				ncols++;
			break;
		}
	if (ncols == 0)
		return;
	mn = xcalloc(ncols, sizeof(double));
	mp = xcalloc(ncols, sizeof(double));
	mx = xcalloc(ncols, sizeof(double));
	w = xcalloc(ncols, sizeof(double));
	c->tsize = TABLE_SIZE * c->ts;
	c->tlead = TABLE_LEAD * c->ts;
	for (r = t->first; r != NULL; r = r->next) {
		if (r->type != PR_ROW)
			continue;
		for (cell = r->first, k = 0; cell != NULL && k < ncols;
		     cell = cell->next, k++) {
			double a, part, b;

			measure_cell(c, cell, &a, &part, &b);
			if (a > mn[k])
				mn[k] = a;
			if (part > mp[k])
				mp[k] = part;
			if (b > mx[k])
				mx[k] = b;
		}
	}
	{
		/* When the longest words do not fit side by side, set the
		 * table smaller (down to TABLE_MIN) rather than cut words.
		 * In large print, where that took most tables from 12 pt
		 * to 9, long words hyphenate first: a column need not be
		 * wider than SHORT_WORD or its words' widest part between
		 * hyphenation points (word_min_width()), so that short
		 * words ("Aspekt", "September") stay whole and the rest of
		 * the width goes to the columns with the most text; the
		 * table is set smaller only where even that does not fit. */
		double smin = 0, spart = 0, smax = 0;
		double pad = ncols * (2 * CELL_PAD_X + 0.5);
		double scale = 1, avail = f->w;

		for (k = 0; k < ncols; k++) {
			smin += mn[k];
			spart += mp[k];
			smax += mx[k];
		}
		if (c->ts > 1 && smin > f->w) {
			double keep = SHORT_WORD * c->tsize, sk = 0;

			for (k = 0; k < ncols; k++)
				sk += mn[k] <= keep  ? mn[k]
				      : mp[k] > keep ? mp[k]
				                     : keep;
			/* where short words cannot all stay whole, none
			 * need */
			if (sk > f->w)
				keep = 0;
			smin = 0;
			for (k = 0; k < ncols; k++) {
				if (mn[k] > keep)
					mn[k] = mp[k] > keep ? mp[k] : keep;
				smin += mn[k];
			}
		}
		if (smin > f->w && smin > pad) {
			scale = (f->w - pad) / (smin - pad);
			/* TABLE_MIN in large print too: a table set a
			 * little smaller reads better than words cut
			 * between letters. */
			if (scale < TABLE_MIN / (TABLE_SIZE * c->ts))
				scale = TABLE_MIN / (TABLE_SIZE * c->ts);
			for (k = 0; k < ncols; k++) {
				double p = 2 * CELL_PAD_X + 0.5;

				mn[k] = p + (mn[k] - p) * scale;
				mx[k] = p + (mx[k] - p) * scale;
			}
			c->tsize = TABLE_SIZE * c->ts * scale;
			c->tlead = TABLE_LEAD * c->ts * scale;
		}
		/* A table much narrower than the text stays compact. */
		if (smax * scale < 0.7 * f->w)
			avail = smax * scale * 1.25 < 0.7 * f->w
			            ? 0.7 * f->w
			            : smax * scale * 1.25;
		column_widths(mn, mx, ncols, avail, w);
		tw = 0;
		for (k = 0; k < ncols; k++)
			tw += w[k];
	}
	th->rows = pool_alloc(&c->pool, sizeof(struct vbox *) * 64);
	struct vbox *body[TABLE_KEEP_MAX] = {NULL};
	struct vbox *tail[TABLE_KEEP_END] = {NULL};

	/* A table of thousands of rows takes a while; a stop ends the
	 * layout (pdf_layout()). */
	for (r = t->first; r != NULL && pr_stop_signal() == 0; r = r->next) {
		struct tag_elem *tr, *group;
		struct vbox *b;
		double x = f->x0, hmax = 0;
		size_t nc = ncols;

		if (r->type == PR_CAPTION) {
			struct tag_elem *ce =
			    pdf_tag_elem(c->tag, te, "Caption");
			struct items it = {0};
			struct style st =
			    base_style(F_BOLD, 10 * c->ts, C_HEAD, ce);
			struct vbox *fb;
			size_t n;

			tokenize(c, &it, r, &st);
			/* set like a heading */
			c->no_fill_hyphen = true;
			n = lay_lines(c, &it, f, 0, 13.5 * c->ts, 12 * c->ts,
			              true, PR_ALIGN_NONE, &fb);
			c->no_fill_hyphen = false;
			free(it.v);
			if (n > 0) {
				c->tail->h += 3;
				first_box = false;
			}
			continue;
		}
		if (r->type != PR_ROW)
			continue;
		if (r->u.row.header && body_no == 0) {
			if (thead == NULL)
				thead = pdf_tag_elem(c->tag, te, "THead");
			group = thead;
		} else {
			if (tbody == NULL)
				tbody = pdf_tag_elem(c->tag, te, "TBody");
			group = tbody;
		}
		tr = pdf_tag_elem(c->tag, group, "TR");
		b = new_box(c, 0, first_box ? 10 : 0);
		first_box = false;
		/* Lay each cell's lines, then the row is as tall as its
		 * tallest cell. */
		for (cell = r->first, k = 0; cell != NULL && k < nc;
		     cell = cell->next, k++) {
			struct style st = cell_style(c, cell, NULL);
			struct items its = {0};
			struct line *lines;
			size_t nlines;

			c->measuring = true;
			tokenize(c, &its, cell, &st);
			measure_items(c, &its);
			c->measuring = false;
			nlines =
			    break_lines(c, &its, w[k] - 2 * CELL_PAD_X, &lines);
			if (nlines * c->tlead > hmax)
				hmax = nlines * c->tlead;
			free(lines);
			free(its.v);
		}
		b->h = hmax + 2 * CELL_PAD_Y;
		if (r->u.row.header) {
			add_rect(c, b, f->x0, 0, tw, b->h, C_THBG);
			b->header_row = true;
			b->keep = true;
			if (th->n < 64)
				th->rows[th->n++] = b;
		} else {
			if (body_no % 2 == 1)
				add_rect(c, b, f->x0, 0, tw, b->h, C_ZEBRA);
			if (body_no < TABLE_KEEP_MAX)
				body[body_no] = b;
			body_no++;
			tail[(body_no - 1) % TABLE_KEEP_END] = b;
			if (th->n > 0)
				b->thead = th;
		}
		add_op(c, b, OP_ATTACH)->elem = tr;
		/* Tokenise again with the real elements, so links and
		 * spans inside cells are tagged; the geometry is the
		 * same. */
		for (cell = r->first, k = 0; cell != NULL && k < nc;
		     cell = cell->next, k++) {
			bool hdr = cell->u.cell.header;
			struct tag_elem *ce =
			    pdf_tag_elem(c->tag, tr, hdr ? "TH" : "TD");
			struct style st = cell_style(c, cell, ce);
			struct items it = {0};
			struct line *ls;
			size_t n, l;

			if (hdr) {
				enum pr_scope sc = cell->u.cell.scope;

				if (sc == PR_SCOPE_NONE)
					sc = r->u.row.header ? PR_SCOPE_COL
					                     : PR_SCOPE_ROW;
				pdf_tag_set_scope(ce, sc == PR_SCOPE_ROW
				                          ? TAG_SCOPE_ROW
				                          : TAG_SCOPE_COLUMN);
			}
			add_op(c, b, OP_ATTACH)->elem = ce;
			tokenize(c, &it, cell, &st);
			measure_items(c, &it);
			n = break_lines(c, &it, w[k] - 2 * CELL_PAD_X, &ls);
			for (l = 0; l < n; l++) {
				double lx = x + CELL_PAD_X;
				double cw = w[k] - 2 * CELL_PAD_X;

				if (cell->u.cell.align == PR_ALIGN_RIGHT)
					lx += cw - ls[l].w;
				else if (cell->u.cell.align == PR_ALIGN_CENTER)
					lx += (cw - ls[l].w) / 2;
				emit_line(c, b, &it, &ls[l], lx,
				          CELL_PAD_Y + l * c->tlead +
				              baseline_in(c->tlead, c->tsize),
				          c->tlead);
			}
			free(ls);
			free(it.v);
			x += w[k];
		}
		add_line(c, b, f->x0, b->h, tw, r->u.row.header ? 0.9 : 0.35,
		         r->u.row.header ? C_ACCENT : C_RULE);
		b->title = f->title;
	}
	/* Where a table may break: one of up to TABLE_KEEP_MAX body rows
	 * stays whole (with its caption and header, kept to the first
	 * row already); a longer one leaves at least TABLE_KEEP_END rows
	 * on each side of a break, so that no page holds a lone row of
	 * it.  A chain taller than a page breaks anyway (pdf_paginate). */
	if (body_no > 0 && body_no <= TABLE_KEEP_MAX) {
		size_t side =
		    body_no / 2 < TABLE_KEEP_END ? body_no / 2 : TABLE_KEEP_END;

		/* Rows tall enough to leave a page half empty where the
		 * table waits for the next: it may break there, with
		 * `side` rows on each side (give_way()). */
		for (size_t i = 0; i + 1 < body_no; i++) {
			body[i]->keep = true;
			body[i]->soft = side >= 2 && i + 1 >= side &&
			                body_no - (i + 1) >= side;
		}
	} else if (body_no > TABLE_KEEP_MAX) {
		for (size_t i = 0; i + 1 < TABLE_KEEP_END; i++) {
			body[i]->keep = true;
			/* the last rows: tail[] is a ring of the last
			 * TABLE_KEEP_END, oldest at body_no % END */
			tail[(body_no + i) % TABLE_KEEP_END]->keep = true;
		}
	}
	if (c->tail != NULL)
		c->tail->keep = false;
	/* (fig_last compared first: a float of a block before the last
	 * may be gone with its epoch.) */
	if (c->fig_last == before && c->fig_fl != NULL && before->next != NULL)
		before->next->after_figure = true;
	mark_float(c, f, before, te);
	free(mn);
	free(mp);
	free(mx);
	free(w);
}

static void
lay_figure(struct ctx *c, const struct pr_node *fig, struct frame *f)
{
	struct tag_elem *div = pdf_tag_elem(c->tag, f->parent, "Div");
	struct tag_elem *fe = pdf_tag_elem(c->tag, div, "Figure");
	const struct pr_node *k;
	struct frame sub = *f;
	struct vbox *before = c->tail;

	pdf_tag_set_str(fe, TAG_ALT, fig->u.figure.alt);
	for (k = fig->first; k != NULL; k = k->next) {
		if (k->type == PR_DRAWING && k->u.drawing.drawing != NULL) {
			const struct drawing *d = k->u.drawing.drawing;
			/* Wider than the column: scaled down; in large print
			 * charts are drawn narrower (chart_int.h), to be
			 * scaled up.  A narrower drawing keeps its size. */
			double s = d->width > f->w || c->ts > 1
			               ? f->w / d->width
			               : 1.0;
			double hmax = BODY_BOTTOM - M_TOP - 60;

			if (d->height * s > hmax && d->height > 0)
				s = hmax / d->height;
			struct vbox *b = new_box(c, d->height * s + 4, 12);
			struct op *o = add_op(c, b, OP_DRAWING);
			size_t i;

			o->x = f->x0;
			o->y = 2;
			o->w = d->width * s;
			o->h = d->height * s;
			o->scale = s;
			o->drawing = d;
			o->elem = fe;
			o->node = k;
			b->keep = fig->last != k;
			b->title = f->title;
			/* Check the drawing's text against the font now. */
			for (i = 0; i < d->nitems; i++)
				if (d->items[i].op == DR_TEXT &&
				    d->items[i].text != NULL)
					pdf_text_width(c,
					               d->items[i].bold ? F_BOLD
					                                : F_REG,
					               9, d->items[i].text,
					               strlen(d->items[i].text),
					               fig, d->items[i].text);
		} else if (k->type == PR_CAPTION) {
			struct tag_elem *ce =
			    pdf_tag_elem(c->tag, div, "Caption");
			struct items it = {0};
			struct style st =
			    base_style(F_IT, BODY_SIZE * c->ts, C_MUTED, ce);
			struct vbox *fb;

			sub.parent = div;
			tokenize(c, &it, k, &st);
			/* whole, and with the drawing */
			lay_lines(c, &it, &sub, 0, 15 * c->ts, 3, true,
			          PR_ALIGN_NONE, &fb);
			free(it.v);
		}
	}
	if (c->tail != before)
		c->tail->keep = false;
	c->fig_fl = mark_float(c, f, before, div);
	c->fig_last = c->tail;
}

/* Sections listed in the TOC: level <= depth, outside the title page. */
static void
collect_toc(const struct pr_node *n, int depth, const struct pr_node ***v,
            size_t *len, size_t *cap)
{
	const struct pr_node *k;

	for (k = n->first; k != NULL; k = k->next) {
		if (k->type == PR_DIV && k->u.div.cls != NULL &&
		    strcmp(k->u.div.cls, "titlepage") == 0)
			continue;
		if (k->type == PR_SECTION && k->u.sect.level <= depth &&
		    k->first != NULL && k->first->type == PR_HEADING) {
			if (*len == *cap) {
				*cap = *cap ? *cap * 2 : 32;
				*v = xrealloc(*v, *cap * sizeof(**v));
			}
			(*v)[(*len)++] = k;
		}
		if (k->type == PR_SECTION || k->type == PR_DIV)
			collect_toc(k, depth, v, len, cap);
	}
}

static struct anchor *
anchor_for(struct ctx *c, const struct pr_node *sect)
{
	struct anchor *a;

	if (sect->u.sect.id == NULL)
		return NULL;
	a = strmap_get(&c->by_id, sect->u.sect.id);
	if (a == NULL) {
		/* A forward reference: made now, positioned when the
		 * heading is laid out (new_anchor replaces the entry). */
		a = pool_alloc(&c->keep, sizeof(*a));
		a->sect = sect;
		a->page = -1;
		strmap_put(&c->by_id, pool_strdup(&c->keep, sect->u.sect.id),
		           a);
	}
	return a;
}

static void
lay_toc(struct ctx *c, const struct pr_node *toc, struct frame *f)
{
	const struct pr_node **v = NULL, *p;
	size_t n = 0, cap = 0, i;
	struct tag_elem *te;
	bool in_section = false;
	const double numw = 28;

	for (p = toc->parent; p != NULL; p = p->parent)
		if (p->type == PR_SECTION)
			in_section = true;
	if (!in_section && c->doc->toc_title != NULL) {
		/* Outside any section the TOC gets its own level-1
		 * heading, which is also its bookmark. */
		struct tag_elem *h =
		    pdf_tag_elem(c->tag, f->parent,
		                 heading_type(1 + (c->doc_title != NULL)));
		struct items it = {0};
		struct style st = base_style(F_BOLD, 20 * c->ts, C_HEAD, h);
		struct vbox *first, *r;
		struct op *d;

		tokenize_text(&it, c->doc->toc_title, &st, toc);
		lay_lines(c, &it, f, 0, 20 * c->ts * 1.3, 0, true,
		          PR_ALIGN_NONE, &first);
		free(it.v);
		if (first != NULL) {
			/* Like a chapter, it starts a page (after the page
			 * at a glance, say). */
			first->space = 24;
			first->brk_before = true;
			d = prepend_op(c, first, OP_DEST);
			d->anchor = new_anchor(c, NULL, c->doc->toc_title, 1);
		}
		r = new_box(c, 10, 0);
		add_line(c, r, f->x0, 4, f->w, 0.8, C_ACCENT);
		r->keep = true;
	}
	te = pdf_tag_elem(c->tag, f->parent, "TOC");
	collect_toc(c->doc->root, toc->u.toc.depth, &v, &n, &cap);
	c->has_toc = true;
	c->toc_laid = true;
	/* Nested as printed and as the bookmarks are: an entry's
	 * subentries are a TOC inside its TOCI (ISO 32000-1 Table 333),
	 * so a screen reader tells chapters from their sections. */
	struct tag_elem *lists[7] = {te}, *entries[7] = {NULL};
	for (i = 0; i < n; i++) {
		const struct pr_node *s = v[i];
		int level = s->u.sect.level;
		int d = level < 1 ? 0 : level > 7 ? 6 : level - 1;
		for (int k = 1; k <= d; k++)
			if (lists[k] == NULL)
				lists[k] =
				    pdf_tag_elem(c->tag,
				                 entries[k - 1] ? entries[k - 1]
				                                : lists[k - 1],
				                 "TOC");
		struct tag_elem *ti = pdf_tag_elem(c->tag, lists[d], "TOCI");
		entries[d] = ti;
		for (int k = d + 1; k < 7; k++)
			lists[k] = entries[k] = NULL;
		/* ISO 32000-1 Table 333: TOCI holds Reference, Lbl, P,
		 * NonStruct or TOC; the Link goes in a Reference. */
		struct tag_elem *rf = pdf_tag_elem(c->tag, ti, "Reference");
		struct tag_elem *le = pdf_tag_elem(c->tag, rf, "Link");
		struct items it = {0};
		struct style st = base_style(
		    level == 1 ? F_BOLD : F_REG,
		    (level == 1 ? 11.5 : BODY_SIZE) * c->ts, C_TEXT, le);
		struct frame sub = *f;
		struct vbox *first, *last;
		struct op *o;
		double indent = (level - 1) * 16;
		size_t nl;
		struct anchor *a = anchor_for(c, s);

		sub.w = f->w - numw - 6;
		tokenize(c, &it, s->first, &st);
		/* drawn after the last word, so that the title and the
		 * page number read as two words */
		push_item(&it, IT_SPACE, " ", 1, &st, NULL);
		c->quiet = true;
		nl = lay_lines(c, &it, &sub, indent, 16 * c->ts,
		               (level == 1 ? 7 : 1.5) * c->ts, false,
		               PR_ALIGN_NONE, &first);
		free(it.v);
		if (nl == 0 || a == NULL) {
			c->quiet = false;
			continue;
		}
		last = c->tail;
		/* keep an entry's lines together */
		for (struct vbox *b = first; b != last; b = b->next)
			b->keep = true;
		last->keep = false;
		o = add_op(c, last, OP_PAGENUM);
		o->x = f->x0 + f->w;
		o->y = baseline_in(16 * c->ts, st.size);
		o->font = st.font;
		o->size = st.size;
		o->color = C_TEXT;
		o->elem = le;
		o->anchor = a;
		o = add_op(c, last, OP_LEADER);
		{
			/* the leader starts after the last text of the
			 * entry's last line */
			double end = f->x0 + indent;

			for (struct op *t = last->ops; t != NULL; t = t->next)
				if (t->kind == OP_TEXT)
					end = t->x + pdf_str_width(c, t->font,
					                           t->size,
					                           t->text);
			o->x = end + 4;
		}
		o->y = baseline_in(16 * c->ts, st.size);
		o->w = f->x0 + f->w; /* right edge; the number is
		                        subtracted when drawn */
		o->font = st.font;
		o->size = st.size;
		o->color = C_MUTED;
		o->art = ART_LAYOUT;
		/* one annotation over the whole entry */
		{
			double top = 0, h = 0;
			struct vbox *b;

			for (b = first;; b = b->next) {
				h += b->h + (b == first ? 0 : b->space);
				if (b == last)
					break;
			}
			top = -(h - last->h);
			o = add_op(c, last, OP_LINK);
			o->x = f->x0 + indent;
			o->y = top;
			o->w = f->w - indent;
			o->h = h;
			o->elem = le;
			o->anchor = a;
			o->contents = plain_text(c, s->first);
		}
		c->quiet = false;
	}
	free(v);
}

/* Moves the boxes after `from` (up to c->tail) into `into` at x offset 0
 * and its top, one below the other; returns their height. */
static double
stack_boxes(struct vbox *into, struct vbox *from)
{
	double y = 0;
	struct vbox *b;

	for (b = from; b != NULL; b = b->next) {
		struct op *o;

		if (b != from)
			y += b->space;
		for (o = b->ops; o != NULL; o = o->next)
			o->y += y;
		if (b != into && b->ops != NULL) {
			if (into->last != NULL)
				into->last->next = b->ops;
			else
				into->ops = b->ops;
			into->last = b->last;
		}
		y += b->h;
	}
	return y;
}

/*
 * The key figures at a glance: larger type, the first half of the
 * blocks (milestones) in a left column, the rest (indicators) in a
 * right one, side by side on one box that is never split.  The left
 * column's content comes first in the content stream and the
 * structure tree alike, so reading order is left, then right.
 */
static void
lay_keyfigures(struct ctx *c, const struct pr_node *d, struct frame *f)
{
	const struct pr_node *k, *mid;
	struct vbox *before = c->tail, *left, *right, *end_left;
	struct frame col = *f;
	double ts = c->ts, hl, hr;
	size_t n = 0, i;

	for (k = d->first; k != NULL; k = k->next)
		n++;
	for (mid = d->first, i = 0; i < (n + 1) / 2; i++)
		mid = mid->next;
	c->ts = ts * 1.4;
	c->no_float = true;
	col.w = (f->w - 24) / 2;
	for (k = d->first; k != mid; k = k->next)
		lay_block(c, k, &col);
	end_left = c->tail;
	col.x0 = f->x0 + col.w + 24;
	for (k = mid; k != NULL; k = k->next)
		lay_block(c, k, &col);
	c->ts = ts;
	c->no_float = false;
	left = before != NULL ? before->next : c->head;
	right = end_left != NULL ? end_left->next : NULL;
	if (left == NULL || end_left == before)
		return;
	end_left->next = NULL;
	hl = stack_boxes(left, left);
	hr = right != NULL ? stack_boxes(left, right) : 0;
	left->h = hl > hr ? hl : hr;
	left->next = NULL;
	left->keep = false;
	c->tail = left;
}

static void
lay_div(struct ctx *c, const struct pr_node *d, struct frame *f)
{
	const char *cls = d->u.div.cls ? d->u.div.cls : "";
	struct tag_elem *de = pdf_tag_elem(c->tag, f->parent, "Div");
	struct frame sub = *f;
	struct vbox *before = c->tail, *first, *b;

	sub.parent = de;
	if (strcmp(cls, "titlepage") == 0) {
		sub.title = true;
		sub.title_para = 0;
		lay_blocks(c, d->first, &sub);
		first = before != NULL ? before->next : c->head;
		if (first != NULL) {
			first->brk_before = true;
			c->tail->brk_after = true;
		}
		return;
	}
	if (strcmp(cls, "keyfigures") == 0) {
		lay_keyfigures(c, d, &sub);
		return;
	}
	if (strcmp(cls, "notice") != 0) {
		lay_blocks(c, d->first, &sub);
		return;
	}
	/* A framed notice: inset text on a tinted background with an
	 * accent bar; backgrounds are drawn per box so that a notice
	 * may break across pages. */
	sub.x0 = f->x0 + 14;
	sub.w = f->w - 24;
	sub.notice = true;
	lay_blocks(c, d->first, &sub);
	first = before != NULL ? before->next : c->head;
	if (first == NULL)
		return;
	for (b = first; b != NULL; b = b->next) {
		double pad_top = b == first ? 8 : 0;
		double pad_bot = b == c->tail ? 8 : 0;
		double shift = pad_top + (b == first ? 0 : b->space);
		struct op *o;

		for (o = b->ops; o != NULL; o = o->next)
			o->y += shift;
		b->h += shift + pad_bot;
		if (b != first)
			b->space = 0;
		else
			b->space = 12;
		o = prepend_op(c, b, OP_RECT);
		o->x = f->x0;
		o->w = f->w;
		o->h = b->h;
		o->color = C_NOTEBG;
		o->art = ART_LAYOUT;
		o = add_rect(c, b, f->x0, 0, 3, b->h, C_ACCENT);
	}
}

/* A list, a table, a framed notice or the title page changes its boxes
 * after its content is laid out: none of them is placed before it ends.
 * Sections and plain divs leave their boxes as their content made
 * them. */
static bool
holds_boxes(const struct pr_node *n)
{
	if (n->type == PR_SECTION)
		return false;
	if (n->type == PR_DIV)
		return n->u.div.cls != NULL &&
		       (strcmp(n->u.div.cls, "titlepage") == 0 ||
		        strcmp(n->u.div.cls, "notice") == 0);
	return true;
}

static void layout_step(struct ctx *);
static void paginate(struct ctx *, bool final);
static void page_done(struct ctx *);

static void
lay_block(struct ctx *c, const struct pr_node *n, struct frame *f)
{
	bool hold = holds_boxes(n);

	c->hold += hold;
	lay_block_in(c, n, f);
	c->hold -= hold;
}

static void
lay_block_in(struct ctx *c, const struct pr_node *n, struct frame *f)
{
	switch (n->type) {
	case PR_SECTION: {
		struct tag_elem *se;
		struct frame sub = *f;
		struct vbox *before = c->tail, *first;

		if (c->passing != NULL && (!c->has_toc || c->toc_laid))
			c->passing(c->passing_arg, n, c->drawing);
		se = pdf_tag_elem(c->tag, f->parent, "Sect");
		sub.parent = se;
		if (n->first != NULL && n->first->type == PR_HEADING)
			lay_heading(c, n->first, &sub, n->u.sect.level, n);
		first = before != NULL ? before->next : c->head;
		if (first != NULL && n->u.sect.level == 1 && !f->title)
			first->brk_before = true;
		lay_blocks(c,
		           n->first != NULL && n->first->type == PR_HEADING
		               ? n->first->next
		               : n->first,
		           &sub);
		break;
	}
	case PR_PARA:
		lay_para(c, n, f);
		break;
	case PR_LIST:
		lay_list(c, n, f);
		break;
	case PR_TABLE:
		lay_table(c, n, f);
		break;
	case PR_FIGURE:
		lay_figure(c, n, f);
		break;
	case PR_TOC:
		lay_toc(c, n, f);
		break;
	case PR_DIV:
		lay_div(c, n, f);
		break;
	default:
		break;
	}
}

static void
lay_blocks(struct ctx *c, const struct pr_node *n, struct frame *f)
{
	for (; n != NULL && pr_stop_signal() == 0; n = n->next) {
		lay_block(c, n, f);
		if (c->hold == 0)
			layout_step(c);
	}
}

/*
 * Lays out the whole document into c's list of boxes and checks the
 * page furniture's words against the font.  False if a character could
 * not be set (reported), or a stop signal came (not reported).
 */
bool
pdf_layout(struct ctx *c, struct frame *f)
{
	const struct pr_doc *doc = c->doc;

	c->ts = doc->large_print ? LARGE_PRINT : 1;
	/* (the tree's first nodes may be gone when a paragraph asks) */
	c->doc_title = pr_doc_title(doc);
	c->toc_laid = false;
	lay_blocks(c, doc->root->first, f);
	if (doc->running_header != NULL)
		pdf_str_width(c, F_REG, 8, doc->running_header);
	if (doc->page_word != NULL)
		pdf_str_width(c, F_REG, 8, doc->page_word);
	if (doc->of_word != NULL)
		pdf_str_width(c, F_REG, 8, doc->of_word);
	if (doc->draft_mark != NULL)
		pdf_str_width(c, F_BOLD, DRAFT_SIZE, doc->draft_mark);
	if (c->failed || pr_stop_signal() != 0)
		return false;
	if (c->head == NULL)
		new_box(c, 0, 0);
	paginate(c, true);
	while (c->ndone < c->npages)
		page_done(c);
	return !c->failed;
}

/* ---- pagination ---------------------------------------------------------- */

/*
 * Boxes are placed on pages while the layout goes on, at the ends of
 * blocks that no longer change, so that a long report need not hold all
 * its boxes at once.  A page is complete when the next one is opened.
 * The page numbers (the footer's "of N", the TOC's, a link's target)
 * are only known at the end, so a report whose layout grows beyond
 * c->keep_max is laid out twice: the first pass lets complete pages and
 * their boxes go and keeps only the anchors' pages and the page count;
 * the second, which meets the same boxes, draws each page once it is
 * complete and frees its boxes (pdf_render()).
 */

#define EPOCH_BYTES ((size_t)512 * 1024)

static size_t
new_page(struct ctx *c)
{
	if (c->npages == c->cappages) {
		c->cappages = c->cappages ? c->cappages * 2 : 16;
		c->pages = xrealloc(c->pages, c->cappages * sizeof(*c->pages));
	}
	memset(&c->pages[c->npages], 0, sizeof(c->pages[0]));
	return c->npages++;
}

static void
put_placed(struct page *pg, const struct op *o, double top, bool artifact)
{
	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 64;
		pg->p = xrealloc(pg->p, pg->cap * sizeof(*pg->p));
	}
	pg->p[pg->n].op = o;
	pg->p[pg->n].top = top;
	pg->p[pg->n].artifact = artifact;
	pg->n++;
}

static void
place_box(struct ctx *c, size_t pno, const struct vbox *b, double top,
          bool artifact)
{
	const struct op *o;

	for (o = b->ops; o != NULL; o = o->next) {
		if (artifact && (o->kind == OP_ATTACH || o->kind == OP_LINK ||
		                 o->kind == OP_DEST))
			continue;
		put_placed(&c->pages[pno], o, top, artifact);
		if (o->kind == OP_DEST && o->anchor != NULL) {
			o->anchor->page = (int)pno;
			o->anchor->y = top;
		}
	}
}

/*
 * Places the operations of box b whose y lies in [lo, hi), with the box
 * top at `top`; backgrounds taller than the slice are left out.
 */
static void
place_slice(struct ctx *c, size_t pno, const struct vbox *b, double top,
            double lo, double hi)
{
	const struct op *o;

	for (o = b->ops; o != NULL; o = o->next) {
		double y = o->kind == OP_LINK ? o->y + o->h / 2 : o->y;

		if (y < lo || y >= hi)
			continue;
		if ((o->kind == OP_RECT || o->kind == OP_LINE) &&
		    o->h > hi - lo)
			continue;
		put_placed(&c->pages[pno], o, top, false);
		if (o->kind == OP_DEST && o->anchor != NULL) {
			o->anchor->page = (int)pno;
			o->anchor->y = top;
		}
	}
}

/* Frees the epochs whose boxes are all on complete pages. */
static void
release_epochs(struct ctx *c)
{
	size_t k = 0;

	if (!c->dropping && !c->drawing)
		return;
	while (k < c->nepochs && c->epochs[k].done_page >= 0 &&
	       (size_t)c->epochs[k].done_page < c->ndone)
		pool_free(&c->epochs[k++].pool);
	if (k > 0) {
		c->nepochs -= k;
		memmove(c->epochs, c->epochs + k,
		        c->nepochs * sizeof(*c->epochs));
	}
}

/* The oldest page not yet complete is. */
static void
page_done(struct ctx *c)
{
	size_t i = c->ndone;

	if (c->drawing)
		pdf_page_done(c, i);
	else if (c->dropping) {
		free(c->pages[i].p);
		c->pages[i].p = NULL;
		c->pages[i].n = c->pages[i].cap = 0;
	}
	c->ndone++;
	release_epochs(c);
}

static size_t
open_page(struct ctx *c)
{
	size_t pno = new_page(c);

	c->pager.y = M_TOP;
	c->pager.real = 0;
	c->pager.fresh = true;
	while (c->ndone + 1 < c->npages)
		page_done(c);
	return pno;
}

/* An epoch whose last box the pager passed while floats were set
 * aside: they may be among its boxes, so it waits for them. */
#define EPOCH_WAIT (-2)

/* Box b was passed: the epoch it ends knows its page. */
static void
mark_epoch(struct ctx *c, const struct vbox *b)
{
	size_t k;

	for (k = 0; k < c->nepochs; k++)
		if (c->epochs[k].done_page == -1) {
			if (c->epochs[k].last == b)
				c->epochs[k].done_page =
				    c->pager.fq_head != NULL
				        ? EPOCH_WAIT
				        : (int)c->npages - 1;
			return;
		}
}

/* ---- floats ---- */

/* A float is set aside only where it would leave a page less than half
 * full (no page may be, but before a chapter), give or take a line of
 * body text: the pager knows where boxes end, and a page's last text
 * line sits above that.  Fuller pages keep a figure or table where it
 * is, next to the text about it ("the following chart"). */
#define FLOAT_FILL(c) (0.5 * (BODY_BOTTOM - M_TOP) + BODY_LEAD * (c)->ts)

/* Whether the pager sets b aside when it comes to it: b begins a float,
 * and this one or an earlier one is set aside already (floats keep
 * their order). */
static bool
set_aside(const struct ctx *c, const struct vbox *b)
{
	return b->fl != NULL && (b->fl->queued || c->pager.fq_head != NULL);
}

/* A box the floats set aside do not pass: a heading or a chapter's
 * break, so that the headings stay in order for a reader who reads page
 * by page (pdf.js builds a page's structure from the elements drawn on
 * it), and a chart's data table, which the text before the chart
 * announces ("the following chart", "the table below the chart"): a
 * table of five pages read before its chart, set aside after it, was
 * out of the order of both the text and the structure tree.  A float
 * passes paragraphs, lists and other tables. */
static bool
float_stop(const struct vbox *b)
{
	return b->brk_before || b->heading || b->after_figure;
}

/* Whether the floats set aside must be placed before b. */
static bool
is_barrier(const struct ctx *c, const struct vbox *b)
{
	return c->pager.fq_head != NULL && float_stop(b);
}

static void
queue_float(struct ctx *c, struct vfloat *fl)
{
	struct pager *p = &c->pager;

	fl->queued = true;
	fl->next = NULL;
	if (p->fq_tail != NULL)
		p->fq_tail->next = fl;
	else
		p->fq_head = fl;
	p->fq_tail = fl;
}

static double
float_height(const struct vfloat *fl)
{
	const struct vbox *b = fl->first;
	double h = b->h;

	while (b != fl->last) {
		b = b->next;
		h += b->space + b->h;
	}
	return h;
}

/* Places the floats set aside at the top of the page opened last, in
 * their order, as many as fit (the first always does). */
static void
place_floats(struct ctx *c)
{
	struct pager *p = &c->pager;
	size_t pno = c->npages - 1, k;
	struct vfloat *fl;

	while ((fl = p->fq_head) != NULL) {
		const struct vbox *b = fl->first;
		double y = p->y + (p->real > 0 || b->space_keep ? b->space : 0);

		if (p->real > 0 && y + float_height(fl) > BODY_BOTTOM)
			break;
		for (;;) {
			place_box(c, pno, b, y, false);
			y += b->h;
			if (b == fl->last)
				break;
			b = b->next;
			y += b->space;
		}
		p->y = y;
		p->real++;
		fl->queued = false;
		p->fq_head = fl->next;
	}
	if (p->fq_head != NULL)
		return;
	p->fq_tail = NULL;
	for (k = 0; k < c->nepochs; k++)
		if (c->epochs[k].done_page == EPOCH_WAIT)
			c->epochs[k].done_page = (int)pno;
}

/* A page break: the floats set aside open the new page. */
static void
break_page(struct ctx *c)
{
	open_page(c);
	place_floats(c);
}

/* Places all floats set aside, on the next pages. */
static void
flush_floats(struct ctx *c)
{
	while (c->pager.fq_head != NULL) {
		if (c->pager.real > 0)
			open_page(c);
		place_floats(c);
	}
}

/* The box the pager places after k, past the floats it sets aside. */
static struct vbox *
placed_next(const struct ctx *c, const struct vbox *k)
{
	struct vbox *n;

	for (n = k->next; n != NULL && set_aside(c, n); n = n->fl->last->next)
		;
	return n;
}

/*
 * The height of the keep chain that starts with box b after a space
 * sp, as the pager will place it: without the floats it sets aside.
 * *barrier is set when a box after b would have those floats placed
 * first.
 */
static double
chain_height(const struct ctx *c, const struct vbox *b, double sp,
             bool *barrier)
{
	const struct vbox *k = b, *n;
	double ch = sp + b->h;

	*barrier = false;
	while (k->keep) {
		if ((n = placed_next(c, k)) == NULL)
			break;
		if (is_barrier(c, n))
			*barrier = true;
		ch += n->space + n->h;
		k = n;
	}
	return ch;
}

/*
 * The box after fl and the floats that follow it at once (up to one
 * that begins at a heading or a break), NULL where the boxes laid out so
 * far end first.  The run's end found is kept in each float passed on
 * the way: a report of a thousand charts one after another walked the
 * same run again for each of them after each new box, which made its
 * layout quadratic (a fifth of XL's time).
 */
static const struct vbox *
past_floats(struct vfloat *fl)
{
	struct vfloat *g = fl, *h, *next;
	const struct vbox *k;

	for (;;) {
		if (g->run != NULL)
			g = g->run;
		k = g->last->next;
		/* (a chart's data table that is a float of its own goes
		 * with the chart's run) */
		if (k == NULL || k->fl == NULL || k->heading || k->brk_before)
			break;
		g = k->fl;
	}
	/* every float on the way ends its run there too (a run is the
	 * same from each of its floats) */
	for (h = fl; h != g; h = next) {
		next =
		    h->run != NULL && h->run != h ? h->run : h->last->next->fl;
		h->run = g;
	}
	g->run = g;
	return k;
}

/*
 * The height the pager would place after float fl before it must place
 * the floats set aside (at a float_stop()), other
 * floats skipped, up to `need`.  *known is false where the boxes laid
 * out so far end before either.
 */
static double
after_float(struct vfloat *fl, double need, bool *known)
{
	const struct vbox *k = past_floats(fl);
	double h = 0;

	*known = true;
	while (h < need) {
		if (k == NULL) {
			*known = false;
			break;
		}
		if (float_stop(k))
			break;
		if (k->fl != NULL) {
			k = past_floats(k->fl);
			continue;
		}
		h += k->space + k->h;
		k = k->next;
	}
	return h;
}

/* Whether the keep chain from b ends among the boxes laid out so far,
 * also where it goes past a float in it, which may be set aside, and
 * whether what follows such a float is laid out as far as
 * try_set_aside() looks. */
static bool
chain_complete(const struct vbox *b)
{
	const struct vbox *k = b;

	for (;;) {
		if (k->fl != NULL) {
			bool known;

			after_float(k->fl, BODY_BOTTOM - M_TOP, &known);
			if (!known)
				return false;
		}
		if (k != b && k->fl != NULL) {
			k = k->fl->last->next;
			continue;
		}
		if (!k->keep)
			return true;
		if (k->next == NULL)
			return false;
		k = k->next;
	}
}

/*
 * Where the keep chain of box b (after space sp), which does not fit the
 * rest of a page less than FLOAT_FILL full, may break: after the last
 * row of a short table in it that may break (vbox.soft) and still fits.
 * NULL if nowhere.
 */
static struct vbox *
give_point(const struct ctx *c, struct vbox *b, double sp)
{
	const struct pager *p = &c->pager;
	struct vbox *k = b, *n, *best = NULL;
	double h = sp + b->h;

	if (p->y - M_TOP >= FLOAT_FILL(c))
		return NULL;
	while (k->keep && p->y + h <= BODY_BOTTOM) {
		if (k->soft)
			best = k;
		n = placed_next(c, k);
		if (n == NULL || is_barrier(c, n))
			break;
		h += n->space + n->h;
		k = n;
	}
	return best;
}

/* A short table breaks rather than leave the page half empty, where no
 * float of the chain can wait: true if so. */
static bool
give_way(struct ctx *c, struct vbox *b, double sp)
{
	struct vbox *k = give_point(c, b, sp);

	if (k == NULL)
		return false;
	k->keep = false;
	return true;
}

/* The smallest chart text where a chart is set smaller to fit a page. */
#define CHART_MIN(c) ((c)->ts > 1 ? 10.0 : TABLE_MIN)

/*
 * Sets the chart of float fl smaller by `excess` points of height if
 * its smallest text stays at least CHART_MIN: true if so.  Large print
 * draws charts with 11 pt text, which may so give way where a page
 * would stay half empty.
 */
static bool
shrink_chart(const struct ctx *c, struct vfloat *fl, double excess)
{
	struct vbox *b = fl->first;
	struct op *o;
	double fs = 0, s;
	size_t i;

	for (o = b->ops; o != NULL && o->kind != OP_DRAWING; o = o->next)
		;
	if (o == NULL || o->h <= excess)
		return false;
	for (i = 0; i < o->drawing->nitems; i++)
		if (o->drawing->items[i].op == DR_TEXT &&
		    (fs == 0 || o->drawing->items[i].size < fs))
			fs = o->drawing->items[i].size;
	s = o->scale * (o->h - excess) / o->h;
	if (fs <= 0 || fs * s < CHART_MIN(c))
		return false;
	o->w *= s / o->scale;
	o->h -= excess;
	b->h -= excess;
	o->scale = s;
	return true;
}

/*
 * The keep chain of box b (after space sp) does not fit the rest of the
 * page.  If the page is less than FLOAT_FILL full and the chain holds a
 * float, the float is set aside (ASIDE_SET), so that what follows it
 * fills the page: if it is b itself, or what stays of the chain then
 * fits, ends on a box after the float and holds no heading the float
 * may not pass (a heading before the float keeps what comes after it).
 * Where what follows up to the next heading would not fill the page
 * either, a short table in the chain breaks instead (ASIDE_NO, and
 * give_way() breaks it), or a chart is set smaller to fit (ASIDE_SHRUNK).
 */
enum aside { ASIDE_NO, ASIDE_SET, ASIDE_SHRUNK };

static enum aside
try_set_aside(struct ctx *c, struct vbox *b, double sp)
{
	struct pager *p = &c->pager;
	struct vbox *k = b;
	bool barrier, known;
	double need;

	if (p->fq_head != NULL || p->y - M_TOP >= FLOAT_FILL(c))
		return ASIDE_NO;
	while (k->fl == NULL) {
		if (!k->keep || k->next == NULL)
			return ASIDE_NO;
		k = k->next;
	}
	need = FLOAT_FILL(c) + M_TOP - p->y;
	if (after_float(k->fl, need, &known) < need) {
		if (give_point(c, b, sp) != NULL)
			return ASIDE_NO;
		/* a point more: the pager adds up the same heights */
		if (shrink_chart(c, k->fl,
		                 p->y + chain_height(c, b, sp, &barrier) -
		                     BODY_BOTTOM + 1))
			return ASIDE_SHRUNK;
	}
	queue_float(c, k->fl);
	if (k == b)
		return ASIDE_SET;
	if (k->fl->last->next != NULL &&
	    p->y + chain_height(c, b, sp, &barrier) <= BODY_BOTTOM && !barrier)
		return ASIDE_SET;
	k->fl->queued = false;
	p->fq_head = p->fq_tail = NULL;
	return ASIDE_NO;
}

/* A table that goes on below floats at the top of a page takes at least
 * TABLE_KEEP_END rows there (and its repeated header): the height of
 * those from body row b on, or 0 if b is none. */
static double
rows_below_floats(const struct vbox *b)
{
	const struct vbox *k = b;
	double h = 0;
	size_t i;

	if (b->thead == NULL || b->header_row)
		return 0;
	for (i = 0; i < b->thead->n; i++)
		h += b->thead->rows[i]->h;
	for (i = 0; i < TABLE_KEEP_END && k != NULL && k->thead == b->thead;
	     i++, k = k->next)
		h += (k != b ? k->space : 0) + k->h;
	return h;
}

/* The pager passes float fl, set aside: its element takes its place in
 * the structure tree here. */
static void
pass_float(struct ctx *c, struct vfloat *fl)
{
	const struct vbox *b;

	if (!fl->queued)
		queue_float(c, fl);
	put_placed(&c->pages[c->npages - 1], &fl->attach, 0, false);
	for (b = fl->first;; b = b->next) {
		mark_epoch(c, b);
		if (b == fl->last)
			break;
	}
}

/* Places box b, or returns false if it begins a float and sets it
 * aside. */
static bool
place_next(struct ctx *c, struct vbox *b)
{
	struct pager *p = &c->pager;
	size_t pno;
	bool tall, barrier;
	double sp;

	if (p->fq_head != NULL && (p->force || is_barrier(c, b)))
		flush_floats(c);
	if ((b->brk_before || p->force) && p->real > 0)
		open_page(c);
	p->force = false;
	for (;;) {
		sp = p->real > 0 || b->space_keep ? b->space : 0;
		if (!p->prev_keep) {
			double ch = chain_height(c, b, sp, &barrier);

			if (p->y + ch > BODY_BOTTOM && p->real > 0 &&
			    ch <= BODY_BOTTOM - M_TOP) {
				switch (try_set_aside(c, b, sp)) {
				case ASIDE_SET:
					if (b->fl != NULL && b->fl->queued)
						return false;
					continue;
				case ASIDE_SHRUNK:
					continue;
				case ASIDE_NO:
					break;
				}
				if (give_way(c, b, sp))
					continue;
				break_page(c);
				continue;
			}
		}
		if (p->fresh && p->real > 0 &&
		    p->y + sp + rows_below_floats(b) > BODY_BOTTOM) {
			break_page(c);
			continue;
		}
		/* A box taller than a page starts where it is, if a few
		 * lines fit, and continues on the next pages. */
		tall = b->h > BODY_BOTTOM - M_TOP;
		if (p->y + sp + (tall ? 40 : b->h) > BODY_BOTTOM &&
		    p->real > 0) {
			break_page(c);
			continue;
		}
		break;
	}
	pno = c->npages - 1;
	if (p->fresh && b->thead != NULL && !b->header_row) {
		size_t i;

		for (i = 0; i < b->thead->n; i++) {
			place_box(c, pno, b->thead->rows[i], p->y, true);
			p->y += b->thead->rows[i]->h;
		}
	}
	if (tall || b->h > BODY_BOTTOM - p->y) {
		/* Taller than a page (a table row with a very long cell):
		 * its operations go on as many pages as needed, cut
		 * between lines. */
		double lo = 0, top = p->y + sp, h = BODY_BOTTOM - top;

		for (;;) {
			place_slice(c, pno, b, top - lo, lo, lo + h);
			if (lo + h >= b->h)
				break;
			lo += h;
			pno = open_page(c);
			top = M_TOP;
			h = BODY_BOTTOM - M_TOP;
		}
		p->y = top + (b->h - lo);
	} else {
		place_box(c, pno, b, p->y + sp, false);
		p->y += sp + b->h;
	}
	p->real++;
	p->fresh = false;
	if (b->title)
		c->pages[pno].title = true;
	if (b->brk_after)
		p->force = true;
	p->prev_keep = b->keep;
	return true;
}

/*
 * Places the boxes laid out so far whose place no later box can change:
 * all of them at the end, else those before a keep chain still open at
 * the last box.
 */
static void
paginate(struct ctx *c, bool final)
{
	struct pager *p = &c->pager;
	struct vbox *b;

	if (c->head == NULL)
		return;
	if (!p->started) {
		new_page(c);
		p->y = M_TOP;
		p->started = true;
	}
	for (b = p->last != NULL ? p->last->next : c->head; b != NULL;
	     b = b->next) {
		if (!final && !p->prev_keep && !chain_complete(b))
			break;
		if (set_aside(c, b) || !place_next(c, b)) {
			pass_float(c, b->fl);
			b = b->fl->last;
		} else
			mark_epoch(c, b);
		p->last = b;
	}
	if (final)
		flush_floats(c);
}

/* The current epoch's boxes are final: a new epoch takes what follows. */
static void
close_epoch(struct ctx *c)
{
	struct epoch *e;

	if (c->nepochs == c->capepochs) {
		c->capepochs = c->capepochs ? c->capepochs * 2 : 8;
		c->epochs =
		    xrealloc(c->epochs, c->capepochs * sizeof(*c->epochs));
	}
	e = &c->epochs[c->nepochs++];
	e->pool = c->pool;
	e->last = c->tail;
	e->done_page = c->pager.last != c->tail   ? -1
	               : c->pager.fq_head != NULL ? EPOCH_WAIT
	                                          : (int)c->npages - 1;
	pool_init(&c->pool);
}

/* Between two blocks whose boxes are final. */
static void
layout_step(struct ctx *c)
{
	size_t used = pool_size(&c->pool);

	if (!c->dropping && !c->drawing && used > c->keep_max) {
		size_t i;

		/* Too large to keep: from here on, the first pass only
		 * counts pages and places anchors. */
		c->dropping = true;
		for (i = 0; i < c->ndone; i++) {
			free(c->pages[i].p);
			c->pages[i].p = NULL;
			c->pages[i].n = c->pages[i].cap = 0;
		}
	}
	if ((c->dropping || c->drawing) && used > EPOCH_BYTES &&
	    c->tail != NULL)
		close_epoch(c);
	paginate(c, false);
}

/* Forgets the first pass's boxes and pages, keeping its anchors and the
 * page count, for the second. */
void
pdf_layout_reset(struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->nepochs; i++)
		pool_free(&c->epochs[i].pool);
	c->nepochs = 0;
	pool_free(&c->pool);
	for (i = 0; i < c->npages; i++)
		free(c->pages[i].p);
	c->npages = 0;
	c->ndone = 0;
	memset(&c->pager, 0, sizeof(c->pager));
	c->head = c->tail = NULL;
	c->fig_fl = NULL;
	c->fig_last = NULL;
	c->hold = 0;
	c->anchor_next = 0;
}
